#!/usr/bin/env python3
"""vitrine's system test: the packages installed, rebooted, power-cut and upgraded in VMs.

Debian VMs whose PID 1 is systemd, with the kiosk on their virtual screens.

    sudo python3 tests/system/run.py [--scenario NAME]... [--no-display] [--rounds N] [--keep DIR]

Scenarios, each in a VM of its own (1 GB, TCG unless KVM really runs a guest):
  bookworm-lite   Debian 12 + cage: install; install.sh --lite offline; after a reboot the
                  QR code on the VM's screen and a saved change on it; Chromium, the page's
                  renderer and vitrine killed; the upgrade watched on screen; a compositor
                  that cannot start and one that hangs; power cuts (--rounds, default 5).
  trixie-desktop  Debian 13 + labwc logged in by lightdm, as Raspberry Pi OS with desktop:
                  install; install.sh without flags finds the desktop, sets the autologin;
                  after a reboot the QR code on screen and a saved change; the upgrade
                  watched on screen; a power cut (the display back by itself).
  trixie-lite     Debian 13 + cage: as trixie-desktop, with install.sh --lite.
  arm64           the arm64 package in a Debian 13 arm64 VM (qemu's virt board, TCG, no
                  screen): install, the service active, /healthz from the host, a save, a
                  power cut keeping the acknowledged save.
  small           Debian 13 Lite in 512 MB with no Chromium (small.py): install.sh picks cog;
                  power-on to the QR code (printed against 60 s), the engine named, a change
                  on screen, a rotation read at 1920x1080, cog and its page killed, the
                  watchdog, the screen asleep outside hours, the upgrade, a power cut.
  small-start     the first part of small: install.sh picks cog, the QR code after power-on,
                  the engine named, a saved change (what .ci/run runs of it)
  soak-small      the 512 MB soak (soak.py): as soak, in small's VM with cog
  soak            the 1 GB soak (soak.py) on the Trixie desktop: --soak-minutes of rotation
                  with 200 groups in two languages, 8 announcements with pictures and a save a
                  minute; MemAvailable, the OOM killer, the server's and Chromium's memory.
Without --scenario: trixie-desktop, bookworm-lite and small-start (what .ci/run runs).
Builds the packages once (cargo deb, profile ci-pi: the release settings; a genuinely newer
one for the upgrade), each VM image once (image.sh, cached). Every wait is bounded; a failure
prints what was expected, the guest's journal, and where its screendumps are. Needs root,
qemu, mmdebstrap, mkfs.ext4, zbarimg, git and cargo-deb (arm64: qemu-system-aarch64, the
cross linker, qemu-user-static): under CI a missing one fails, elsewhere the test skips.
"""

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import scenarios  # noqa: E402
from desktop import desktop_up, install_desktop  # noqa: E402
from harness import (ARM64_TOOLS, BOOT, CHANGE, CHANGE_TCG, DISPLAY, HERE, TOOLS, Host,  # noqa: E402
                     Screen, build_arm64_package, build_packages, choose_accel, figure,
                     free_port, link, say)
from vm import VM, Failure  # noqa: E402

CI_SELECTION = ["trixie-desktop", "bookworm-lite", "small-start"]
# The order they run in: the newest platform first, so that its failure shows early.
ALL = ["trixie-desktop", "bookworm-lite", "small-start", "small", "trixie-lite", "arm64", "soak",
       "soak-small"]
IMAGE = {"bookworm-lite": "bookworm-lite", "trixie-desktop": "trixie-desktop",
         "trixie-lite": "trixie-lite", "arm64": "trixie-arm64", "soak": "trixie-desktop",
         "small": "trixie-small", "small-start": "trixie-small", "soak-small": "trixie-small"}


def image_of(name):
    t = time.monotonic()
    folder = subprocess.run([os.path.join(HERE, "image.sh"), IMAGE[name]], stdout=subprocess.PIPE,
                            check=True).stdout.decode().strip().splitlines()[-1]
    figure("%s: VM image (built or cached)" % name, "%.0f s" % (time.monotonic() - t))
    return folder


def new_vm(work, name, image, accel, payload, memory=1024, arch="amd64", **screen):
    folder = os.path.join(work, name)
    os.makedirs(folder)
    # Sparse: the 6 GB image holds 1.5 GB.
    subprocess.run(["cp", "--sparse=always", os.path.join(image, "disk.img"),
                    os.path.join(folder, "disk.img")], check=True)
    port = free_port()
    vm = VM(folder, image, port, accel, memory=memory, payload=payload, name=name, arch=arch, **screen)
    return vm, Host(port), Screen(vm, os.path.join(folder, "screens"))


def check_change(name, accel, host, screen, n):
    took, path = scenarios.change_shows(host, screen, n)
    figure("%s: saved change -> on screen (%s)" % (name, accel), "%.2f s" % took)
    # The promise is 2 s on a Pi; an emulated CPU (TCG) is many times slower than one.
    bound = CHANGE if accel == "kvm" else CHANGE_TCG
    if took > bound:
        raise Failure("a saved change took %.2f s to show on screen (bound %.0f s): %s"
                      % (took, bound, path))


def bookworm_lite(vm, host, screen, ctx):
    """Every fault of the first system test, on the Bookworm Lite image."""
    display, accel = ctx["display"], ctx["accel"]
    vm.start()
    figure("bookworm-lite: boot to a shell (fresh image)", "%.1f s" % vm.wait_agent(BOOT))
    scenarios.install(vm, host, ctx["version"])
    scenarios.lite(vm, display)
    scenarios.reboot(vm)
    vm.wait_agent(BOOT)
    figure("bookworm-lite: power-on to cage and Chromium running", "%.1f s" % scenarios.kiosk_up(vm))
    if display:
        took, _ = screen.wait_for(link(1), DISPLAY, "boot", since=vm.powered_on)
        figure("bookworm-lite: power-on to QR on screen", "%.1f s" % took)
        scenarios.screen_picture("bookworm-lite", host, 1, screen.folder)
    vm.run("mkdir -p /mnt/payload && mount -o ro /dev/vdb /mnt/payload")
    host.wait_healthy()
    n = 2
    if display:
        check_change("bookworm-lite", accel, host, screen, n)
        scenarios.chromium_killed(vm, host, screen, n)
        scenarios.renderer_crashed(vm, host, screen, n)
    else:
        host.save_link(n)
    scenarios.vitrine_killed(vm, host, screen, n, display)
    n = scenarios.upgrade(vm, host, screen, n, ctx["newer"], display)
    scenarios.compositor_faults(vm)
    if not display:
        vm.run("systemctl disable --now vitrine-kiosk.service")
    scenarios.power_cuts(vm, host, screen, n, ctx["rounds"], ctx["rng"], display)


def trixie(name, vm, host, screen, ctx):
    """Trixie, desktop or Lite: install, install.sh, reboot, the QR code and a saved change
    on screen, the upgrade watched on screen, one power cut."""
    display, accel = ctx["display"], ctx["accel"]
    desktop = name == "trixie-desktop"
    vm.start()
    figure("%s: boot to a shell (fresh image)" % name, "%.1f s" % vm.wait_agent(BOOT))
    scenarios.install(vm, host, ctx["version"])
    if desktop:
        install_desktop(vm, display)
    else:
        scenarios.lite(vm, display)
    scenarios.reboot(vm)
    vm.wait_agent(BOOT)
    if desktop:
        figure("%s: power-on to lightdm's labwc session and Chromium running" % name,
               "%.1f s" % desktop_up(vm))
    else:
        figure("%s: power-on to cage and Chromium running" % name, "%.1f s" % scenarios.kiosk_up(vm))
    if display:
        took, _ = screen.wait_for(link(1), DISPLAY, "boot", since=vm.powered_on)
        figure("%s: power-on to QR on screen" % name, "%.1f s" % took)
        scenarios.pointer_moved(vm, screen, name)
        scenarios.screen_picture(name, host, 1, screen.folder)
    vm.run("mkdir -p /mnt/payload && mount -o ro /dev/vdb /mnt/payload")
    host.wait_healthy()
    n = 2
    if display:
        check_change(name, accel, host, screen, n)
    else:
        host.save_link(n)
    n = scenarios.upgrade(vm, host, screen, n, ctx["newer"], display)
    if display:
        # The reloaded page shows Chromium's arrow until the kiosk's next check moves the
        # pointer (every 10 s): a picture after that, to be looked at.
        time.sleep(15)
        say("  15 s after the upgrade's reload: %s" % screen.grab("pointer-after-upgrade"))
    scenarios.power_cuts(vm, host, screen, n, 1, ctx["rng"], display)


def missing_tools(names):
    wanted = list(TOOLS) + (ARM64_TOOLS if "arm64" in names else [])
    missing = [t for t in wanted if shutil.which(t) is None]
    if os.geteuid() != 0:
        missing.append("root (mmdebstrap, mkfs.ext4 -d)")
    return missing


def stop_on_term(*_):
    raise SystemExit("stopped by a signal")


def main():
    signal.signal(signal.SIGTERM, stop_on_term)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__[__doc__.index("Scenarios,"):
                                                    __doc__.index("Builds the packages")])
    parser.add_argument("--scenario", action="append", choices=ALL,
                        help="a scenario to run (repeatable; default: %s)" % " ".join(CI_SELECTION))
    parser.add_argument("--rounds", type=int, default=5, help="bookworm-lite's power cuts (default 5)")
    parser.add_argument("--soak-minutes", type=int, default=30, help="the soak's length (default 30)")
    parser.add_argument("--keep", help="keep the VMs' files and screendumps in this folder")
    parser.add_argument("--seed", type=int, default=None, help="seed of the power cuts' moments")
    parser.add_argument("--profile", default="ci-pi",
                        help="cargo profile of the amd64 packages (default ci-pi, the release "
                             "settings, which .ci/run has built already; not dev: a debug build "
                             "reads its styles and scripts from the source folder)")
    parser.add_argument("--arm64-profile", default="release",
                        help="cargo profile of the arm64 package (default release, which "
                             ".ci/run's packaging step has built already)")
    parser.add_argument("--no-display", action="store_true",
                        help="do not watch the VMs' screens (only the server and the units)")
    args = parser.parse_args()
    names = args.scenario or CI_SELECTION
    names = [n for n in ALL if n in names]
    ci = os.environ.get("CI") == "true"
    display = not args.no_display

    missing = missing_tools(names)
    if missing:
        message = "cannot run the system test, missing: %s" % ", ".join(missing)
        if ci:
            say(message)
            return 1
        say(message + " (skipped: not under CI)")
        return 0

    started = time.monotonic()
    work = args.keep or tempfile.mkdtemp(prefix="vitrine-system-")
    os.makedirs(work, exist_ok=True)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    say("scenarios %s; work folder %s, seed %d" % (" ".join(names), work, seed))
    ctx = {"display": display, "rounds": args.rounds, "rng": random.Random(seed)}
    failures = []
    try:
        amd64 = [n for n in names if n != "arm64"]
        if amd64:
            upgrades = any(n not in ("arm64", "soak", "soak-small", "small-start") for n in names)
            payload, ctx["version"], ctx["newer"] = build_packages(work, args.profile, upgrades)
            ctx["accel"] = choose_accel(work, image_of(amd64[0]))
            figure("accelerator", ctx["accel"])
        for name in names:
            vm = None
            t = time.monotonic()
            try:
                say("==== %s ====" % name)
                if name == "arm64":
                    import arm64
                    arm_payload, arm_version = build_arm64_package(work, args.arm64_profile)
                    vm, host, _ = new_vm(work, name, image_of(name), "tcg", arm_payload, arch="arm64")
                    arm64.run(vm, host, arm_version, ctx["rng"])
                elif name == "soak":
                    import soak
                    vm, host, screen = new_vm(work, name, image_of(name), ctx["accel"], payload)
                    soak.run(vm, host, screen, ctx, args.soak_minutes)
                elif name in ("small", "small-start", "soak-small"):
                    import small
                    vm, host, screen = new_vm(work, name, image_of(name), ctx["accel"], payload,
                                              memory=small.MEMORY_MB, screen=small.SCREEN,
                                              cpu=small.CPU if ctx["accel"] == "tcg" else None)
                    if name != "soak-small":
                        small.run(vm, host, screen, ctx, faults=name == "small")
                    else:
                        import soak
                        soak.run_small(vm, host, screen, ctx, args.soak_minutes)
                else:
                    vm, host, screen = new_vm(work, name, image_of(name), ctx["accel"], payload)
                    if name == "bookworm-lite":
                        bookworm_lite(vm, host, screen, ctx)
                    else:
                        trixie(name, vm, host, screen, ctx)
                figure("%s: passed" % name, "%.0f s" % (time.monotonic() - t))
            except (Failure, subprocess.CalledProcessError) as e:
                failures.append("%s: %s" % (name, e))
                say("FAILED %s: %s" % (name, e))
                if vm is not None:
                    print("---- the guest's journal (last lines) ----\n%s" % vm.journal(), flush=True)
                    print("---- the guest's console ----\n%s" % vm.console_tail(), flush=True)
                say("screendumps and logs are in %s" % os.path.join(work, name))
            finally:
                if vm is not None:
                    vm.close()
        figure("total", "%.0f s" % (time.monotonic() - started))
    except (Failure, subprocess.CalledProcessError) as e:
        failures.append(str(e))
        say("FAILED: %s" % e)
    finally:
        say("figures:\n" + "\n".join("  %-72s %s" % f for f in harness.figures))
        if failures:
            # Again last: a CI log cut to its tail still says why the run failed.
            say("FAILED (see above for the journal):\n  " + "\n  ".join(failures))
            args.keep = args.keep or work
        else:
            say("all scenarios passed: %s" % " ".join(names))
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
