#!/bin/bash
# Builds (once) the Debian 12 VM image of the system test and prints the folder that holds it:
# disk.img (ext4, the root file system), vmlinuz and initrd.img. Everything comes from the
# Debian package registry through mmdebstrap; the result is cached under
# $VITRINE_SYSTEM_CACHE (default /var/cache/vitrine-system-test)/<hash of packages and this
# script>, so a second run reuses it. Needs root (mmdebstrap in root mode, mkfs.ext4 -d).
set -euo pipefail

here=$(dirname "$(readlink -f "$0")")
cache_root=${VITRINE_SYSTEM_CACHE:-/var/cache/vitrine-system-test}
key=$(cat "$here/packages" "$here/image.sh" "$here/customize.sh" "$here/agent.sh" | sha256sum | cut -c1-16)
out=$cache_root/$key
if [ -f "$out/ready" ]; then
  echo "$out"
  exit 0
fi

started=$(date +%s)
mkdir -p "$cache_root"
work=$(mktemp -d "$cache_root/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
packages=$(grep -v '^#' "$here/packages" | paste -sd, -)
echo "image: building the Debian 12 image ($key) with mmdebstrap; this takes minutes" >&2

mmdebstrap --variant=minbase --include="$packages" --customize-hook="$here/customize.sh" \
  bookworm "$work/root" >&2

kernels=("$work"/root/boot/vmlinuz-*)
initrds=("$work"/root/boot/initrd.img-*)
cp "${kernels[-1]}" "$work/vmlinuz"
cp "${initrds[-1]}" "$work/initrd.img"
# mkfs.ext4 says "Creating regular file" on stdout even with -q: only the folder goes there.
mkfs.ext4 -q -L vitrine-root -d "$work/root" "$work/disk.img" 6G >&2
rm -rf "$work/root"
touch "$work/ready"
rm -rf "$out"
mv "$work" "$out"
trap - EXIT
echo "image: built in $(($(date +%s) - started)) s" >&2
echo "$out"
