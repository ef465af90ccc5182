#!/usr/bin/env bash
# Builds the vitrine packages for the Raspberry Pi (arm64, armhf) and a PC (amd64), checks each,
# writes their SHA-256 sums and which Raspberry Pi OS each is for, and adds them to a signed apt
# repository that any web server can serve. On a fresh Debian 12 or Ubuntu machine it first
# installs what it needs (apt-get, rustup, cargo-deb). See "Packages and the apt repository"
# in README.md.
#
#   packaging/build.sh                 # everything, into ./packages (the repository: packages/apt)
#   packaging/build.sh setup           # only install the tools
#   packaging/build.sh check DEB...    # only check packages already built
#   packaging/build.sh check-upgrade OLD.deb NEW.deb
#                                      # as root: apt install OLD, apt upgrade to NEW and back in
#                                      # a throwaway Debian 12 root (mmdebstrap; this machine's arch)
#
# Options:
#   --arch LIST          architectures, comma-separated [default: arm64,armhf,amd64]
#   --out DIR            where the packages, SHA256SUMS and PACKAGES.txt go [default: packages]
#   --repo DIR           the apt repository; older versions in it stay [default: OUT/apt]
#   --key-dir DIR        GnuPG home holding the signing key; a key is made if it has none
#                        [default: ~/.local/share/vitrine/apt-key]
#   --key ID             which key of --key-dir signs (e.g. your own, with --key-dir ~/.gnupg)
#   --url URL            where the repository will be served, for the lines printed at the end
#   --deb-version V      package version [default: Cargo.toml's version, revision 1: 0.1.0-1]
#   --profile NAME       Cargo profile [default: dist; CI uses the quicker release]
#   --compare-with BIN   a vitrine binary of this machine whose answers each package must match
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=packaging/checks.sh
. packaging/checks.sh

archs=arm64,armhf,amd64
out=packages
repo=""
key_dir=${XDG_DATA_HOME:-$HOME/.local/share}/vitrine/apt-key
key=""
url=""
deb_version=""
profile=dist
compare_with=""
command=all
files=()
while [ $# -gt 0 ]; do
  case $1 in
  --arch) archs=$2 && shift ;;
  --out) out=$2 && shift ;;
  --repo) repo=$2 && shift ;;
  --key-dir) key_dir=$2 && shift ;;
  --key) key=$2 && shift ;;
  --url) url=${2%/} && shift ;;
  --deb-version) deb_version=$2 && shift ;;
  --profile) profile=$2 && shift ;;
  --compare-with) compare_with=$2 && shift ;;
  -h | --help)
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 0
    ;;
  setup | check | check-upgrade | all) command=$1 ;;
  -*) vitrine_fail "unknown option $1 (see --help)" ;;
  *) files+=("$1") ;;
  esac
  shift
done
repo=${repo:-$out/apt}
read -r -a arch_list <<<"${archs//,/ }"
for arch in "${arch_list[@]}"; do
  vitrine_rust_target "$arch" >/dev/null || vitrine_fail "--arch: $arch is not one of arm64, armhf, amd64"
done

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages, Rust targets and cargo-deb: only what is missing, so a second run is quick.
setup() {
  local wanted=(curl ca-certificates gcc libc6-dev dpkg-dev apt-utils gnupg python3 binutils)
  local arch gnu missing=()
  for arch in "${arch_list[@]}"; do
    gnu=$(vitrine_gnu_triple "$arch")
    if [ "$arch" != "$(dpkg --print-architecture)" ]; then
      wanted+=("gcc-$gnu" "libc6-dev-$arch-cross" "binutils-$gnu" qemu-user)
    fi
  done
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "packaging: installing ${missing[*]}" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
  if ! command -v cargo >/dev/null; then
    [ -x "$HOME/.cargo/bin/cargo" ] || {
      echo "packaging: installing Rust with rustup (https://rustup.rs)" >&2
      curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    }
    export PATH=$HOME/.cargo/bin:$PATH
  fi
  local targets=()
  for arch in "${arch_list[@]}"; do targets+=("$(vitrine_rust_target "$arch")"); done
  rustup target add "${targets[@]}" >/dev/null 2>&1 || rustup target add "${targets[@]}"
  command -v cargo-deb >/dev/null || cargo install cargo-deb --locked --version "^3"
}

# The key that signs the repository; made (no passphrase, ed25519) when KEY_DIR has none.
signing_key() {
  mkdir -p "$key_dir"
  chmod 700 "$key_dir"
  if [ -z "$key" ]; then
    key=$(gpg --homedir "$key_dir" --batch --with-colons --list-secret-keys 2>/dev/null |
      awk -F: '$1 == "fpr" { print $10; exit }')
  fi
  if [ -z "$key" ]; then
    echo "packaging: making a signing key in $key_dir (keep that folder: every later package is signed with it)" >&2
    gpg --homedir "$key_dir" --batch --quiet --passphrase '' \
      --quick-gen-key "vitrine packages <vitrine@$(hostname)>" ed25519 sign never
    key=$(gpg --homedir "$key_dir" --batch --with-colons --list-secret-keys 2>/dev/null |
      awk -F: '$1 == "fpr" { print $10; exit }')
  fi
}

# One package, stamped with its version and git revision (`vitrine --version` says both).
build_package() { # ARCH -> prints the .deb's path
  local arch=$1 revision=""
  if git rev-parse --git-dir >/dev/null 2>&1; then
    revision=$(git rev-parse --short=10 HEAD)
    git diff --quiet HEAD -- 2>/dev/null || revision+="+changes"
  fi
  # This machine's own architecture builds where `cargo build --profile P` does, so CI shares it.
  local target=()
  [ "$arch" = "$(dpkg --print-architecture)" ] || target=(--target "$(vitrine_rust_target "$arch")")
  echo "packaging: building $arch ($deb_version, profile $profile)" >&2
  VITRINE_VERSION=$deb_version VITRINE_REVISION=$revision \
    cargo deb --quiet --profile "$profile" "${target[@]}" \
    --deb-version "$deb_version" --output "$out/" | tail -n 1
}

for_which_pi() { # ARCH
  case $1 in
  arm64) echo "Raspberry Pi OS (64-bit), Bookworm or later: Pi 3, 3+, 4, 400, 5, Zero 2 W, CM3/4/5. The first choice on a Pi 3 or newer." ;;
  armhf) echo "Raspberry Pi OS (32-bit), Bookworm or later: Pi 2 v1.1, 3, 3+, 4, 400, 5, Zero 2 W. Not for the Pi 1, Zero and Zero W (ARMv6)." ;;
  amd64) echo "Not for a Pi: a PC or virtual machine with Debian 12 (or later) or Ubuntu 22.04 (or later), to try vitrine out." ;;
  esac
}

# Adds DEBs to the repository's pool (a version already there must be the very same file),
# indexes the whole pool with apt-ftparchive and signs the index (InRelease, Release.gpg).
make_repository() { # DEB...
  local deb name pool=$repo/pool/main/v/vitrine arch dist=$repo/dists/stable
  mkdir -p "$pool"
  for deb in "$@"; do
    name=$(basename "$deb")
    if [ -f "$pool/$name" ] && ! cmp -s "$deb" "$pool/$name"; then
      vitrine_fail "the repository already has a different $name: give this build another version (--deb-version)"
    fi
    cp "$deb" "$pool/$name"
  done
  for arch in arm64 armhf amd64; do
    mkdir -p "$dist/main/binary-$arch"
    (cd "$repo" && apt-ftparchive --arch "$arch" packages pool) >"$dist/main/binary-$arch/Packages"
    gzip -9nkf "$dist/main/binary-$arch/Packages"
  done
  apt-ftparchive -o APT::FTPArchive::Release::Origin=vitrine \
    -o APT::FTPArchive::Release::Label=vitrine -o APT::FTPArchive::Release::Suite=stable \
    -o APT::FTPArchive::Release::Codename=stable \
    -o APT::FTPArchive::Release::Architectures="arm64 armhf amd64" \
    -o APT::FTPArchive::Release::Components=main \
    -o APT::FTPArchive::Release::Description="vitrine, the screen beside the till" \
    release "$dist" >"$repo/Release.new"
  mv "$repo/Release.new" "$dist/Release"
  rm -f "$dist/InRelease" "$dist/Release.gpg"
  gpg --homedir "$key_dir" --batch --yes --local-user "$key" --clearsign -o "$dist/InRelease" "$dist/Release"
  gpg --homedir "$key_dir" --batch --yes --local-user "$key" --armor --detach-sign -o "$dist/Release.gpg" "$dist/Release"
  gpg --homedir "$key_dir" --batch --yes --export "$key" >"$repo/vitrine.gpg"
}

case $command in
setup)
  setup
  exit 0
  ;;
check)
  [ ${#files[@]} -gt 0 ] || vitrine_fail "check: name the packages to check"
  for deb in "${files[@]}"; do vitrine_check_package "$deb" "$compare_with"; done
  exit 0
  ;;
check-upgrade)
  [ ${#files[@]} = 2 ] || vitrine_fail "check-upgrade: name the older and the newer package"
  [ "$(id -u)" = 0 ] || vitrine_fail "check-upgrade needs root (mmdebstrap, chroot, mount)"
  work=$(mktemp -d)
  trap 'gpgconf --homedir "$work/key" --kill gpg-agent 2>/dev/null; rm -rf "$work"' EXIT
  repo=$work/apt
  key_dir=$work/key
  signing_key 2>/dev/null
  make_repository "${files[@]}"
  vitrine_check_upgrade "$repo" "$repo/vitrine.gpg" \
    "$(dpkg-deb -f "${files[0]}" Version)" "$(dpkg-deb -f "${files[1]}" Version)"
  exit 0
  ;;
esac

setup
if [ -z "$deb_version" ]; then
  deb_version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)-1
fi
mkdir -p "$out"
debs=()
for arch in "${arch_list[@]}"; do
  deb=$(build_package "$arch")
  [ -f "$deb" ] || vitrine_fail "cargo deb did not produce the $arch package"
  debs+=("$deb")
done
# The Pi packages answer as this machine's own package does, when this run built one.
reference=$compare_with
own=""
for deb in "${debs[@]}"; do
  if [ -z "$reference" ] && [ "$(dpkg-deb -f "$deb" Architecture)" = "$(dpkg --print-architecture)" ]; then
    dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/bin/vitrine >"$out/.reference"
    chmod +x "$out/.reference"
    reference=$out/.reference
    own=$deb
  fi
done
for deb in "${debs[@]}"; do
  if [ "$deb" = "$own" ]; then
    vitrine_check_package "$deb"
  else
    vitrine_check_package "$deb" "$reference"
  fi
done
rm -f "$out/.reference"

names=()
for deb in "${debs[@]}"; do names+=("$(basename "$deb")"); done
(cd "$out" && sha256sum "${names[@]}" >SHA256SUMS)
{
  echo "vitrine $deb_version: which package for which machine"
  echo "(on the machine, 'dpkg --print-architecture' says arm64, armhf or amd64)"
  echo
  for deb in "${debs[@]}"; do
    arch=$(dpkg-deb -f "$deb" Architecture)
    basename "$deb"
    echo "    $(for_which_pi "$arch")"
  done
} >"$out/PACKAGES.txt"

signing_key
trap 'gpgconf --homedir "$key_dir" --kill gpg-agent 2>/dev/null || true' EXIT
make_repository "${debs[@]}"
for deb in "${debs[@]}"; do vitrine_check_repository "$repo" "$repo/vitrine.gpg" "$deb"; done

echo
cat "$out/PACKAGES.txt"
echo
echo "SHA-256 ($out/SHA256SUMS):"
sed 's/^/    /' "$out/SHA256SUMS"
echo
echo "apt repository: $repo (serve this folder with any web server); signing key $key"
echo "On the Pi, with the folder served at ${url:-http://<server>/vitrine}:"
echo "    sudo curl -fsSL -o /etc/apt/keyrings/vitrine.gpg ${url:-http://<server>/vitrine}/vitrine.gpg"
echo "    echo 'deb [signed-by=/etc/apt/keyrings/vitrine.gpg] ${url:-http://<server>/vitrine} stable main' | sudo tee /etc/apt/sources.list.d/vitrine.list"
echo "    sudo apt update && sudo apt install vitrine"
