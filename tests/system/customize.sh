#!/bin/bash
# mmdebstrap's customize hook for the system test's images (see image.sh): makes the new root
# ($1) a machine the harness can drive: root file system on /dev/vda, DHCP on the user-mode
# network, no root password on the serial console, and the test agent on a second console
# (ttyS1 on amd64; on arm64 qemu's virt board has one UART, so a virtio console, hvc0).
# A desktop image also gets the user pi (uid 1000), as Raspberry Pi Imager makes it; its
# autologin is left to kiosk/install.sh.
set -euo pipefail
root=$1
here=$(dirname "$(readlink -f "$0")")
name=${VITRINE_IMAGE:-bookworm-lite}

echo "/dev/vda / ext4 defaults 0 1" >"$root/etc/fstab"
echo vitrine-vm >"$root/etc/hostname"
cat >"$root/etc/systemd/network/50-dhcp.network" <<'UNIT'
[Match]
Name=en*

[Network]
DHCP=yes
UNIT
agent_tty=/dev/ttyS1
case $name in *-arm64) agent_tty=/dev/hvc0 ;; esac
# systemd's getty generator starts a login prompt on every virtual console it finds, hvc0
# included: it would take the agent's console from it a minute after boot.
if [ "$agent_tty" = /dev/hvc0 ]; then
  ln -sf /dev/null "$root/etc/systemd/system/serial-getty@hvc0.service"
fi
install -m 0755 "$here/agent.sh" "$root/usr/local/sbin/vitrine-test-agent"
cat >"$root/etc/systemd/system/vitrine-test-agent.service" <<UNIT
[Unit]
Description=vitrine system test agent (second console)

[Service]
ExecStart=/usr/local/sbin/vitrine-test-agent $agent_tty
Restart=always

[Install]
WantedBy=multi-user.target
UNIT
chroot "$root" systemctl enable systemd-networkd.service vitrine-test-agent.service
passwd --root "$root" -d root
case $name in
  *-desktop)
    chroot "$root" useradd --create-home --uid 1000 --shell /bin/bash \
      --groups sudo,video,render,input pi
    ;;
esac
