#!/bin/bash
# Makes a Raspberry Pi OS (Bookworm or Trixie) boot straight into the vitrine display, and
# keeps it there.
#
#   With a desktop (labwc, or wayfire on older images): Chromium starts from the desktop
#   user's compositor autostart; the desktop logs in by itself (raspi-config's autologin,
#   or lightdm's own settings where there is no raspi-config).
#   Lite (no desktop): installs cage and the engine and a systemd unit, vitrine-kiosk.service,
#   that runs them on tty1 as the user vitrine-kiosk, without any autologin.
#   Both: screen blanking off, /etc/default/vitrine-kiosk written once (never overwritten but
#   for the engine's line when --engine is given).
#   The engine that shows the page: Chromium, or on boards with less than 1 GB of memory
#   WPE WebKit's cog (Chromium needs the 1 GB: Raspberry Pi OS warns below it).
#
# Safe to run again: it changes only what differs and says what it did.
# Usage: sudo install.sh [--dry-run] [--desktop | --lite] [--engine chromium|cog] [--user NAME] [--root DIR]
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: sudo install.sh [options]

Sets up this Raspberry Pi to show the vitrine display full screen at every boot.

Options:
  --dry-run      print what would be done, change nothing
  --desktop      set up for Raspberry Pi OS with desktop (default: detected)
  --lite         set up for Raspberry Pi OS Lite (default: detected)
  --engine NAME  what shows the page: chromium, or cog (WPE WebKit, lighter; default:
                 cog on a board with less than 1 GB of memory, else chromium)
  --user NAME    the desktop user whose session shows the display (default: detected)
  --root DIR     write the files under DIR instead of /, and only print the commands
                 (apt-get, systemctl, useradd, raspi-config) that act on the running system
  -h, --help     this help
USAGE
}

dry_run=0
root=/
mode=auto
engine=""
desktop_user=""
while (($#)); do
  case $1 in
    --dry-run) dry_run=1 ;;
    --desktop) mode=desktop ;;
    --lite) mode=lite ;;
    --engine)
      case ${2:-} in
        chromium | cog) engine=$2 ;;
        *) echo "install.sh: --engine takes chromium or cog, not '${2:-}'" >&2; exit 2 ;;
      esac
      shift
      ;;
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

# Boards whose memory (MemTotal) is below this many kB get cog: a 1 GB Pi reports about
# 900 MB once the GPU has its share, a 512 MB one (Pi Zero 2 W, Pi 3 A+) about 430 MB.
SMALL_BOARD_KB=716800

# This machine's memory in kB (under --root, that root's proc/meminfo if it has one), or
# nothing when unknown.
memory_kb() {
  local meminfo=/proc/meminfo
  [ -z "$root" ] || meminfo=$root/proc/meminfo
  [ -r "$meminfo" ] || return 0
  sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' "$meminfo" | head -n 1
}

# The engine in the settings file already (chosen before, or by hand), or nothing.
engine_set() {
  local path=$root/etc/default/vitrine-kiosk
  [ -f "$path" ] || return 0
  sed -n 's/^VITRINE_ENGINE=\([a-z]*\).*/\1/p' "$path" | tail -n 1
}

# The engine, in $engine: --engine, else the one chosen before, else by the board's memory.
choose_engine() {
  local kb
  if [ -n "$engine" ]; then
    say "engine: $engine (--engine)"
    return 0
  fi
  engine=$(engine_set)
  if [ -n "$engine" ]; then
    say "engine: $engine (already chosen in /etc/default/vitrine-kiosk)"
    return 0
  fi
  kb=$(memory_kb)
  if [ -n "$kb" ] && ((kb < SMALL_BOARD_KB)); then
    engine=cog
    say "engine: cog (WPE WebKit): this board has $((kb / 1024)) MB of memory, too little for Chromium"
  else
    engine=chromium
    say "engine: chromium${kb:+ ($((kb / 1024)) MB of memory)}"
  fi
}

# Sets VITRINE_ENGINE in the settings file (the one line install.sh changes in it).
set_engine() {
  local path=/etc/default/vitrine-kiosk
  if [ "$(engine_set)" = "$engine" ]; then
    return 0
  fi
  if grep -qs '^VITRINE_ENGINE=' "$root$path"; then
    put "$path" 0644 < <(sed "s/^VITRINE_ENGINE=.*/VITRINE_ENGINE=$engine/" "$root$path")
  else
    put "$path" 0644 < <(cat "$root$path" 2>/dev/null; echo "VITRINE_ENGINE=$engine")
  fi
}

# The engine's packages, in $engine_packages: cog with libgles2 (which WPE WebKit opens
# without depending on it), or the Chromium package (nothing when a Chromium no package owns
# is there already).
find_engine_packages() {
  if [ "$engine" = cog ]; then
    engine_packages="cog libgles2"
    return 0
  fi
  find_chromium
  engine_packages=$chromium
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

# The release, from os-release: bookworm (Debian 12) and trixie (Debian 13) are known.
# A root without os-release (or with only /usr/lib's) is no error: the release is unknown.
codename() {
  local f
  for f in "$root/etc/os-release" "$root/usr/lib/os-release"; do
    if [ -r "$f" ]; then
      sed -n 's/^VERSION_CODENAME=//p' "$f" | tr -d '"' | head -n 1
      return 0
    fi
  done
}

# The Chromium package, in $chromium: the one installed, else the name to install. Raspberry
# Pi OS Bookworm calls it chromium-browser; Debian, and Raspberry Pi OS since Trixie,
# chromium. Empty when a Chromium is there that no package owns (said, not installed again).
find_chromium() {
  local p
  chromium=""
  for p in chromium chromium-browser; do
    if installed "$p"; then
      chromium=$p
      return 0
    fi
  done
  for p in chromium-browser chromium; do
    if [ -x "$root/usr/bin/$p" ]; then
      say "Chromium found: /usr/bin/$p (not from a package here)"
      return 0
    fi
  done
  chromium="chromium"
  if [ -z "$root" ] && [ "$(codename)" = bookworm ] && apt-cache show chromium-browser >/dev/null 2>&1; then
    chromium="chromium-browser"
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

# wlrctl (the kiosk moves the mouse pointer over the page once, which hides it) from Debian 13
# on: Debian 12 has no such package.
pointer_packages() {
  [ "$(codename)" = bookworm ] || echo wlrctl
}

# v4l-utils (cec-ctl) only when the screen is switched over HDMI-CEC.
cec_packages() {
  if grep -qs '^VITRINE_SCREEN=cec' "$root/etc/default/vitrine-kiosk"; then
    echo v4l-utils
  fi
}

blanking_off() {
  local cmdline=$root/boot/firmware/cmdline.txt now
  if [ -x "$root/usr/bin/raspi-config" ]; then
    # raspi-config knows each desktop's way (and the console's consoleblank=0).
    run raspi-config nonint do_blanking 1
  elif [ -f "$cmdline" ]; then
    # A Pi without raspi-config: the kernel's command line is one line in the boot partition.
    if grep -qw 'consoleblank=0' "$cmdline"; then
      say "console blanking already off (consoleblank=0 in /boot/firmware/cmdline.txt)"
    else
      put /boot/firmware/cmdline.txt 0644 < <(sed '1s/[[:space:]]*$/ consoleblank=0/' "$cmdline")
    fi
  else
    now=$(cat "$root/sys/module/kernel/parameters/consoleblank" 2>/dev/null || true)
    if [ "$now" = 0 ]; then
      say "console blanking already off (the kernel's consoleblank is 0)"
    elif [ -n "$now" ]; then
      say "console blanking after $now s: to turn it off, add consoleblank=0 to the kernel's command line"
    else
      say "console blanking unknown here: to be sure it is off, add consoleblank=0 to the kernel's command line"
    fi
  fi
}

# The desktop session lightdm logs in to: the one set already, else Raspberry Pi OS's labwc
# session (its own wrapper), else Debian's labwc, else wayfire's.
desktop_session() {
  local dir=$root/usr/share/wayland-sessions set f
  set=$(sed -n 's/^[[:space:]]*\(autologin-session\|user-session\)[[:space:]]*=[[:space:]]*//p' \
    "$root/etc/lightdm/lightdm.conf" 2>/dev/null | tail -n 1)
  if [ -n "$set" ] && { [ -f "$dir/$set.desktop" ] || [ -f "$root/usr/share/xsessions/$set.desktop" ]; }; then
    echo "$set"
    return 0
  fi
  for f in "$dir"/*labwc*.desktop; do
    [ -f "$f" ] && [ "$(basename "$f")" != labwc.desktop ] && { basename "$f" .desktop; return 0; }
  done
  for f in labwc wayfire; do
    [ -f "$dir/$f.desktop" ] && { echo "$f"; return 0; }
  done
  return 0
}

# The program a session file runs (its Exec= line).
session_exec() { # SESSION
  sed -n 's/^Exec=//p' "$root/usr/share/wayland-sessions/$1.desktop" 2>/dev/null | head -n 1
}

# Logs USER in to the desktop at boot: raspi-config where there is one (B4), else lightdm's
# own settings, as raspi-config writes them; with the graphical target as the default.
autologin() { # USER
  local user=$1 session conf=/etc/lightdm/lightdm.conf target
  if [ -x "$root/usr/bin/raspi-config" ]; then
    # B4: boot to the desktop, logged in automatically: the display needs a session.
    run raspi-config nonint do_boot_behaviour B4
    return 0
  fi
  if [ ! -x "$root/usr/sbin/lightdm" ]; then
    say "no raspi-config and no lightdm here: make the desktop log in $user by itself"
    return 0
  fi
  session=$(desktop_session)
  say "autologin: lightdm logs in $user to the session ${session:-that lightdm chooses}"
  ini_set "$conf" 'Seat:*' autologin-user "$user"
  if [ -n "$session" ]; then
    ini_set "$conf" 'Seat:*' autologin-session "$session"
  fi
  if [ ! -e "$root/etc/systemd/system/display-manager.service" ]; then
    changes=$((changes + 1))
    run systemctl enable lightdm.service
  fi
  target=$(readlink "$root/etc/systemd/system/default.target" 2>/dev/null || true)
  if [ "${target##*/}" = multi-user.target ]; then
    changes=$((changes + 1))
    run systemctl set-default graphical.target
  fi
}

# What runs beside the user's labwc autostart. labwc alone runs only the first autostart it
# finds (the user's replaces /etc/xdg/labwc/autostart: no panel, no idle blanking); started
# with --merge-config (-m), as Raspberry Pi OS's session wrapper may do, it runs them all.
labwc_autostart_note() { # SESSION
  local exec wrapper system=/etc/xdg/labwc/autostart
  exec=$(session_exec "$1")
  [ -n "$exec" ] || return 0
  wrapper=${exec%% *}
  [[ $wrapper == /* ]] || wrapper=/usr/bin/$wrapper
  wrapper=$root$wrapper
  if [ ! -f "$root$system" ]; then
    say "labwc session $1 ($exec): no $system here; the user's autostart starts the display"
    return 0
  fi
  if [[ " $exec " =~ \ (-m|--merge-config)\  ]] ||
    { [ -f "$wrapper" ] && grep -qE -- '(^|[[:space:]])(-m|--merge-config)([[:space:]]|$)' "$wrapper"; }; then
    say "labwc session $1 ($exec) merges its configuration: $system runs too, under the full-screen display"
    if grep -qs swayidle "$root$system"; then
      say "  $system starts swayidle (screen blanking): turn blanking off in raspi-config or the Control Centre"
    fi
  else
    say "labwc session $1 ($exec): the user's autostart replaces $system (no panel, no idle blanking)"
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

  local session engine_packages chromium
  find_engine_packages
  # shellcheck disable=SC2046,SC2086 # these are words or nothing
  install_packages curl $engine_packages -- wlr-randr grim $(pointer_packages) $(cec_packages)

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
  session=$(desktop_session)
  if [ -n "$session" ]; then labwc_autostart_note "$session"; fi

  blanking_off
  autologin "$user"
}

setup_lite() {
  say "Lite set-up: cage and $engine on tty1 as user vitrine-kiosk"
  # polkitd: logind lets the kiosk's own session activate itself only through polkit.
  # xwayland: cage 0.1.4 will not start without it, though Debian only recommends it.
  local engine_packages chromium
  find_engine_packages
  # shellcheck disable=SC2046,SC2086 # these are words or nothing
  install_packages cage xwayland curl polkitd $engine_packages -- wlr-randr grim $(pointer_packages) $(cec_packages)

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
release=$(codename)
case $release in
  bookworm) say "system: Debian 12 (bookworm)$([ -e "$root/etc/rpi-issue" ] && echo ', Raspberry Pi OS')" ;;
  trixie) say "system: Debian 13 (trixie)$([ -e "$root/etc/rpi-issue" ] && echo ', Raspberry Pi OS')" ;;
  *) say "warning: ${release:-this system} is neither Raspberry Pi OS Bookworm nor Trixie (Debian 12 or 13); carrying on" ;;
esac

choose_engine
put_once /etc/default/vitrine-kiosk 0644 <"$kiosk_dir/vitrine-kiosk.default"
set_engine
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
