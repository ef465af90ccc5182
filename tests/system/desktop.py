"""The Trixie desktop scenario's own steps: kiosk/install.sh without flags on a Debian 13
machine with labwc and lightdm, as Raspberry Pi OS with desktop is (no raspi-config), and the
desktop session coming up by itself after a reboot.
"""

import re
import time

from harness import PICTURE_EVERY, say
from vm import Failure

DESKTOP_UP = 420    # power-on to pi's labwc and Chromium running (lightdm's autologin)


def install_desktop(vm, display):
    say("scenario D: install.sh without flags on the Trixie desktop, offline")
    rc, out = vm.run("/usr/share/vitrine/kiosk/install.sh", timeout=300, check=False)
    for line in out.strip().splitlines():
        say("  " + line)
    if rc != 0:
        raise Failure("install.sh failed on the Trixie desktop:\n%s" % out)
    expected = [
        ("it knows Trixie", r"^install\.sh: system: Debian 13 \(trixie\)$"),
        ("it found the desktop and its user", r"^install\.sh: desktop set-up for user pi "),
        ("it names Chromium among what is installed",
         r"^install\.sh: packages already installed: .*\bchromium\b"),
        ("it sets lightdm's autologin", r"^install\.sh: autologin: lightdm logs in pi to the session labwc$"),
        ("it adds the kiosk to labwc's autostart",
         r"^install\.sh: adding to /home/pi/\.config/labwc/autostart: .*vitrine-kiosk\.sh &$"),
        ("it says what labwc's own autostart does", r"^install\.sh: labwc session labwc \(labwc\)"),
        ("it says what it did about console blanking", r"^install\.sh: console blanking"),
    ]
    for what, pattern in expected:
        if not re.search(pattern, out, re.M):
            raise Failure("install.sh's output does not show that %s (%s):\n%s" % (what, pattern, out))
    for wrong in ("warning", "apt-get", "v4l-utils", "not Bookworm"):
        if wrong in out:
            raise Failure("install.sh said %r on the Trixie desktop:\n%s" % (wrong, out))
    vm.run("grep -qx 'autologin-user = pi' /etc/lightdm/lightdm.conf && "
           "grep -qx 'autologin-session = labwc' /etc/lightdm/lightdm.conf")
    vm.run("systemctl is-enabled display-manager.service && "
           "[ \"$(systemctl get-default)\" = graphical.target ]")
    _, again = vm.run("/usr/share/vitrine/kiosk/install.sh", timeout=300)
    if "nothing to change" not in again:
        raise Failure("a second install.sh changed something:\n%s" % again)
    if display:
        # The VM's settings, not the Pi's (see scenarios.lite): no GPU, so labwc draws with
        # pixman and Chromium without GPU, both in software.
        vm.run("sed -i 's/^VITRINE_CHROMIUM_FLAGS=.*/VITRINE_CHROMIUM_FLAGS=--disable-gpu/' "
               "/etc/default/vitrine-kiosk && "
               "printf 'WLR_RENDERER=pixman\\nWLR_NO_HARDWARE_CURSORS=1\\n' >> /home/pi/.config/labwc/environment && "
               "chown pi:pi /home/pi/.config/labwc/environment && "
               "sed -i 's/^VITRINE_PICTURE_EVERY=.*/VITRINE_PICTURE_EVERY=%d/' /etc/default/vitrine-kiosk"
               % PICTURE_EVERY)


def desktop_up(vm, bound=DESKTOP_UP):
    """Waits for pi's labwc session (logged in by lightdm) and Chromium in it."""
    start = vm.powered_on
    while time.monotonic() - start < bound:
        rc, _ = vm.run("pgrep -u pi -x labwc && pgrep -u pi -x chromium", check=False)
        if rc == 0:
            return time.monotonic() - start
        time.sleep(3)
    _, sessions = vm.run("loginctl list-sessions --no-legend; systemctl status lightdm --no-pager | tail -n 20",
                         check=False)
    raise Failure("labwc and Chromium were not running as pi %d s after power-on:\n%s" % (bound, sessions))
