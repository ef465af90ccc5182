#!/usr/bin/env python3
"""Phone photos against a running vitrine binary on loopback, in two modes.

`photos.py ADDRESS DATA_DIR TOKEN PHOTO...` (8 JPEGs of 4000×3000): uploads them from the admin
area as a volunteer would, checks the stored pictures' size, and measures the memory (VmRSS,
summed over its renderer processes) of a headless Chromium showing the display at 1920×1080
before and after, each for a bounded time with every slide at 3 s so that each announcement is
shown.

`photos.py peaks ADDRESS DATA_DIR PID PARALLEL_PHOTO PICTURE...`: the server's peak RSS (VmHWM,
reset through /proc/PID/clear_refs before each step, so it needs the right to write there)
while it stores each picture alone, then while 10 uploads of PARALLEL_PHOTO arrive at once.

Both print one JSON object on stdout.
"""

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import http.client
import threading
import uuid

PEAKS = sys.argv[1] == "peaks"
ARGS = sys.argv[2:] if PEAKS else sys.argv[1:]
HOST, PORT = ARGS[0].rsplit(":", 1)
PORT = int(PORT)
DATA = ARGS[1]
TOKEN, PHOTOS = (None, ARGS[2:]) if PEAKS else (ARGS[2], ARGS[3:])
ORIGIN = f"http://{HOST}:{PORT}"
PASSWORD = "une phrase assez longue pour le banc"
WATCH_SECONDS = 75


def request(method, path, body=b"", headers=None):
    conn = http.client.HTTPConnection(HOST, PORT, timeout=120)
    try:
        h = {"Host": f"{HOST}:{PORT}"}
        h.update(headers or {})
        try:
            conn.request(method, path, body=body, headers=h)
        except (BrokenPipeError, ConnectionResetError):
            # The server answered before reading the whole body (a refusal: too busy, too
            # big) and closed its side: its answer may still be read.
            pass
        try:
            r = conn.getresponse()
            return r.status, dict(r.getheaders()), r.read()
        except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected):
            return 0, {}, b"the connection was closed before an answer"
    finally:
        conn.close()


def set_up():
    with open(os.path.join(DATA, "setup-code")) as f:
        code = f.read().strip()
    fields = {"code": code, "name": "Bench", "password": PASSWORD, "password2": PASSWORD}
    status, headers, body = request(
        "POST",
        "/admin/setup",
        urllib.parse.urlencode(fields).encode(),
        {"Origin": ORIGIN, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 303, (status, body[:300])
    return headers["set-cookie"].split(";")[0]


def fast_slides():
    status, headers, body = request("GET", "/api/content")
    content = json.loads(body)
    for kind in content["slides"].values():
        kind["enabled"] = True
        kind["seconds"] = 3
    status, _, body = request(
        "PUT",
        "/api/content",
        json.dumps(content).encode(),
        {
            "Authorization": f"Bearer {TOKEN}",
            "Content-Type": "application/json",
            "If-Match": headers["etag"],
        },
    )
    assert status == 200, (status, body[:300])


def upload(cookie, i, photo, expect=(303,)):
    _, _, page = request("GET", "/admin/announcements/new", headers={"Cookie": cookie})
    csrf = re.search(rb'name="_csrf" value="([^"]+)"', page).group(1)
    etag = re.search(rb'name="etag" value="([^"]+)"', page).group(1)
    boundary = uuid.uuid4().hex.encode()
    parts = [(b"_csrf", None, csrf), (b"etag", None, etag.replace(b"&quot;", b'"')),
             (b"title", None, f"Photo {i}".encode()), (b"text", None, b"")]
    with open(photo, "rb") as f:
        parts.append((b"image_file", b"IMG.JPG", f.read()))
    body = b""
    for name, filename, value in parts:
        body += b"--" + boundary + b"\r\nContent-Disposition: form-data; name=\"" + name + b"\""
        if filename:
            body += b"; filename=\"" + filename + b"\"\r\nContent-Type: image/jpeg"
        body += b"\r\n\r\n" + value + b"\r\n"
    body += b"--" + boundary + b"--\r\n"
    start = time.monotonic()
    status, _, answer = request(
        "POST",
        "/admin/announcements",
        body,
        {
            "Cookie": cookie,
            "Origin": ORIGIN,
            "Content-Type": "multipart/form-data; boundary=" + boundary.decode(),
        },
    )
    assert expect is None or status in expect, (status, answer[:500])
    return time.monotonic() - start, status


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def renderers():
    pids = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read()
        except OSError:
            continue
        if b"--type=renderer" in cmd and PROFILE.encode() in cmd:
            pids.append(int(pid))
    return pids


PROFILE = ""


def watch_display(seconds):
    """Peak renderer RSS (MB) of a headless Chromium showing the display for `seconds`."""
    global PROFILE
    PROFILE = tempfile.mkdtemp(prefix="vitrine-bench-chromium-")
    browser = subprocess.Popen(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={PROFILE}", "--window-size=1920,1080",
         "--remote-debugging-port=0", f"http://{HOST}:{PORT}/"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    peak, samples, deadline = 0, 0, time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            time.sleep(1)
            total = sum(rss_kb(p) for p in renderers())
            samples += 1
            peak = max(peak, total)
    finally:
        os.killpg(browser.pid, signal.SIGTERM)
        try:
            browser.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(browser.pid, signal.SIGKILL)
            browser.wait(10)
        subprocess.run(["rm", "-rf", PROFILE])
    return round(peak / 1024, 1), samples


def stored_sizes():
    sizes = []
    media = os.path.join(DATA, "media")
    for name in sorted(os.listdir(media)):
        out = subprocess.run(["identify", "-format", "%w %h %b", os.path.join(media, name)],
                             capture_output=True, text=True).stdout.split()
        sizes.append((int(out[0]), int(out[1]), out[2]))
    return sizes


def hwm_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def peak_while(pid, step):
    """The server's peak RSS in MB while `step` runs, from a reset high-water mark."""
    with open(f"/proc/{pid}/clear_refs", "w") as f:
        f.write("5")
    step()
    return round(hwm_kb(pid) / 1024, 1)


def settled(pid, idle_kb, seconds=15):
    """Waits (at most `seconds`) until the server's RSS is back near `idle_kb`: the password
    hashed at setup keeps its ~20 MB block for a moment (limits::HASH_MEMORY_KEEP), and that is
    not a picture's."""
    deadline = time.monotonic() + seconds
    while rss_kb(pid) > idle_kb + 4096 and time.monotonic() < deadline:
        time.sleep(0.25)


def peaks(pid, parallel_photo, pictures):
    idle = rss_kb(pid)
    cookie = set_up()
    settled(pid, idle)
    alone = {}
    for i, picture in enumerate(pictures):
        name = os.path.basename(picture)
        alone[name] = peak_while(pid, lambda: upload(cookie, i + 1, picture))
    # Ten volunteers at once, each from a form they just opened: some saves meet a newer
    # revision (the conflict page) or a full upload queue; their answers are counted.
    answers = []

    def one(k):
        answers.append(upload(cookie, 100 + k, parallel_photo, expect=None)[1])

    def ten():
        threads = [threading.Thread(target=one, args=(k,)) for k in range(10)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(300)

    parallel = peak_while(pid, ten)
    return {"alone_mb": alone, "ten_parallel_mb": parallel, "ten_parallel_answers": sorted(answers),
            "rss_after_mb": round(rss_kb(pid) / 1024, 1)}


if PEAKS:
    pid = int(PHOTOS[0])
    print(json.dumps(peaks(pid, PHOTOS[1], PHOTOS[2:])))
    sys.exit(0)

fast_slides()
cookie = set_up()
before, before_samples = watch_display(WATCH_SECONDS)
took = [round(upload(cookie, i + 1, p)[0], 1) for i, p in enumerate(PHOTOS)]
sizes = stored_sizes()
after, after_samples = watch_display(WATCH_SECONDS)
print(json.dumps({
    "photos": len(PHOTOS),
    "upload_seconds": took,
    "stored": sizes,
    "longest_side": max(max(w, h) for w, h, _ in sizes),
    "renderer_before_mb": before,
    "renderer_after_mb": after,
    "growth_mb": round(after - before, 1),
    "watched_seconds": WATCH_SECONDS,
    "samples": [before_samples, after_samples],
}))
