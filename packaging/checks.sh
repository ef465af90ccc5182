# shellcheck shell=bash
# Checks of a vitrine package and of an apt repository, shared by packaging/build.sh and
# .ci/run. Source this file; each check prints one line when it passes and returns non-zero,
# with the reason on stderr, when it does not. Each runs in a subshell of its own (its temporary
# folder, servers and trap stay its own).

# The newest glibc a package may need: Debian 12's and Raspberry Pi OS Bookworm's.
VITRINE_MAX_GLIBC=2.36

vitrine_fail() {
  echo "packaging: $*" >&2
  exit 1
}

# Debian architecture -> Rust target, GNU triple (cross tools, qemu's -L root), qemu-user name.
vitrine_rust_target() {
  case $1 in
  amd64) echo x86_64-unknown-linux-gnu ;;
  arm64) echo aarch64-unknown-linux-gnu ;;
  armhf) echo armv7-unknown-linux-gnueabihf ;;
  *) return 1 ;;
  esac
}
vitrine_gnu_triple() {
  case $1 in
  amd64) echo x86_64-linux-gnu ;;
  arm64) echo aarch64-linux-gnu ;;
  armhf) echo arm-linux-gnueabihf ;;
  *) return 1 ;;
  esac
}
vitrine_qemu() {
  case $1 in
  amd64) echo qemu-x86_64 ;;
  arm64) echo qemu-aarch64 ;;
  armhf) echo qemu-arm ;;
  *) return 1 ;;
  esac
}

# The words that run a binary of ARCH here: nothing for this machine's own architecture,
# qemu-user with the cross libraries otherwise.
vitrine_runner() { # ARCH
  if [ "$1" = "$(dpkg --print-architecture)" ]; then
    return 0
  fi
  echo "$(vitrine_qemu "$1") -L /usr/$(vitrine_gnu_triple "$1")"
}

# Starts a server on a port the kernel picks (its log line names it), its files in WORK.
vitrine_launch() { # WORK NAME COMMAND...
  local work=$1 name=$2
  shift 2
  : >"$work/$name.log"
  "$@" --listen 127.0.0.1:0 --data "$work/$name-data" >>"$work/$name.log" 2>&1 &
  echo $! >"$work/$name.pid"
}

# Prints the base URL of server NAME once its /healthz answers (60 s at most: qemu is slow).
vitrine_url_of() { # WORK NAME
  local work=$1 url="" i
  shift
  for ((i = 0; i < 600; i++)); do
    url=$(grep -o 'serving on http://[0-9.:]*' "$work/$1.log" | head -n 1 | cut -d' ' -f3)
    if [ -n "$url" ] && curl -fsS --max-time 5 -o /dev/null "$url/healthz"; then
      echo "$url"
      return 0
    fi
    sleep 0.1
  done
  cat "$work/$1.log" >&2
  vitrine_fail "$1 did not answer /healthz within 60 s"
}

vitrine_stop_servers() { # WORK
  local work=$1 pidfile
  for pidfile in "$work"/*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  done
  return 0
}

# A package as a Pi would get it: its control fields and files, the glibc its binary needs,
# `vitrine --version`, and the binary serving (under qemu-user for a foreign architecture).
# With REFERENCE (a vitrine binary of this machine), the package's binary must answer
# /healthz, /, /api/screen and /qr.svg with the very same bytes.
vitrine_check_package() ( # DEB [REFERENCE]
  deb=$1
  reference=${2:-}
  [ -f "$deb" ] || vitrine_fail "no package $deb"
  work=$(mktemp -d)
  trap 'vitrine_stop_servers "$work"; rm -rf "$work"' EXIT

  [ "$(dpkg-deb -f "$deb" Package)" = vitrine ] || vitrine_fail "$deb is not the vitrine package"
  arch=$(dpkg-deb -f "$deb" Architecture)
  version=$(dpkg-deb -f "$deb" Version)
  vitrine_rust_target "$arch" >/dev/null || vitrine_fail "$deb: unexpected architecture $arch"
  depends=$(dpkg-deb -f "$deb" Depends)
  libc=$(sed -n 's/.*libc6 (>= \([0-9.]*\)).*/\1/p' <<<"$depends")
  [ -n "$libc" ] || vitrine_fail "$deb does not depend on a libc6 version: $depends"

  dpkg-deb -c "$deb" >"$work/contents"
  for file in usr/bin/vitrine usr/lib/systemd/system/vitrine.service \
    usr/lib/sysusers.d/vitrine.conf usr/share/vitrine/kiosk/install.sh \
    usr/share/vitrine/kiosk/vitrine-kiosk.sh usr/share/vitrine/kiosk/vitrine-screen.sh \
    usr/share/vitrine/kiosk/vitrine-wait.sh usr/share/vitrine/kiosk/vitrine-kiosk.service \
    usr/share/vitrine/kiosk/vitrine-session.sh usr/share/vitrine/kiosk/vitrine-shown.sh \
    usr/share/vitrine/kiosk/vitrine-kiosk.default usr/share/doc/vitrine/README.md; do
    grep -q " \./$file\$" "$work/contents" || vitrine_fail "$file missing from $deb"
  done
  dpkg-deb -e "$deb" "$work/control"
  grep -q 'systemd-sysusers' "$work/control/postinst" || vitrine_fail "postinst does not create the user"
  grep -q 'enable vitrine.service' "$work/control/postinst" || vitrine_fail "postinst does not enable the unit"

  dpkg-deb -x "$deb" "$work/root"
  bin=$work/root/usr/bin/vitrine
  objdump=$(vitrine_gnu_triple "$arch")-objdump
  newest=$("$objdump" -T "$bin" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -n 1)
  newest=${newest#GLIBC_}
  [ -n "$newest" ] || vitrine_fail "$objdump found no glibc symbol in $bin"
  for limit in "$VITRINE_MAX_GLIBC" "$libc"; do
    [ "$(printf '%s\n' "$newest" "$limit" | sort -V | tail -n 1)" = "$limit" ] ||
      vitrine_fail "the $arch binary needs glibc $newest, newer than $limit (Bookworm: $VITRINE_MAX_GLIBC; Depends: $libc)"
  done

  read -r -a run <<<"$(vitrine_runner "$arch")"
  said=$("${run[@]}" "$bin" --version) || vitrine_fail "vitrine --version failed"
  case $said in
  "vitrine $version" | "vitrine $version (git "*) ;;
  *) vitrine_fail "the $arch binary says '$said', but the package is version $version" ;;
  esac

  vitrine_launch "$work" package "${run[@]}" "$bin"
  url=$(vitrine_url_of "$work" package)
  [ "$(curl -fsS "$url/healthz")" = ok ] || vitrine_fail "/healthz does not say ok"
  curl -fsS "$url/" | grep -q '<html' || vitrine_fail "/ is not the display page"
  curl -fsS "$url/qr.svg" | grep -q '<svg' || vitrine_fail "/qr.svg is not an SVG"
  if [ -n "$reference" ]; then
    vitrine_launch "$work" reference "$reference"
    native=$(vitrine_url_of "$work" reference)
    for path in /healthz / /api/screen /qr.svg; do
      curl -fsS "$url$path" -o "$work/package.body"
      curl -fsS "$native$path" -o "$work/reference.body"
      cmp -s "$work/package.body" "$work/reference.body" ||
        vitrine_fail "$path differs between the $arch package and $reference"
    done
  fi
  pid=$(cat "$work/package.pid")
  kill -TERM "$pid"
  wait "$pid" || vitrine_fail "the $arch binary did not exit cleanly on SIGTERM"
  rm "$work/package.pid"
  echo "packaging: $(basename "$deb"): files, glibc $newest (<= $VITRINE_MAX_GLIBC), '$said'," \
    "serves${reference:+ as $reference does}${run[0]:+ under ${run[0]}}"
)

# The throwaway apt configuration of the checks below: this repository only, no trusted key
# but the one named in the sources line, no state of this machine.
vitrine_apt() { # WORK ARCH COMMAND ARGS...
  local work=$1 arch=$2
  shift 2
  "$@" -o Dir::Etc::sourcelist="$work/apt/sources.list" -o Dir::Etc::sourceparts="$work/apt/empty" \
    -o Dir::Etc::trusted="$work/apt/empty/none.gpg" -o Dir::Etc::trustedparts="$work/apt/empty" \
    -o Dir::Etc::preferences="$work/apt/empty/none" -o Dir::Etc::preferencesparts="$work/apt/empty" \
    -o Dir::State="$work/apt/state" -o Dir::State::status="$work/apt/state/status" \
    -o Dir::Cache="$work/apt/cache" -o APT::Architecture="$arch" -o APT::Architectures="$arch" \
    -o APT::Sandbox::User="$(id -un)" -o Debug::NoLocking=1 -o Acquire::Languages=none
}

vitrine_apt_reset() { # WORK URL KEYRING
  local work=$1
  shift
  rm -rf "$work/apt"
  mkdir -p "$work/apt/empty" "$work/apt/state/lists/partial" "$work/apt/cache/archives/partial"
  : >"$work/apt/state/status"
  echo "deb [signed-by=$2] $1 stable main" >"$work/apt/sources.list"
}

# The repository as a Pi sees it through a web server: with its key, `apt-get update` verifies
# the signature and the newest DEB is the candidate; `apt-get download` gets DEB's very bytes;
# with any other key, `apt-get update` refuses the repository and nothing can be installed.
vitrine_check_repository() ( # REPO KEYRING DEB
  repo=$1
  keyring=$(realpath "$2")
  deb=$3
  work=$(mktemp -d)
  trap 'vitrine_stop_servers "$work"; rm -rf "$work"' EXIT
  arch=$(dpkg-deb -f "$deb" Architecture)
  version=$(dpkg-deb -f "$deb" Version)

  url=$(vitrine_serve_folder "$work" "$repo")/

  vitrine_apt_reset "$work" "$url" "$keyring"
  vitrine_apt "$work" "$arch" apt-get update --error-on=any >"$work/update" 2>&1 ||
    vitrine_fail "apt-get update refused the repository: $(cat "$work/update")"
  policy=$(vitrine_apt "$work" "$arch" apt-cache policy vitrine)
  grep -q "Candidate: $version\$" <<<"$policy" || vitrine_fail "apt-cache policy does not offer $version: $policy"
  (cd "$work" && vitrine_apt "$work" "$arch" apt-get download -q vitrine >/dev/null) ||
    vitrine_fail "apt-get download vitrine failed"
  cmp -s "$deb" "$work/vitrine_${version/:/%3a}_$arch.deb" ||
    vitrine_fail "apt-get download did not get the bytes of $deb"

  gpg --homedir "$work" --batch --quiet --passphrase '' --quick-gen-key 'someone else' ed25519 sign never 2>/dev/null
  gpg --homedir "$work" --batch --export >"$work/other.gpg"
  gpgconf --homedir "$work" --kill gpg-agent 2>/dev/null || true
  vitrine_apt_reset "$work" "$url" "$work/other.gpg"
  if vitrine_apt "$work" "$arch" apt-get update --error-on=any >"$work/update" 2>&1; then
    vitrine_fail "apt-get update accepted the repository with another key: $(cat "$work/update")"
  fi
  grep -q 'NO_PUBKEY\|not signed' "$work/update" ||
    vitrine_fail "apt-get update failed, but not on the signature: $(cat "$work/update")"
  vitrine_apt "$work" "$arch" apt-cache policy vitrine | grep -q 'Candidate: [0-9]' &&
    vitrine_fail "with another key, apt still offers vitrine"
  versions=$(grep -c '^Version:' "$repo/dists/stable/main/binary-$arch/Packages")
  echo "packaging: repository verified with its key ($arch: $versions version(s), candidate" \
    "$version, download identical), refused with another key"
)

# Serves folder DIR on a loopback port (python3's http.server) and prints its URL; the server's
# pid goes to WORK/http.pid so vitrine_stop_servers ends it.
vitrine_serve_folder() { # WORK DIR
  local work=$1 i port=""
  : >"$work/http.log"
  python3 -u -m http.server --bind 127.0.0.1 --directory "$2" 0 >>"$work/http.log" 2>&1 &
  echo $! >"$work/http.pid"
  for ((i = 0; i < 100; i++)); do
    port=$(sed -n 's/.* port \([0-9]*\) .*/\1/p' "$work/http.log" | head -n 1)
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || vitrine_fail "python3 -m http.server did not start: $(cat "$work/http.log")"
  echo "http://127.0.0.1:$port"
}

# An install and an upgrade from the repository as the README tells a Pi to do them, in a
# throwaway Debian 12 root (mmdebstrap; needs root and a Debian mirror): `apt install
# vitrine=OLD`, a password, a token and a content change, `apt upgrade` to NEW, then the same
# password hash, token and content under NEW, and `apt install --allow-downgrades vitrine=OLD`
# back. REPO must hold both versions for the root's architecture (this machine's).
vitrine_check_upgrade() ( # REPO KEYRING OLD_VERSION NEW_VERSION
  repo=$1
  keyring=$2
  old=$3
  new=$4
  work=$(mktemp -d)
  root=$work/root
  trap 'vitrine_stop_servers "$work"; umount -l "$root/proc" "$root/dev" 2>/dev/null; rm -rf "$work"' EXIT
  in_root() { chroot "$root" "$@"; }

  mmdebstrap --quiet --variant=apt --include=systemd,curl,ca-certificates bookworm "$root" \
    >"$work/mmdebstrap.log" 2>&1 || vitrine_fail "mmdebstrap failed: $(tail -n 20 "$work/mmdebstrap.log")"
  if ! mount -t proc proc "$root/proc" || ! mount --bind /dev "$root/dev"; then
    vitrine_fail "could not mount /proc and /dev in the Debian 12 root (a container without mount rights?)"
  fi
  url=$(vitrine_serve_folder "$work" "$repo")

  # The README's three lines, the key copied rather than fetched; no other source.
  rm -f "$root/etc/apt/sources.list" "$root"/etc/apt/sources.list.d/*
  cp "$keyring" "$root/etc/apt/keyrings/vitrine.gpg"
  echo "deb [signed-by=/etc/apt/keyrings/vitrine.gpg] $url stable main" >"$root/etc/apt/sources.list.d/vitrine.list"
  in_root apt-get update -qq --error-on=any || vitrine_fail "apt-get update failed in the Debian 12 root"
  DEBIAN_FRONTEND=noninteractive in_root apt-get install -y -qq "vitrine=$old" >"$work/install.log" 2>&1 ||
    vitrine_fail "apt-get install vitrine=$old failed: $(tail -n 20 "$work/install.log")"
  in_root vitrine --version | grep -q "^vitrine $old" || vitrine_fail "vitrine $old is not what got installed"
  in_root getent passwd vitrine >/dev/null || vitrine_fail "the package did not create the user vitrine"

  data=/var/lib/vitrine
  printf '%s\n' 'une phrase de passe assez longue' | in_root vitrine passwd --data "$data" >/dev/null 2>&1 ||
    vitrine_fail "vitrine passwd failed"
  token=$(in_root vitrine token upgrade-check --data "$data" 2>/dev/null) || vitrine_fail "vitrine token failed"
  : >"$work/before.log"
  chroot "$root" vitrine serve --listen 127.0.0.1:0 --data "$data" >>"$work/before.log" 2>&1 &
  echo $! >"$work/before.pid"
  server=$(vitrine_url_of "$work" before)
  etag=$(curl -fsS -D - -o "$work/content.json" "$server/api/content" | sed -n 's/^[Ee][Tt]ag: *\([^[:space:]]*\).*/\1/p')
  python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); c["community"]["name"]="Kept across upgrades"; json.dump(c,open(sys.argv[1],"w"))' "$work/content.json"
  curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -H "If-Match: $etag" --data-binary @"$work/content.json" "$server/api/content" ||
    vitrine_fail "could not save content through the API before the upgrade"
  kill "$(cat "$work/before.pid")" && rm "$work/before.pid"
  # Every file of the data folder (content, history, accounts and password hashes, tokens).
  (cd "$root$data" && find . -type f -print0 | sort -z | xargs -0 sha256sum) >"$work/before.sums"
  for file in content.json api-tokens.json; do
    grep -q " \./$file\$" "$work/before.sums" || vitrine_fail "no $file in the data folder before the upgrade"
  done
  [ "$(wc -l <"$work/before.sums")" -ge 4 ] || vitrine_fail "too few files in the data folder: $(cat "$work/before.sums")"

  DEBIAN_FRONTEND=noninteractive in_root apt-get upgrade -y -qq >"$work/upgrade.log" 2>&1 ||
    vitrine_fail "apt-get upgrade failed: $(tail -n 20 "$work/upgrade.log")"
  in_root vitrine --version | grep -q "^vitrine $new" || vitrine_fail "apt-get upgrade did not bring $new"
  (cd "$root$data" && find . -type f -print0 | sort -z | xargs -0 sha256sum) >"$work/after.sums"
  cmp -s "$work/before.sums" "$work/after.sums" ||
    vitrine_fail "the upgrade changed the data folder: $(diff "$work/before.sums" "$work/after.sums")"
  : >"$work/after.log"
  chroot "$root" vitrine serve --listen 127.0.0.1:0 --data "$data" >>"$work/after.log" 2>&1 &
  echo $! >"$work/after.pid"
  server=$(vitrine_url_of "$work" after)
  curl -fsS -D "$work/headers" -o "$work/content.json" "$server/api/content"
  grep -q '"Kept across upgrades"' "$work/content.json" || vitrine_fail "the content did not survive the upgrade"
  etag=$(sed -n 's/^[Ee][Tt]ag: *\([^[:space:]]*\).*/\1/p' "$work/headers")
  curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -H "If-Match: $etag" --data-binary @"$work/content.json" "$server/api/content" ||
    vitrine_fail "the API token no longer works after the upgrade"
  kill "$(cat "$work/after.pid")" && rm "$work/after.pid"

  DEBIAN_FRONTEND=noninteractive in_root apt-get install -y -qq --allow-downgrades "vitrine=$old" \
    >"$work/downgrade.log" 2>&1 || vitrine_fail "going back to $old failed: $(tail -n 20 "$work/downgrade.log")"
  in_root vitrine --version | grep -q "^vitrine $old" || vitrine_fail "the downgrade did not bring $old back"
  grep -q '"Kept across upgrades"' "$root$data/content.json" || vitrine_fail "the content did not survive the downgrade"
  echo "packaging: apt install $old, apt upgrade to $new (the $(wc -l <"$work/before.sums") files of" \
    "the data folder unchanged: accounts, token, content; the token still saves), back to $old: ok"
)
