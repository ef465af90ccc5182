#!/bin/bash
# Builds (once) a VM image of the system test and prints the folder that holds it: disk.img
# (ext4, the root file system), vmlinuz and initrd.img.
#   image.sh [NAME]    NAME: bookworm-lite (default), trixie-desktop, trixie-lite, trixie-arm64
# tests/system/images/NAME lists its packages; the Debian release and architecture follow
# from NAME. Everything comes from the Debian package registry through mmdebstrap; the
# result is cached under $VITRINE_SYSTEM_CACHE (default /var/cache/vitrine-system-test)/
# NAME-<hash of its packages and these scripts>, so a second run reuses it, and older
# images of NAME are removed. Needs root (mmdebstrap in root mode, mkfs.ext4 -d); an arm64
# image on another machine also needs qemu-user-static (its binfmt entry is registered here).
set -euo pipefail

here=$(dirname "$(readlink -f "$0")")
name=${1:-bookworm-lite}
list=$here/images/$name
[ -f "$list" ] || { echo "image: no package list $list" >&2; exit 2; }
suite=${name%%-*}
arch=amd64
case $name in *-arm64) arch=arm64 ;; esac

cache_root=${VITRINE_SYSTEM_CACHE:-/var/cache/vitrine-system-test}
key=$(cat "$list" "$here/image.sh" "$here/customize.sh" "$here/agent.sh" | sha256sum | cut -c1-16)
out=$cache_root/$name-$key
if [ -f "$out/ready" ]; then
  echo "$out"
  exit 0
fi

# mmdebstrap runs a foreign architecture's maintainer scripts through qemu-user-static's
# binfmt entry; a container may have neither binfmt_misc mounted nor the entry registered.
if [ "$arch" != "$(dpkg --print-architecture)" ]; then
  binfmt=/proc/sys/fs/binfmt_misc
  [ -f "$binfmt/register" ] || mount -t binfmt_misc binfmt_misc "$binfmt"
  if [ ! -f "$binfmt/qemu-aarch64" ]; then
    conf=/usr/lib/binfmt.d/qemu-aarch64.conf
    [ -f "$conf" ] || { echo "image: $conf missing: apt-get install qemu-user-static" >&2; exit 1; }
    grep -v '^#' "$conf" >"$binfmt/register"
  fi
fi

started=$(date +%s)
mkdir -p "$cache_root"
work=$(mktemp -d "$cache_root/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
packages=$(grep -v '^#' "$list" | paste -sd, -)
echo "image: building $name ($suite, $arch, $key) with mmdebstrap; this takes minutes" >&2

VITRINE_IMAGE=$name mmdebstrap --variant=minbase --architectures="$arch" --include="$packages" \
  --customize-hook="$here/customize.sh" "$suite" "$work/root" >&2

kernels=("$work"/root/boot/vmlinuz-*)
initrds=("$work"/root/boot/initrd.img-*)
cp "${kernels[-1]}" "$work/vmlinuz"
cp "${initrds[-1]}" "$work/initrd.img"
# mkfs.ext4 says "Creating regular file" on stdout even with -q: only the folder goes there.
mkfs.ext4 -q -L vitrine-root -d "$work/root" "$work/disk.img" 6G >&2
rm -rf "$work/root"
touch "$work/ready"
rm -rf "$out" "$cache_root/$name"-*
mv "$work" "$out"
trap - EXIT
echo "image: $name built in $(($(date +%s) - started)) s" >&2
echo "$out"
