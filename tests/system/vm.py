"""The system test's virtual machine: qemu, its agent on the second serial port, its screen.

One VM is one qemu process on a copy of the cached image (see image.sh): a PC (amd64, KVM
or TCG) or qemu's arm64 `virt` board (TCG). Commands go to the agent (agent.sh) on a second
console (ttyS1; hvc0 on arm64); the kernel and systemd write theirs to the first (ttyS0;
ttyAMA0), kept in a file; the screen comes from QMP `screendump`. The only network is qemu's user-mode one,
restricted, with the guest's port 8080 forwarded to a loopback port of this machine.
Every wait here is bounded; nothing is left running when the VM object is closed.
"""

import base64
import ctypes
import json
import os
import signal
import socket
import struct
import subprocess
import threading
import time
import zlib

# Seconds of a silent console and idle vCPUs before the agent answers that make a boot hung.
EARLY_HANG = 90


class Failure(Exception):
    """A scenario failed; the message says what the user would notice."""


class VM:
    def __init__(self, work, image, port, accel, memory=1024, payload=None, name="vm",
                 arch="amd64", screen=(1280, 720), cpu=None):
        self.arch = arch
        self.screen = screen
        self.cpu = cpu
        self.work = work
        self.image = image
        self.port = port
        self.accel = accel
        self.memory = memory
        self.payload = payload
        self.name = name
        self.disk = os.path.join(work, "disk.img")
        self.proc = None
        self.agent = None
        self.lines = []
        self.cond = threading.Condition()
        self.counter = 0
        self.powered_on = None
        self.boots = 0
        self.frame = None

    # ---- power ----

    def start(self):
        """Power on (the disk keeps what the last boot left on it)."""
        sock = lambda n: os.path.join(self.work, n)
        for n in ("agent.sock", "qmp.sock"):
            if os.path.exists(sock(n)):
                os.unlink(sock(n))
        self.boots += 1
        self.console = sock("console-%d.log" % self.boots)
        if self.arch == "arm64":
            # qemu's virt board: one UART (the console); the agent on a virtio console (hvc0).
            args = ["qemu-system-aarch64", "-M", "virt", "-cpu", "max", "-accel", "tcg",
                    "-append", "root=/dev/vda rw console=ttyAMA0 panic=-1",
                    "-device", "virtio-serial-pci", "-device", "virtconsole,chardev=agent"]
        else:
            args = ["qemu-system-x86_64", "-accel", self.accel,
                    "-cpu", self.cpu or ("max" if self.accel == "tcg" else "host"),
                    "-vga", "none", "-device", "virtio-vga,xres=%d,yres=%d" % self.screen,
                    "-append", "root=/dev/vda rw console=ttyS0 panic=-1"]
        args += [
            "-nodefaults", "-no-user-config", "-no-reboot",
            "-m", str(self.memory), "-smp", "2",
            "-display", "none",
            "-kernel", os.path.join(self.image, "vmlinuz"),
            "-initrd", os.path.join(self.image, "initrd.img"),
            "-drive", "file=%s,format=raw,if=virtio,cache=none" % self.disk,
            "-netdev", "user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:%d-:8080" % self.port,
            "-device", "virtio-net-pci,netdev=n0",
            "-serial", "file:%s" % self.console,
            "-chardev", "socket,id=agent,path=%s,server=on,wait=off" % sock("agent.sock"),
            "-qmp", "unix:%s,server=on,wait=off" % sock("qmp.sock"),
        ]
        if self.arch != "arm64":
            args += ["-serial", "chardev:agent"]
        if self.payload:
            args += ["-drive", "file=%s,format=raw,if=virtio,readonly=on" % self.payload]
        self.qemu_log = open(sock("qemu.log"), "ab")
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self.qemu_log,
                                     stderr=subprocess.STDOUT, start_new_session=True,
                                     preexec_fn=die_with_parent)
        self.powered_on = time.monotonic()
        self._connect_agent()

    def _connect_agent(self):
        path = os.path.join(self.work, "agent.sock")
        deadline = time.monotonic() + 30
        while True:
            try:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(path)
                break
            except OSError:
                s.close()
                if self.proc.poll() is not None:
                    raise Failure("qemu exited at once: %s" % self.qemu_output())
                if time.monotonic() > deadline:
                    raise Failure("qemu's agent socket did not appear within 30 s")
                time.sleep(0.1)
        self.agent = s
        with self.cond:
            self.lines = []
        threading.Thread(target=self._read_agent, args=(s,), daemon=True).start()

    def _read_agent(self, s):
        buf = b""
        while True:
            try:
                chunk = s.recv(65536)
            except OSError:
                chunk = b""
            if not chunk:
                with self.cond:
                    self.lines.append(None)
                    self.cond.notify_all()
                return
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                line = line.strip(b"\r")
                if line.startswith(b"@@"):
                    with self.cond:
                        self.lines.append(line.decode("ascii", "replace"))
                        self.cond.notify_all()

    def qemu_output(self):
        try:
            with open(os.path.join(self.work, "qemu.log"), "rb") as f:
                return f.read()[-2000:].decode("utf-8", "replace")
        except OSError:
            return ""

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def power_cut(self):
        """Pulls the plug: qemu killed at once, the guest's unflushed writes are lost."""
        if self.alive():
            os.killpg(self.proc.pid, signal.SIGKILL)
        self._reap()

    def wait_off(self, timeout):
        """Waits for the guest to power itself off (a reboot ends qemu: -no-reboot)."""
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise Failure("the VM did not go down within %d s" % timeout)
        self._reap()

    def _reap(self):
        if self.proc is not None:
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=30)
        if self.agent is not None:
            self.agent.close()
            self.agent = None
        if getattr(self, "qemu_log", None):
            self.qemu_log.close()
            self.qemu_log = None

    def close(self):
        self.power_cut()

    # ---- the agent ----

    def _take(self, match, timeout):
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for i, line in enumerate(self.lines):
                    if line is None:
                        raise Failure("the VM's agent connection closed (did the VM stop?)")
                    if match(line):
                        del self.lines[i]
                        return line
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.cond.wait(min(left, 1.0))

    def _cpu_seconds(self):
        """The CPU time qemu has used, all its threads."""
        try:
            with open("/proc/%d/stat" % self.proc.pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return None

    def _hung_in_boot(self, watch):
        """Whether the guest's kernel stopped in its early boot: both vCPUs halted and the
        console silent for EARLY_HANG s (seen under TCG with Bookworm's kernel, about one boot
        in ten: its TSCs marked unsynchronized, no timer interrupt came again). `watch` holds
        the last console size and CPU time seen, and since when they have not moved."""
        size = os.path.getsize(self.console) if os.path.exists(self.console) else 0
        cpu = self._cpu_seconds()
        now = time.monotonic()
        if watch.get("size") != size or cpu is None or cpu - watch.get("cpu", cpu) > 5:
            watch.update(size=size, cpu=cpu, since=now)
            return False
        return now - watch["since"] >= EARLY_HANG

    def wait_agent(self, timeout):
        """Waits until the guest's agent answers; returns the seconds since power-on. A guest
        whose emulated kernel hangs before userspace (see `_hung_in_boot`; nothing of vitrine
        has run yet) is powered on again, once, and said so."""
        deadline = time.monotonic() + timeout
        watch, again = {}, True
        while time.monotonic() < deadline:
            if not self.alive():
                raise Failure("qemu stopped while booting: %s" % self.qemu_output())
            try:
                self.agent.sendall(b"PING\n")
            except OSError:
                pass
            if self._take(lambda l: l.startswith("@@PONG "), 2):
                return time.monotonic() - self.powered_on
            if again and self._hung_in_boot(watch):
                print("system-test: %s: the emulated kernel hung in its early boot (console silent "
                      "and vCPUs idle for %d s, last line: %r): powered on again"
                      % (self.name, EARLY_HANG, self.console_tail().strip().splitlines()[-1:]),
                      flush=True)
                self.power_cut()
                self.start()
                watch, again = {}, False
        raise Failure("the VM did not come up within %d s; console:\n%s" % (timeout, self.console_tail()))

    def run(self, script, timeout=120, check=True):
        """Runs a bash script in the guest as root; returns (status, output)."""
        self.counter += 1
        ident = "c%d" % self.counter
        encoded = base64.b64encode(script.encode()).decode()
        self.agent.sendall(("RUN %s %d %s\n" % (ident, timeout, encoded)).encode())
        prefix = "@@DONE %s " % ident
        line = self._take(lambda l: l.startswith(prefix), timeout + 30)
        if line is None:
            raise Failure("no answer from the guest within %d s to:\n%s" % (timeout + 30, script))
        _, _, rc, out = (line.split(" ", 3) + [""])[:4]
        output = base64.b64decode(out).decode("utf-8", "replace")
        if check and rc != "0":
            raise Failure("in the guest, status %s from:\n%s\n--- output:\n%s" % (rc, script, output))
        return int(rc), output

    def send(self, script):
        """Starts a script that will not answer (a reboot)."""
        self.counter += 1
        encoded = base64.b64encode(script.encode()).decode()
        self.agent.sendall(("RUN x%d 600 %s\n" % (self.counter, encoded)).encode())

    def console_tail(self, n=60):
        try:
            with open(self.console, "rb") as f:
                text = f.read().decode("utf-8", "replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-n:])

    def journal(self, lines=200):
        """The guest's journal of this boot, for a failure's report (best effort)."""
        if not self.alive() or self.agent is None:
            return "(VM not running) console:\n" + self.console_tail()
        try:
            return self.run("journalctl -b --no-pager -o short-monotonic -n %d" % lines,
                            timeout=60, check=False)[1]
        except Failure as e:
            return "(journal unavailable: %s) console:\n%s" % (e, self.console_tail())

    # ---- the screen ----

    def qmp(self, command, arguments=None, timeout=30):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(timeout)
        try:
            s.connect(os.path.join(self.work, "qmp.sock"))
            f = s.makefile("rwb")
            json.loads(f.readline())
            for cmd in ({"execute": "qmp_capabilities"},
                        {"execute": command, "arguments": arguments or {}}):
                f.write(json.dumps(cmd).encode() + b"\n")
                f.flush()
                while True:
                    reply = json.loads(f.readline())
                    if "return" in reply or "error" in reply:
                        break
            if "error" in reply:
                raise Failure("QMP %s: %s" % (command, reply["error"]))
            return reply["return"]
        finally:
            s.close()

    def screendump(self, png):
        """Saves the VM's screen as a PNG."""
        ppm = png + ".ppm"
        self.qmp("screendump", {"filename": ppm})
        self.frame = ppm_to_png(ppm, png)
        os.unlink(ppm)
        return png


def die_with_parent():
    """In the child before exec: qemu gets SIGKILL if the harness dies, so no VM is left."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def ppm_to_png(ppm, png):
    """A binary PPM (what QMP writes) as an RGB PNG, with the standard library only; returns
    the frame as (width, height, RGB bytes)."""
    with open(ppm, "rb") as f:
        data = f.read()
    fields = []
    pos = 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    pos += 1
    if fields[0] != b"P6" or fields[3] != b"255":
        raise Failure("unexpected screendump format %r" % fields)
    width, height = int(fields[1]), int(fields[2])
    row = width * 3
    pixels = data[pos:pos + row * height]
    raw = b"".join(b"\x00" + pixels[y * row:(y + 1) * row] for y in range(height))

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    with open(png, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 1)))
        f.write(chunk(b"IEND", b""))
    return width, height, pixels


def pixel(frame, x, y):
    """The (r, g, b) of a frame at x, y; negative coordinates count from the right/bottom."""
    width, height, pixels = frame
    x, y = x % width, y % height
    i = (y * width + x) * 3
    return tuple(pixels[i:i + 3])
