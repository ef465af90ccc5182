"""The arm64 scenario: the arm64 package in a booted Debian 13 arm64 VM (qemu's `virt` board,
TCG, 1 GB, no screen), as on a Raspberry Pi with the 64-bit Raspberry Pi OS: install, the
service active, /healthz from the host, a save, a power cut that keeps the acknowledged save.
"""

import time

import scenarios
from harness import figure, link, say
from vm import Failure

# An emulated arm64 CPU on an x86 machine is several times slower than the amd64 VM.
BOOT_ARM64 = 900    # power-on to the agent answering
HEALTHZ_ARM64 = 300  # the server answering the host after a boot


def run(vm, host, version, rng):
    vm.start()
    figure("arm64: boot to a shell (fresh image)", "%.1f s" % vm.wait_agent(BOOT_ARM64))
    _, arch = vm.run("dpkg --print-architecture; uname -m")
    say("  the guest: %s" % " ".join(arch.split()))
    if arch.split()[:2] != ["arm64", "aarch64"]:
        raise Failure("the arm64 VM is not arm64: %r" % arch)
    scenarios.install(vm, host, version)
    _, memory = vm.run("ps -o rss= -C vitrine; grep MemAvailable /proc/meminfo")
    say("  vitrine's RSS (kB) and MemAvailable: %s" % " ".join(memory.split()))
    if host.shown_link() != link(1):
        raise Failure("the save did not stick")
    start = time.monotonic()
    scenarios.power_cuts(vm, host, None, 1, 1, rng, False, boot=BOOT_ARM64, healthz=HEALTHZ_ARM64)
    figure("arm64: power cut and boot again", "%.0f s" % (time.monotonic() - start))
    vm.run("systemctl is-active vitrine.service")
