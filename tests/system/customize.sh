#!/bin/bash
# mmdebstrap's customize hook for the system test's image (see image.sh): makes the new root
# ($1) a machine the harness can drive: root file system on /dev/vda, DHCP on the user-mode
# network, no root password on the serial console, and the test agent on the second serial port.
set -euo pipefail
root=$1
here=$(dirname "$(readlink -f "$0")")

echo "/dev/vda / ext4 defaults 0 1" >"$root/etc/fstab"
echo vitrine-vm >"$root/etc/hostname"
cat >"$root/etc/systemd/network/50-dhcp.network" <<'UNIT'
[Match]
Name=en*

[Network]
DHCP=yes
UNIT
install -m 0755 "$here/agent.sh" "$root/usr/local/sbin/vitrine-test-agent"
cat >"$root/etc/systemd/system/vitrine-test-agent.service" <<'UNIT'
[Unit]
Description=vitrine system test agent (second serial port)

[Service]
ExecStart=/usr/local/sbin/vitrine-test-agent /dev/ttyS1
Restart=always

[Install]
WantedBy=multi-user.target
UNIT
chroot "$root" systemctl enable systemd-networkd.service vitrine-test-agent.service
passwd --root "$root" -d root
