#!/bin/bash
# Makes a Raspberry Pi OS Bookworm boot straight into the vitrine display, and keeps it there.
#
#   With a desktop (labwc, or wayfire on older images): Chromium starts from the desktop
#   user's compositor autostart; the desktop logs in by itself (raspi-config's autologin).
#   Lite (no desktop): installs cage and Chromium and a systemd unit, vitrine-kiosk.service,
#   that runs them on tty1 as the user vitrine-kiosk, without any autologin.
#   Both: screen blanking off, /etc/default/vitrine-kiosk written once (never overwritten).
#
# Safe to run again: it changes only what differs and says what it did.
# Usage: sudo install.sh [--dry-run] [--desktop | --lite] [--user NAME] [--root DIR]
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: sudo install.sh [options]

Sets up this Raspberry Pi to show the vitrine display full screen at every boot.

Options:
  --dry-run      print what would be done, change nothing
  --desktop      set up for Raspberry Pi OS with desktop (default: detected)
  --lite         set up for Raspberry Pi OS Lite (default: detected)
  --user NAME    the desktop user whose session shows the display (default: detected)
  --root DIR     write the files under DIR instead of /, and only print the commands
                 (apt-get, systemctl, useradd, raspi-config) that act on the running system
  -h, --help     this help
USAGE
}

dry_run=0
root=/
mode=auto
desktop_user=""
while (($#)); do
  case $1 in
    --dry-run) dry_run=1 ;;
    --desktop) mode=desktop ;;
    --lite) mode=lite ;;
    --user)
      (($# >= 2)) || { echo "install.sh: --user needs a name" >&2; exit 2; }
      desktop_user=$2
      shift
      ;;
    --root)
      (($# >= 2)) || { echo "install.sh: --root needs a folder" >&2; exit 2; }
      root=$2
      shift
      ;;
    -h | --help) usage; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
root=${root%/}
if [ -n "$root" ] && [ ! -d "$root" ]; then
  echo "install.sh: --root $root is not a folder" >&2
  exit 2
fi

# The kiosk scripts stay where they are (/usr/share/vitrine/kiosk from the .deb, or this
# checkout); the autostart entries and the unit point at them.
kiosk_dir=$(dirname "$(readlink -f "$0")")
changes=0

say() { echo "install.sh: $*"; }

# Runs a command that acts on the running system; only prints it under --dry-run or --root.
run() {
  if ((dry_run)); then
    say "would run: $*"
  elif [ -n "$root" ]; then
    say "skipped (not on /): $*"
  else
    say "running: $*"
    "$@"
  fi
}

# Writes stdin to PATH (under the root) with MODE, only if its content differs.
put() { # PATH MODE
  local path=$root$1 mode=$2 new
  new=$(cat)
  if [ -f "$path" ] && [ "$(cat "$path")" = "$new" ]; then
    return 0
  fi
  changes=$((changes + 1))
  if ((dry_run)); then
    say "would write $1"
    return 0
  fi
  say "writing $1"
  mkdir -p "$(dirname "$path")"
  printf '%s\n' "$new" >"$path.vitrine-new"
  chmod "$mode" "$path.vitrine-new"
  mv "$path.vitrine-new" "$path"
}

# Writes stdin to PATH only if PATH does not exist yet (settings the admin may have edited).
put_once() { # PATH MODE
  if [ -e "$root$1" ]; then
    cat >/dev/null
    return 0
  fi
  put "$@"
}

# Appends LINE to PATH unless the file already has it.
ensure_line() { # PATH LINE
  local path=$root$1
  if [ -f "$path" ] && grep -qxF -- "$2" "$path"; then
    return 0
  fi
  changes=$((changes + 1))
  if ((dry_run)); then
    say "would add to $1: $2"
    return 0
  fi
  say "adding to $1: $2"
  mkdir -p "$(dirname "$path")"
  printf '%s\n' "$2" >>"$path"
}

# Sets KEY = VALUE in [SECTION] of an ini file (wayfire.ini), adding what is missing.
ini_set() { # PATH SECTION KEY VALUE
  local path=$root$1 section=$2 key=$3 value=$4 new
  new=$(
    if [ -f "$path" ]; then cat "$path"; fi | awk -v s="[$section]" -v k="$key" -v v="$value" '
      function emit() { print k " = " v; done = 1 }
      # Blank lines are held back so that a key added to a section lands before them.
      function flush() { while (blank > 0) { print ""; blank-- } }
      /^[ \t]*$/ { blank++; next }
      /^\[/ { if (in_s && !done) emit(); flush(); in_s = ($0 == s); if (in_s) seen = 1; print; next }
      in_s && !done && $0 ~ "^[ \t]*" k "[ \t]*=" { flush(); emit(); next }
      { flush(); print }
      END { if (in_s && !done) emit(); flush(); if (!seen) { if (NR) print ""; print s; emit() } }'
  )
  put "$1" 0644 <<<"$new"
}

is_desktop() {
  [ -x "$root/usr/bin/labwc" ] || [ -x "$root/usr/bin/wayfire" ] || [ -x "$root/usr/sbin/lightdm" ]
}

# The user who owns the desktop session: --user, then sudo's caller, then lightdm's
# autologin user, then the first ordinary account (uid 1000, the one the imager creates).
find_desktop_user() {
  local user=$desktop_user
  if [ -z "$user" ] && [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then
    user=$SUDO_USER
  fi
  if [ -z "$user" ] && [ -f "$root/etc/lightdm/lightdm.conf" ]; then
    user=$(sed -n 's/^autologin-user=//p' "$root/etc/lightdm/lightdm.conf" | tail -n 1)
  fi
  if [ -z "$user" ]; then
    user=$(awk -F: '$3 == 1000 { print $1; exit }' "$root/etc/passwd")
  fi
  echo "$user"
}

home_of() {
  awk -F: -v u="$1" '$1 == u { print $6; exit }' "$root/etc/passwd"
}

has_user() {
  grep -q "^$1:" "$root/etc/passwd"
}

# The Chromium package name: Raspberry Pi OS calls it chromium-browser, Debian chromium.
chromium_package() {
  if [ -x "$root/usr/bin/chromium-browser" ] || [ -x "$root/usr/bin/chromium" ]; then
    return 0
  fi
  if [ -z "$root" ] && apt-cache show chromium-browser >/dev/null 2>&1; then
    echo chromium-browser
  else
    echo chromium
  fi
}

# Whether PACKAGE is installed (in the root's dpkg database, when there is one).
installed() {
  local admindir=$root/var/lib/dpkg
  [ -f "$admindir/status" ] || return 1
  dpkg-query --admindir="$admindir" -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null | grep -q '^ii'
}

# Installs what is missing of REQUIRED (the display cannot work without them) and of the
# OPTIONAL packages after "--"; without the internet, what is already installed is enough.
# Says clearly what could not be installed, and stops when a required package is missing.
install_packages() { # REQUIRED... -- OPTIONAL...
  local required=() optional=() missing=() failed=() p r in_optional=0
  for p in "$@"; do
    if [ "$p" = -- ]; then
      in_optional=1
    elif ((in_optional)); then
      optional+=("$p")
    else
      required+=("$p")
    fi
  done
  for p in "${required[@]}" "${optional[@]}"; do
    installed "$p" || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    say "packages already installed: ${required[*]} ${optional[*]}"
    return 0
  fi
  if ((dry_run)) || [ -n "$root" ]; then
    run apt-get install -y --no-install-recommends "${missing[@]}"
    return 0
  fi
  # One by one, so that one package apt cannot reach does not stop the others.
  for p in "${missing[@]}"; do
    run apt-get install -y --no-install-recommends "$p" || failed+=("$p")
  done
  ((${#failed[@]} == 0)) && return 0
  say "could not install: ${failed[*]} (no network, or no package lists yet?"
  say "  connect the Pi to the internet, then: sudo apt-get update && sudo apt-get install ${failed[*]})"
  for p in "${failed[@]}"; do
    for r in "${required[@]}"; do
      if [ "$p" = "$r" ]; then
        echo "install.sh: $p is needed to show the display: stopping here, nothing else changed" >&2
        exit 1
      fi
    done
  done
  say "carrying on without: ${failed[*]}"
}

# v4l-utils (cec-ctl) only when the screen is switched over HDMI-CEC.
cec_packages() {
  if grep -qs '^VITRINE_SCREEN=cec' "$root/etc/default/vitrine-kiosk"; then
    echo v4l-utils
  fi
}

blanking_off() {
  if [ -x "$root/usr/bin/raspi-config" ]; then
    # raspi-config knows each desktop's way (and the console's consoleblank=0).
    run raspi-config nonint do_blanking 1
  else
    say "no raspi-config here: leaving console blanking as it is"
  fi
}

setup_desktop() {
  local user home owner
  user=$(find_desktop_user)
  if [ -z "$user" ] || ! has_user "$user"; then
    echo "install.sh: cannot tell which user logs in to the desktop: give it with --user NAME" >&2
    exit 1
  fi
  home=$(home_of "$user")
  say "desktop set-up for user $user ($home)"
  owner=$(awk -F: -v u="$user" '$1 == u { print $3 ":" $4; exit }' "$root/etc/passwd")

  local chromium
  chromium=$(chromium_package)
  # shellcheck disable=SC2046 # cec_packages prints a word or nothing
  install_packages curl ${chromium:+"$chromium"} -- wlr-randr $(cec_packages)

  # labwc (Raspberry Pi OS since late 2024). A user autostart replaces the system one, so
  # no panel and no idle blanking start; kanshi keeps the screen layout chosen in the
  # Screen Configuration tool (resolution, rotation).
  ensure_line "$home/.config/labwc/autostart" "# vitrine kiosk, added by vitrine's kiosk/install.sh"
  ensure_line "$home/.config/labwc/autostart" "[ -x /usr/bin/kanshi ] && /usr/bin/kanshi &"
  ensure_line "$home/.config/labwc/autostart" "$kiosk_dir/vitrine-kiosk.sh &"

  # wayfire (Raspberry Pi OS Bookworm images before late 2024).
  if [ -x "$root/usr/bin/wayfire" ] || [ -f "$root$home/.config/wayfire.ini" ]; then
    ini_set "$home/.config/wayfire.ini" autostart vitrine "$kiosk_dir/vitrine-kiosk.sh"
    ini_set "$home/.config/wayfire.ini" idle dpms_timeout -1
    ini_set "$home/.config/wayfire.ini" idle screensaver_timeout -1
  fi
  run chown -R "$owner" "$home/.config"

  blanking_off
  if [ -x "$root/usr/bin/raspi-config" ]; then
    # B4: boot to the desktop, logged in automatically: the display needs a session.
    run raspi-config nonint do_boot_behaviour B4
  fi
}

setup_lite() {
  say "Lite set-up: cage and Chromium on tty1 as user vitrine-kiosk"
  local chromium
  chromium=$(chromium_package)
  # polkitd: logind lets the kiosk's own session activate itself only through polkit.
  # xwayland: cage 0.1.4 will not start without it, though Debian only recommends it.
  # shellcheck disable=SC2046 # cec_packages prints a word or nothing
  install_packages cage xwayland curl polkitd ${chromium:+"$chromium"} -- wlr-randr $(cec_packages)

  if ! has_user vitrine-kiosk; then
    changes=$((changes + 1))
    run useradd --system --create-home --home-dir /var/lib/vitrine-kiosk \
      --shell /usr/sbin/nologin --groups video,render,input vitrine-kiosk
  fi

  put /etc/systemd/system/vitrine-kiosk.service 0644 \
    < <(sed "s|@KIOSK_DIR@|$kiosk_dir|g" "$kiosk_dir/vitrine-kiosk.service")
  run systemctl daemon-reload
  run systemctl enable vitrine-kiosk.service

  blanking_off
  if [ -x "$root/usr/bin/raspi-config" ]; then
    # B1: console without autologin; vitrine-kiosk.service takes tty1 itself.
    run raspi-config nonint do_boot_behaviour B1
  fi
}

if ((!dry_run)) && [ -z "$root" ] && [ "$(id -u)" != 0 ]; then
  echo "install.sh: run it as root (sudo), or try --dry-run" >&2
  exit 1
fi

if [ "$mode" = auto ]; then
  if is_desktop; then mode=desktop; else mode=lite; fi
fi
if ! grep -q 'VERSION_CODENAME=bookworm' "$root/etc/os-release" 2>/dev/null; then
  say "warning: this is not Raspberry Pi OS / Debian Bookworm; carrying on"
fi

put_once /etc/default/vitrine-kiosk 0644 <"$kiosk_dir/vitrine-kiosk.default"
case $mode in
  desktop) setup_desktop ;;
  lite) setup_lite ;;
esac

if ((dry_run)); then
  say "dry run: $changes change(s) to make, nothing changed"
elif ((changes)); then
  say "done: $changes change(s); reboot to see the display"
else
  say "nothing to change: already set up"
fi
