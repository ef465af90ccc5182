"""The system test's harness: the host's side of a VM (HTTP through the forwarded port, the
screen's QR code), the packages it installs, the bounds every wait keeps, and its figures.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vm import VM, Failure  # noqa: E402


HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TOOLS = ["qemu-system-x86_64", "mmdebstrap", "mkfs.ext4", "zbarimg", "git", "cargo", "cargo-deb",
         "dpkg-deb"]
# The arm64 scenario's, besides: the emulator, the cross linker, the foreign binfmt entry.
ARM64_TOOLS = ["qemu-system-aarch64", "aarch64-linux-gnu-gcc", "qemu-aarch64-static", "arch-test"]
ARM64_TARGET = "aarch64-unknown-linux-gnu"

# Bounds (seconds): generous for a loaded 2-core machine without KVM, never endless.
BOOT = 600          # power-on to the agent answering (240 s was too short with another VM beside it)
HEALTHZ = 120       # the server answering the host after a start
DISPLAY = 900       # power-on to the QR code on screen (TCG: Chromium needs minutes)
KIOSK_UP = 300      # power-on to cage and Chromium running
CHANGE = 2.0        # a saved change on screen (the promise)
CHANGE_TCG = 15     # the same without KVM (an emulated CPU; 4.3-4.7 s seen on a quiet 2-core machine)
CHANGE_BOUND = 30   # how long we look for it before calling it lost
FIRST_SAVE = 60     # a power cut round's first save acknowledged (a cold cache after boot)
UPGRADE_SHOWN = 300  # dpkg -i of the upgrade -> its mark on screen (the page reloads itself)
CHROMIUM_BACK = 600  # Chromium killed -> the display back (the renderer: + the watchdog's 120 s)
PICTURE = 240       # the QR code pinned -> the dashboard's picture of the screen decoding to it
PICTURE_EVERY = 20  # the VM kiosk's seconds between two pictures (a Pi's: 300)
SHOWN = 600         # the kiosk session's own bound for a first frame (a Pi's: 240 s)
COMPOSITOR = 120    # a compositor that cannot start -> the unit restarted

figures = []


def say(text):
    print("system-test: %s" % text, flush=True)


def figure(name, value):
    figures.append((name, value))
    say("FIGURE %s: %s" % (name, value))


def link(n):
    return "https://chat.whatsapp.com/VitrineTest%06d" % n


# ---- the host's side: HTTP through the forwarded port ----

class Host:
    def __init__(self, port):
        self.base = "http://127.0.0.1:%d" % port
        self.token = None

    def request(self, method, path, body=None, headers=None, timeout=10):
        req = urllib.request.Request(self.base + path, data=body, method=method)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as res:
                return res.status, dict(res.headers), res.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def healthy(self):
        try:
            return self.request("GET", "/healthz", timeout=3)[0] == 200
        except (OSError, urllib.error.URLError):
            return False

    def wait_healthy(self, bound=HEALTHZ):
        start = time.monotonic()
        while time.monotonic() - start < bound:
            if self.healthy():
                return time.monotonic() - start
            time.sleep(0.5)
        raise Failure("/healthz did not answer the host within %d s" % bound)

    def content(self):
        status, headers, body = self.request("GET", "/api/content")
        if status != 200:
            raise Failure("GET /api/content answered %d: %s" % (status, body[:300]))
        return headers.get("ETag") or headers.get("etag"), json.loads(body)

    def save_link(self, n, timeout=10):
        """Saves link(n) through the API; returns True once acknowledged (200)."""
        etag, doc = self.content()
        doc["community"]["invite_link"] = link(n)
        status, _, body = self.request(
            "PUT", "/api/content", json.dumps(doc).encode(),
            {"Content-Type": "application/json", "If-Match": etag,
             "Authorization": "Bearer %s" % self.token}, timeout=timeout)
        if status != 200:
            raise Failure("PUT /api/content answered %d: %s" % (status, body[:300]))
        return True

    def put_content(self, doc):
        etag, _ = self.content()
        status, _, body = self.request(
            "PUT", "/api/content", json.dumps(doc).encode(),
            {"Content-Type": "application/json", "If-Match": etag,
             "Authorization": "Bearer %s" % self.token})
        if status != 200:
            raise Failure("PUT /api/content answered %d: %s" % (status, body[:300]))

    def screen_picture(self):
        """The kiosk's last picture of its screen, as the dashboard shows it (JPEG), or None."""
        status, _, body = self.request("GET", "/api/screen/picture",
                                       headers={"Authorization": "Bearer %s" % self.token})
        if status == 404:
            return None
        if status != 200:
            raise Failure("GET /api/screen/picture answered %d: %s" % (status, body[:300]))
        return body

    def shown_link(self):
        return self.content()[1]["community"]["invite_link"]

    def local_screen(self):
        """What the server knows of the VM's own screen: {"connected", "missing_for"}."""
        status, _, body = self.request("GET", "/api/screen/local")
        if status != 200:
            raise Failure("GET /api/screen/local answered %d: %s" % (status, body[:300]))
        return json.loads(body)

    def wait_screen(self, connected, bound, what):
        """Waits until the server counts the VM's screen as connected (or gone); seconds."""
        start = time.monotonic()
        while time.monotonic() - start < bound:
            if self.local_screen()["connected"] == connected:
                return time.monotonic() - start
            time.sleep(0.5)
        raise Failure("%s within %d s" % (what, bound))


# ---- the screen ----

class Screen:
    def __init__(self, vm, folder):
        self.vm = vm
        self.folder = folder
        self.count = 0
        os.makedirs(folder, exist_ok=True)

    def grab(self, label):
        self.count += 1
        path = os.path.join(self.folder, "%04d-%s.png" % (self.count, label))
        self.vm.screendump(path)
        return path

    def qr(self, label):
        """The text of the QR code on screen now, or None (and the PNG's path)."""
        path = self.grab(label)
        out = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", path],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=30)
        text = out.stdout.decode("utf-8", "replace").strip().splitlines()
        return (text[0] if text else None), path

    def wait_for(self, expected, bound, label, since=None):
        """Polls the screen until its QR code reads `expected`; seconds since `since`."""
        since = since if since is not None else time.monotonic()
        last = None
        while time.monotonic() - since < bound:
            seen, path = self.qr(label)
            if seen == expected:
                return time.monotonic() - since, path
            last = (seen, path)
            if not self.vm.alive():
                raise Failure("the VM stopped while waiting for the display")
            time.sleep(0.3)
        raise Failure("the screen did not show the QR code of %s within %d s (last read: %r, %s)"
                      % (expected, bound, last and last[0], last and last[1]))


# ---- building what the VM gets ----

# The upgrade's one visible change: a magenta square in the screen's bottom-right corner
# (appended to display.css, so the build id changes as a real release's would).
MARKER_CSS = ("\n/* system test: the upgraded build */\nbody.display::after { content: \"\"; "
              "position: fixed; right: 0; bottom: 0; width: 24px; height: 24px; "
              "background: #ff00ff; z-index: 2147483647; }\n")


def cargo_deb(cwd, profile, out, version=None, extra=()):
    """Builds the package of the sources in `cwd` into the folder `out`; its path."""
    env = dict(os.environ)
    # The upgrade's copy of the sources builds in the same target folder: only vitrine itself
    # is compiled again, every dependency is reused.
    env.setdefault("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
    args = ["cargo", "deb", "--fast", "--profile", profile, "--output", out + "/"]
    if version:
        args += ["--deb-version", version]
    out_text = subprocess.run(args + list(extra), cwd=cwd, env=env, stdout=subprocess.PIPE,
                              check=True).stdout.decode().strip()
    return out_text.splitlines()[-1]


def upgrade_sources(work):
    """A copy of the sources (what git knows of, with local changes) with the marker added."""
    src = os.path.join(work, "upgrade-src")
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=REPO, stdout=subprocess.PIPE, check=True).stdout.split(b"\0")
    for name in (f.decode() for f in files if f):
        source = os.path.join(REPO, name)
        if not os.path.isfile(source):
            continue  # deleted in the work tree
        target = os.path.join(src, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(source, target)
    css = os.path.join(src, "assets", "static", "display.css")
    stat = os.stat(css)
    with open(css, "a") as f:
        f.write(MARKER_CSS)
    # The copy keeps the original's times: a second run in the same folder (--keep) finds the
    # upgrade already built instead of compiling it again.
    os.utime(css, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return src


def build_packages(work, profile, upgrade=True):
    """The package, and (`upgrade`) a genuinely newer one (version bumped, display.css
    changed, so a new build id): both built by cargo deb from the project's own packaging.
    The payload disk, the version and the newer one's."""
    payload = os.path.join(work, "payload")
    os.makedirs(payload, exist_ok=True)
    say("building the amd64 package (cargo deb --profile %s)" % profile)
    start = time.monotonic()
    deb = cargo_deb(REPO, profile, os.path.join(work, "deb"))
    version = subprocess.run(["dpkg-deb", "-f", deb, "Version"], stdout=subprocess.PIPE,
                             check=True).stdout.decode().strip()
    shutil.copy(deb, os.path.join(payload, "vitrine.deb"))
    figure("package build", "%.0f s" % (time.monotonic() - start))
    newer = version + "+systemtest1"
    if not upgrade:
        image = os.path.join(work, "payload.img")
        subprocess.run(["mkfs.ext4", "-q", "-d", payload, image, "256M"], check=True)
        return image, version, None
    say("building the upgrade %s (its display.css changed)" % newer)
    start = time.monotonic()
    # Optimised less than a release (vitrine alone is compiled again): it is the same code.
    deb = cargo_deb(upgrade_sources(work), profile, os.path.join(work, "deb-upgrade"), newer,
                    ["--", "--config", "profile.%s.package.vitrine.opt-level=1" % profile])
    shutil.copy(deb, os.path.join(payload, "vitrine-upgrade.deb"))
    figure("upgrade package build", "%.0f s" % (time.monotonic() - start))
    shutil.rmtree(os.path.join(work, "upgrade-src"))
    image = os.path.join(work, "payload.img")
    subprocess.run(["mkfs.ext4", "-q", "-d", payload, image, "256M"], check=True)
    return image, version, newer


def build_arm64_package(work, profile):
    """The arm64 package (cross-built as packaging/build.sh does) on a payload disk of its
    own; the disk's path and the package's version."""
    payload = os.path.join(work, "payload-arm64")
    os.makedirs(payload, exist_ok=True)
    say("building the arm64 package (cargo deb --target %s --profile %s)" % (ARM64_TARGET, profile))
    start = time.monotonic()
    deb = cargo_deb(REPO, profile, os.path.join(work, "deb-arm64"), extra=["--target", ARM64_TARGET])
    version = subprocess.run(["dpkg-deb", "-f", deb, "Version"], stdout=subprocess.PIPE,
                             check=True).stdout.decode().strip()
    shutil.copy(deb, os.path.join(payload, "vitrine.deb"))
    figure("arm64 package build", "%.0f s" % (time.monotonic() - start))
    image = os.path.join(work, "payload-arm64.img")
    subprocess.run(["mkfs.ext4", "-q", "-d", payload, image, "64M"], check=True)
    return image, version


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def choose_accel(work, image):
    """KVM when /dev/kvm really runs a guest (a bounded probe: the kernel's first console
    line), else TCG. A /dev/kvm that exists but never starts a guest is not unusual in CI."""
    if not os.access("/dev/kvm", os.R_OK | os.W_OK):
        return "tcg"
    probe_dir = os.path.join(work, "kvm-probe")
    os.makedirs(probe_dir)
    vm = VM(probe_dir, image, free_port(), "kvm", name="kvm-probe")
    # An empty disk: only the kernel's first console lines matter.
    with open(vm.disk, "wb") as f:
        f.truncate(1 << 20)
    try:
        vm.start()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and vm.alive():
            if "Linux version" in vm.console_tail(400):
                return "kvm"
            time.sleep(0.5)
        return "tcg"
    except Failure:
        return "tcg"
    finally:
        vm.power_cut()
