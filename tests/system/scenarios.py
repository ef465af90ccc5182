"""The system test's scenarios, each a step on a running VM (see run.py for their order):
install, the Lite kiosk, the faults, the upgrade and the power cuts. Every wait is bounded;
a failure raises vm.Failure with what the user would notice.
"""

import datetime
import json
import os
import re
import subprocess
import threading
import time
import urllib.error

from harness import (BOOT, CHANGE_BOUND, CHROMIUM_BACK, COMPOSITOR, DISPLAY, FIRST_SAVE, HEALTHZ,
                     KIOSK_UP, PICTURE, PICTURE_EVERY, SHOWN, UPGRADE_SHOWN, figure, link, say)
from vm import Failure, pixel


def install(vm, host, version):
    say("scenario 1: dpkg -i")
    vm.run("mkdir -p /mnt/payload && mount -o ro /dev/vdb /mnt/payload")
    start = time.monotonic()
    rc, out = vm.run("dpkg -i /mnt/payload/vitrine.deb", timeout=300, check=False)
    if rc != 0:
        raise Failure("dpkg -i failed:\n%s" % out)
    host.wait_healthy()
    figure(vm.name + ": " "install (dpkg -i to /healthz answering the host)", "%.1f s" % (time.monotonic() - start))
    vm.run("systemctl is-active vitrine.service")
    _, journal = vm.run("journalctl -b -u vitrine.service --no-pager -o cat")
    if not re.search(r"Setup code: [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", journal):
        raise Failure("no setup code in vitrine's journal:\n%s" % journal)
    rc, out = vm.run("systemd-analyze security --threshold=20 vitrine.service", check=False)
    rating = out.strip().splitlines()[-1] if out.strip() else ""
    say("  systemd-analyze security: %s" % rating)
    if rc != 0 or "OK" not in rating:
        raise Failure("systemd-analyze security does not rate vitrine OK:\n%s" % out[-2000:])
    # The installer's commands over SSH: the password, then a token for scripts.
    vm.run("printf 'system test password\\nsystem test password\\n' | vitrine passwd")
    rc, out = vm.run("vitrine token system-test 2>/dev/null")
    token = out.strip()
    if not token or len(token.split()) != 1:
        raise Failure("vitrine token printed no token:\n%s" % out)
    host.token = token
    host.save_link(1)
    if host.shown_link() != link(1):
        raise Failure("a save through the API did not stick")
    rc, out = vm.run("dpkg-query -W -f='${Version}' vitrine")
    if out.strip() != version:
        raise Failure("installed version %r, expected %r" % (out, version))


def lite(vm, display):
    say("scenario 2: install.sh --lite, offline (the image has no package lists)")
    rc, out = vm.run("/usr/share/vitrine/kiosk/install.sh --lite", timeout=300, check=False)
    say("  install.sh: " + " | ".join(out.strip().splitlines()[-3:]))
    if rc != 0:
        raise Failure("install.sh --lite failed without the internet:\n%s" % out)
    if "v4l-utils" in out:
        raise Failure("install.sh wanted v4l-utils although CEC is not chosen:\n%s" % out)
    if "apt-get" in out:
        raise Failure("install.sh ran apt-get although everything was installed:\n%s" % out)
    vm.run("systemctl is-enabled vitrine-kiosk.service")
    if display:
        # The VM's settings, not the Pi's: there is no GPU here, so Chromium draws without
        # one and the compositor (wlroots) with pixman, in software; with its GL renderer it
        # drew through Mesa's llvmpipe, whose shaders are compiled at run time, and under TCG
        # Chromium's first frame then took from 50 s to more than 12 minutes (with pixman:
        # about 15 s). The kiosk session's own bound for a first frame is widened for a loaded
        # machine; the watchdog of the page's reports keeps the Pi's 120 s (scenario 5d).
        vm.run("sed -i 's/^VITRINE_CHROMIUM_FLAGS=.*/VITRINE_CHROMIUM_FLAGS=--disable-gpu/' "
               "/etc/default/vitrine-kiosk && printf 'VITRINE_SHOWN_TIMEOUT=%d\\n"
               "VITRINE_RENDERER=pixman\\n' >> /etc/default/vitrine-kiosk" % SHOWN)
        # Pictures of the screen more often than a Pi's 5 minutes, for scenario P.
        vm.run("sed -i 's/^VITRINE_PICTURE_EVERY=.*/VITRINE_PICTURE_EVERY=%d/' /etc/default/vitrine-kiosk"
               % PICTURE_EVERY)


def screen_picture(name, host, n, folder):
    """The dashboard's picture of the real screen: with the community's QR code pinned, the
    picture the kiosk takes with grim and sends over loopback decodes to the link."""
    say("scenario P: the dashboard's picture of the real screen (grim in the kiosk)")
    _, doc = host.content()
    now = datetime.datetime.now(datetime.timezone.utc)
    stamp = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
    doc["pin"] = {"shows": "community", "by": "system test",
                  "since": stamp(now - datetime.timedelta(minutes=1)),
                  "until": stamp(now + datetime.timedelta(minutes=15))}
    host.put_content(doc)
    start = time.monotonic()
    seen = None
    path = os.path.join(folder, "screen-picture.jpg")
    while time.monotonic() - start < PICTURE:
        jpeg = host.screen_picture()
        if jpeg:
            with open(path, "wb") as f:
                f.write(jpeg)
            out = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", path],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=30)
            seen = (out.stdout.decode("utf-8", "replace").strip().splitlines() or [None])[0]
            if seen == link(n):
                break
        time.sleep(3)
    else:
        raise Failure("the dashboard's picture of the screen did not show the QR code of %s within "
                      "%d s (last read: %r, %s)" % (link(n), PICTURE, seen, path))
    figure(name + ": QR pinned -> the dashboard's picture of the screen decodes to it",
           "%.1f s" % (time.monotonic() - start))
    _, doc = host.content()
    doc.pop("pin", None)
    host.put_content(doc)


def kiosk_up(vm, bound=KIOSK_UP):
    """Waits for the kiosk session to run cage and Chromium (the page itself is not awaited)."""
    start = vm.powered_on
    while time.monotonic() - start < bound:
        rc, _ = vm.run("pgrep -u vitrine-kiosk -x cage && pgrep -u vitrine-kiosk -x chromium", check=False)
        if rc == 0:
            return time.monotonic() - start
        time.sleep(3)
    raise Failure("cage and Chromium were not running %d s after power-on" % bound)


def reboot(vm):
    vm.send("systemctl reboot")
    vm.wait_off(180)
    vm.start()


def change_shows(host, screen, n):
    host.save_link(n)
    acked = time.monotonic()
    took, path = screen.wait_for(link(n), CHANGE_BOUND, "change-%d" % n, since=acked)
    return took, path


def back_on_screen(host, screen, n, start, label):
    """After the page went away: the server sees a page again, and the screen shows it."""
    host.wait_screen(True, CHROMIUM_BACK, "the page did not come back (no event stream)")
    return screen.wait_for(link(n), CHROMIUM_BACK, label, since=start)[0]


def chromium_killed(vm, host, screen, n):
    say("scenario 5a: Chromium killed")
    vm.run("pkill -KILL -x chromium")
    start = time.monotonic()
    # The page's event stream ends with the browser: the old frame left on screen is not
    # taken for the display coming back.
    host.wait_screen(False, 30, "the server still counted the page 30 s after Chromium died")
    took = back_on_screen(host, screen, n, start, "chromium-killed")
    figure(vm.name + ": " "Chromium killed -> display back", "%.1f s" % took)


def renderer_crashed(vm, host, screen, n):
    """The page's renderer killed (as the OOM killer would on a 1 GB Pi): Chromium stays up
    behind a "Aw, Snap!" page, and only the kiosk's watchdog (no report from the local
    screen for VITRINE_REPORT_TIMEOUT, the Pi's 120 s) brings the display back."""
    say("scenario 5d: the page's renderer crashed; the kiosk's watchdog must restart Chromium")
    _, browser = vm.run("pgrep -u vitrine-kiosk -o -x chromium")
    vm.run("pkill -KILL -u vitrine-kiosk -f -- '--type=renderer'")
    start = time.monotonic()
    host.wait_screen(False, 30, "the server still counted the page 30 s after its renderer died")
    took = back_on_screen(host, screen, n, start, "renderer-crashed")
    _, now = vm.run("pgrep -u vitrine-kiosk -o -x chromium", check=False)
    if now.strip() == browser.strip():
        raise Failure("the display came back without the watchdog restarting Chromium (pid %s)"
                      % browser.strip())
    # The kiosk's scripts run in its login session's scope: their lines are found by name.
    _, said = vm.run("journalctl -b -t vitrine-kiosk --no-pager -o cat "
                     "| grep -c 'has not reported to the server' || true")
    if int(said.strip() or 0) < 1:
        raise Failure("the kiosk's journal does not say why Chromium was restarted")
    figure(vm.name + ": " "renderer crashed -> watchdog restarted Chromium, display back", "%.1f s" % took)


def pointer_moved(vm, screen, name, bound=30):
    """Once the page is up, the kiosk moved the compositor's mouse pointer over it with wlrctl
    (Debian 13 on), which lets the page's `cursor: none` hide it; its journal says so. The
    screen is grabbed then, to be looked at (no pointer)."""
    start = time.monotonic()
    while True:
        _, said = vm.run("journalctl -b -t vitrine-kiosk --no-pager -o cat | grep -i 'mouse pointer' || true")
        if "moved over the page" in said:
            figure(name + ": the mouse pointer moved over the page (wlrctl)", "%.1f s after the QR code"
                   % (time.monotonic() - start))
            say("  the screen then: %s" % screen.grab("pointer-moved"))
            return
        if time.monotonic() - start > bound:
            raise Failure("the kiosk did not move the mouse pointer over the page within %d s of the "
                          "QR code; its journal says: %s" % (bound, said.strip() or "nothing of it"))
        time.sleep(2)


def vitrine_killed(vm, host, screen, n, display):
    say("scenario 5b: vitrine killed" + ("; the screen must show the display on every frame" if display else ""))
    _, before = vm.run("systemctl show -p NRestarts --value vitrine.service")
    vm.run("systemctl kill -s KILL vitrine.service")
    start = time.monotonic()
    back = None
    frames = 0
    while time.monotonic() - start < 20 or back is None:
        if time.monotonic() - start > HEALTHZ:
            raise Failure("vitrine did not come back within %d s" % HEALTHZ)
        if display:
            seen, path = screen.qr("vitrine-killed")
            frames += 1
            if seen != link(n):
                raise Failure("while vitrine restarted, the screen did not show the display "
                              "(QR read %r): %s" % (seen, path))
        if back is None and host.healthy():
            back = time.monotonic() - start
        time.sleep(0.7)
    _, after = vm.run("systemctl show -p NRestarts --value vitrine.service")
    if int(after) <= int(before):
        raise Failure("systemd did not restart vitrine (NRestarts %s -> %s)" % (before, after))
    figure(vm.name + ": " "vitrine killed -> /healthz back" + (" (display kept on %d frames)" % frames if display else ""),
           "%.1f s" % back)


def compositor_faults(vm):
    say("scenario 5c: a compositor that cannot start, then one that hangs")
    for name, dropin in (
        ("cannot start", "[Service]\nEnvironment=WLR_DRM_DEVICES=/dev/null\n"),
        ("hangs", "[Service]\nEnvironment=VITRINE_CAGE=/usr/local/bin/hung-cage VITRINE_SHOWN_TIMEOUT=20 "
                  "VITRINE_KIOSK_CONFIG=/nonexistent\n"),
    ):
        _, before = vm.run("systemctl show -p NRestarts --value vitrine-kiosk.service")
        vm.run("""
printf '#!/bin/sh\\nexec sleep 100000\\n' > /usr/local/bin/hung-cage; chmod +x /usr/local/bin/hung-cage
mkdir -p /run/systemd/system/vitrine-kiosk.service.d
printf '%s' > /run/systemd/system/vitrine-kiosk.service.d/fault.conf
systemctl daemon-reload
systemctl restart --no-block vitrine-kiosk.service
""" % dropin.replace("\n", "\\n"))
        start = time.monotonic()
        while True:
            _, now = vm.run("systemctl show -p NRestarts --value vitrine-kiosk.service")
            if int(now) > int(before):
                break
            if time.monotonic() - start > COMPOSITOR:
                raise Failure("a compositor that %s was not restarted within %d s" % (name, COMPOSITOR))
            time.sleep(2)
        figure(vm.name + ": " "compositor that %s -> kiosk unit failed and restarted" % name,
               "%.1f s" % (time.monotonic() - start))
    vm.run("rm -rf /run/systemd/system/vitrine-kiosk.service.d; systemctl daemon-reload")


def secrets_digest(vm):
    return vm.run("cd /var/lib/vitrine && find . -maxdepth 1 -type f ! -name 'content*' "
                  "! -name '.*' -print0 | sort -z | xargs -0 -r sha256sum")[1]


def served_build(host):
    """The build id the server's display page carries (what the screen compares)."""
    status, _, body = host.request("GET", "/")
    found = re.search(rb'data-build="([0-9a-f]+)"', body)
    if status != 200 or not found:
        raise Failure("GET / answered %d without a build id: %r" % (status, body[:300]))
    return found.group(1).decode()


def marked(frame):
    """Whether the upgraded build's magenta square is in the screen's bottom-right corner."""
    r, g, b = pixel(frame, -8, -8)
    return r > 200 and g < 60 and b > 200


# Frames in a row, while the page reloads itself to the new build, that may show only the
# page's own background (Chromium draws the new document's background before its first slide;
# under TCG, a CPU many times slower than a Pi's, that lasted one screendump on a quiet machine
# and three under a load of 3). Never black, white or an error page: such a frame must be the
# colour of the display it replaces.
RELOAD_FRAMES = 6


def plain(frame, colour):
    """Whether a frame is nothing but `colour` (a grid of points over the whole screen, the
    mouse pointer's corner left out), within a small tolerance for scaling."""
    width, height, _ = frame
    for gx in range(1, 16):
        for gy in range(1, 9):
            x, y = width * gx // 16, height * gy // 9
            if x < width // 8 and y < height // 4:
                continue
            if any(abs(a - b) > 6 for a, b in zip(pixel(frame, x, y), colour)):
                return False
    return True


def upgrade(vm, host, screen, n, newer, display):
    say("scenario 4: dpkg -i of a newer build" + (", the screen watched every second" if display else ""))
    _, content_before = vm.run("sha256sum /var/lib/vitrine/content.json")
    secrets_before = secrets_digest(vm)
    _, pid_before = vm.run("systemctl show -p MainPID --value vitrine.service")
    build_before = served_build(host)
    if display and marked(vm.frame):
        raise Failure("the upgrade's mark is on screen before the upgrade")
    result = {}

    def do_upgrade():
        try:
            result["out"] = vm.run("dpkg -i /mnt/payload/vitrine-upgrade.deb", timeout=300)
        except Failure as e:
            result["error"] = e

    worker = threading.Thread(target=do_upgrade)
    worker.start()
    frames = 0
    start = time.monotonic()
    new_on_screen = None
    # The display's own background, from the last frame that showed it (its top edge).
    background = pixel(vm.frame, vm.frame[0] // 2, 2) if display else None
    plain_run, plain_most = 0, 0
    # Every second until the new build is on screen (the page reloads itself when the
    # server's build id changes): each frame shows the display, never an error page; only
    # the reload itself may show the display's bare background, for RELOAD_FRAMES at most.
    while display and (worker.is_alive() or new_on_screen is None):
        seen, path = screen.qr("upgrade")
        frames += 1
        if seen != link(n):
            if plain(vm.frame, background) and plain_run < RELOAD_FRAMES:
                plain_run += 1
                plain_most = max(plain_most, plain_run)
                time.sleep(0.7)
                continue
            worker.join(330)
            raise Failure("during the upgrade the screen did not show the display "
                          "(QR read %r): %s" % (seen, path))
        plain_run = 0
        if marked(vm.frame):
            new_on_screen = time.monotonic() - start
        elif time.monotonic() - start > UPGRADE_SHOWN:
            raise Failure("the screen did not pick up the new build within %d s: %s"
                          % (UPGRADE_SHOWN, path))
        time.sleep(0.7)
    worker.join()
    if "error" in result:
        raise result["error"]
    host.wait_healthy()
    _, version = vm.run("dpkg-query -W -f='${Version}' vitrine")
    if version.strip() != newer:
        raise Failure("after the upgrade the version is %r, not %r" % (version, newer))
    _, pid_after = vm.run("systemctl show -p MainPID --value vitrine.service")
    if pid_after == pid_before:
        raise Failure("the upgrade did not restart vitrine")
    build_after = served_build(host)
    if build_after == build_before:
        raise Failure("after the upgrade the server still serves build %s" % build_before)
    status, _, css = host.request("GET", "/assets/display.css")
    if status != 200 or b"system test: the upgraded build" not in css:
        raise Failure("after the upgrade display.css is not the new one (%d)" % status)
    _, content_after = vm.run("sha256sum /var/lib/vitrine/content.json")
    if content_after != content_before or host.shown_link() != link(n):
        raise Failure("the upgrade changed the content")
    if secrets_digest(vm) != secrets_before:
        raise Failure("the upgrade changed the password or the tokens")
    host.save_link(n + 1)  # the token still works
    if display:
        screen.wait_for(link(n + 1), CHANGE_BOUND, "after-upgrade")
        figure(vm.name + ": " "upgrade: new build on screen (display on each of %d frames, "
               "at most %d in a row of its bare background while it reloaded)" % (frames, plain_most),
               "%.1f s" % new_on_screen)
    figure(vm.name + ": " "upgrade (build %s -> %s, dpkg -i to the new version answering)" % (build_before, build_after),
           "%.1f s" % (time.monotonic() - start))
    return n + 1


def power_cuts(vm, host, screen, n, rounds, rng, display, boot=BOOT, healthz=HEALTHZ):
    say("scenario 3: %d power cuts during a stream of saves" % rounds)
    for r in range(1, rounds + 1):
        first = n
        state = {"acked": n, "inflight": None, "stop": False, "errors": []}
        acknowledged = threading.Event()

        def stream():
            k = state["acked"]
            while not state["stop"]:
                k += 1
                state["inflight"] = k
                try:
                    host.save_link(k, timeout=15)
                    state["acked"] = k
                    acknowledged.set()
                except (Failure, OSError, urllib.error.URLError) as e:
                    state["errors"].append(str(e))
                    return

        saver = threading.Thread(target=stream, daemon=True)
        saver.start()
        # The random moment of the cut is counted from the first acknowledged save, so that a
        # slow first save after a cold boot does not leave a round with nothing to check.
        if not acknowledged.wait(FIRST_SAVE):
            raise Failure("round %d: no save was acknowledged within %d s: %s"
                          % (r, FIRST_SAVE, state["errors"]))
        wait = rng.uniform(2.0, 8.0)
        time.sleep(wait)
        vm.power_cut()
        state["stop"] = True
        saver.join(15)
        acked, inflight = state["acked"], state["inflight"]
        vm.start()
        vm.wait_agent(boot)
        host.wait_healthy(healthz)
        now = host.shown_link()
        allowed = {link(acked)} | ({link(inflight)} if inflight else set())
        if now not in allowed:
            raise Failure("round %d: after the cut the content is %s; last acknowledged %s, in flight %s"
                          % (r, now, link(acked), inflight and link(inflight)))
        _, leftovers = vm.run("find /var/lib/vitrine -name '.*.tmp' -print")
        if leftovers.strip():
            raise Failure("round %d: temporary files left after the cut:\n%s" % (r, leftovers))
        # The three newest revisions, those written around the cut (names sort by time). Not
        # `ls | head`: head closing the pipe makes ls print "write error" into the listing.
        _, listing = vm.run("ls -1 /var/lib/vitrine/history | tail -n 3")
        files = listing.split()
        if not files:
            raise Failure("round %d: the history is empty" % r)
        for name in files:
            if not re.fullmatch(r"[0-9a-f-]+\.json", name):
                raise Failure("round %d: unexpected file in the history: %r" % (r, name))
            _, text = vm.run("cat /var/lib/vitrine/history/%s" % name)
            try:
                json.loads(text)
            except ValueError:
                raise Failure("round %d: history file %s does not read as JSON" % (r, name))
        if display:
            took, _ = screen.wait_for(now, DISPLAY, "cut-%d" % r, since=vm.powered_on)
            back = "display back %.0f s after power-on" % took
        else:
            back = "/healthz back %.0f s after power-on" % (time.monotonic() - vm.powered_on)
        n = int(now[-6:])
        saves = acked - first
        figure(vm.name + ": " "power cut %d" % r, "cut after %.1f s of saves (%d acknowledged, #%s in flight), "
               "content kept (%s), %s"
               % (wait, saves, inflight, "the one in flight" if now != link(acked) else "last acknowledged", back))
    return n
