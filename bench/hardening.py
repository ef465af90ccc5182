#!/usr/bin/env python3
"""The attacks of issue 8, against a running vitrine binary, on loopback only.

Started by bench/hardening.sh, which builds the binary, starts it and passes its address,
pid and data folder. Every loop here is bounded in count and in time; every attack comes
from 127.0.0.2 and up (as machines of the shop network would: the server keeps a reserve of
connections for 127.0.0.1 only, the kiosk browser and the watchdog), every probe from
127.0.0.1. Prints one JSON object of figures on stdout.
"""

import http.client
import json
import os
import re
import resource
import socket
import sys
import threading
import time
import urllib.parse

HOST, PORT = sys.argv[1].rsplit(":", 1)
PORT = int(PORT)
PID = int(sys.argv[2])
DATA = sys.argv[3]
NOTIFY = sys.argv[4] if len(sys.argv) > 4 else ""
ORIGIN = f"http://{HOST}:{PORT}"
PASSWORD = "une phrase assez longue pour le banc"

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))


def rss_mb():
    with open(f"/proc/{PID}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def attacker(i):
    """The i-th attacking address: 25 connections from each of 127.0.0.2, 127.0.0.3, …"""
    return f"127.0.0.{2 + (i // 25) % 200}"


def connect(source, timeout=5):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.bind((source, 0))
    s.connect((HOST, PORT))
    return s


def session_of(headers):
    """The session cookie (`name=value`) among those a login set."""
    for line in headers.get("set-cookie", "").splitlines():
        if line.startswith("vitrine_session="):
            return line.split(";")[0]
    raise AssertionError("no session cookie in %r" % headers)


def request(method, path, body=b"", headers=None, source="127.0.0.1", timeout=10):
    """One request on a fresh connection; (status, headers, body, seconds)."""
    start = time.monotonic()
    conn = http.client.HTTPConnection(HOST, PORT, timeout=timeout, source_address=(source, 0))
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()
        headers = dict(r.getheaders())
        # Every cookie set, one a line (a dict would keep only the last Set-Cookie).
        cookies = [v for k, v in r.getheaders() if k.lower() == "set-cookie"]
        if cookies:
            headers["set-cookie"] = "\n".join(cookies)
        return r.status, headers, data, time.monotonic() - start
    finally:
        conn.close()


class Probe(threading.Thread):
    """GET / from 127.0.0.1 twice a second, fresh connection each time, until stopped."""

    def __init__(self):
        super().__init__(daemon=True)
        self.times, self.failures, self.stop = [], 0, threading.Event()
        self.rss = []

    def run(self):
        deadline = time.monotonic() + 600
        while not self.stop.is_set() and time.monotonic() < deadline:
            try:
                status, _, _, took = request("GET", "/", timeout=5)
                self.times.append(took if status == 200 else 99)
            except OSError:
                self.failures += 1
                self.times.append(99)
            self.rss.append(rss_mb())
            self.stop.wait(0.5)

    def done(self):
        self.stop.set()
        self.join(10)
        return {
            "get_max_s": round(max(self.times), 3) if self.times else None,
            "get_count": len(self.times),
            "get_failures": self.failures,
            "rss_peak_mb": round(max(self.rss), 1) if self.rss else None,
        }


def settle(seconds):
    """RSS after `seconds` of quiet, and the lowest seen on the way."""
    lowest, deadline = rss_mb(), time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.5)
        lowest = min(lowest, rss_mb())
    return round(rss_mb(), 1), round(lowest, 1)


def close_all(socks):
    for s in socks:
        try:
            s.close()
        except OSError:
            pass


def open_many(n, first_bytes, per_conn_bytes=b"", chunk=65536, budget=60):
    """n connections from attacking addresses, each sending first_bytes then per_conn_bytes."""
    socks, refused, deadline = [], 0, time.monotonic() + budget
    for i in range(n):
        if time.monotonic() > deadline:
            break
        try:
            s = connect(attacker(i), timeout=2)
            s.sendall(first_bytes)
            socks.append(s)
        except OSError:
            refused += 1
    sent = 0
    if per_conn_bytes:
        for s in list(socks):
            if time.monotonic() > deadline:
                break
            s.settimeout(0.05)
            try:
                view = memoryview(per_conn_bytes)
                while view and time.monotonic() < deadline:
                    k = s.send(view[:chunk])
                    view = view[k:]
                    sent += k
            except OSError:
                pass
    return socks, refused, sent


def still_open(socks):
    """How many of socks the server has not closed (what it sent before closing is read)."""
    n = 0
    for s in socks:
        s.setblocking(False)
        for _ in range(64):
            try:
                data = s.recv(65536)
            except BlockingIOError:
                n += 1
                break
            except OSError:
                break
            if not data:
                break
    return n


PINGS = []


def listen_notify():
    if not NOTIFY:
        return
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(NOTIFY)
    s.settimeout(1)
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        try:
            msg = s.recv(4096)
        except socket.timeout:
            continue
        if b"WATCHDOG=1" in msg:
            PINGS.append(time.monotonic())


def max_gap(start, end):
    ts = [t for t in PINGS if start <= t <= end]
    points = [start] + ts + [end]
    return round(max(b - a for a, b in zip(points, points[1:])), 2)


results = {}


def attack_unfinished_bodies():
    probe = Probe()
    probe.start()
    head = (
        f"POST /admin/login HTTP/1.1\r\nHost: {HOST}:{PORT}\r\nOrigin: {ORIGIN}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000000\r\n\r\n"
    ).encode()
    body = b"x" * 1_999_999
    socks, refused, sent = open_many(1000, head, body, budget=90)
    time.sleep(5)
    during = probe.done()
    close_all(socks)
    after, lowest = settle(10)
    results["unfinished_bodies"] = {
        **during,
        "connections": len(socks),
        "refused_at_connect": refused,
        "bytes_sent": sent,
        "rss_10s_after_mb": after,
    }


def attack_idle():
    start = time.monotonic()
    probe = Probe()
    probe.start()
    socks, refused, _ = open_many(1100, b"", budget=60)
    opened = time.monotonic()
    time.sleep(4)
    open_mid = still_open(socks)
    # The header timeout is 10 s: every idle socket must be closed by then (bounded wait).
    deadline = opened + 20
    while time.monotonic() < deadline and still_open(socks) > 0:
        time.sleep(0.5)
    closed_after = round(time.monotonic() - opened, 1)
    during = probe.done()
    left = still_open(socks)
    close_all(socks)
    results["idle_connections"] = {
        **during,
        "connections": len(socks),
        "refused_at_connect": refused,
        "open_4s_after": open_mid,
        "open_at_end": left,
        "all_closed_within_s": closed_after if left == 0 else None,
        "watchdog_max_gap_s": max_gap(start, time.monotonic()) if NOTIFY else None,
    }


def attack_partial_headers():
    probe = Probe()
    probe.start()
    head = f"GET / HTTP/1.1\r\nHost: {HOST}:{PORT}\r\nX-Padding: ".encode()
    socks, refused, sent = open_many(1000, head, b"a" * 400_000, budget=90)
    time.sleep(3)
    during = probe.done()
    close_all(socks)
    after, lowest = settle(10)
    results["partial_headers"] = {
        **during,
        "connections": len(socks),
        "refused_at_connect": refused,
        "bytes_sent": sent,
        "rss_10s_after_mb": after,
    }


def form_post(path, fields, cookie=None, source="127.0.0.1"):
    headers = {
        "Host": f"{HOST}:{PORT}",
        "Origin": ORIGIN,
        "Content-Type": "application/x-www-form-urlencoded",
    }
    if cookie:
        headers["Cookie"] = cookie
    return request("POST", path, urllib.parse.urlencode(fields).encode(), headers, source)


def set_up():
    with open(os.path.join(DATA, "setup-code")) as f:
        code = f.read().strip()
    status, headers, body, _ = form_post(
        "/admin/setup",
        {"code": code, "name": "Bench", "password": PASSWORD, "password2": PASSWORD},
    )
    assert status == 303, (status, body[:300])
    return session_of(headers)


def log_in(source):
    status, headers, _, _ = form_post(
        "/admin/login", {"name": "Bench", "password": PASSWORD}, source=source
    )
    assert status == 303, status
    return session_of(headers)


def attack_wrong_logins():
    base = rss_mb()
    peak = [base]
    statuses = []
    lock = threading.Lock()

    def one(i):
        try:
            status, _, _, _ = form_post(
                "/admin/login",
                {"name": "Bench", "password": f"wrong password {i}"},
                source="127.0.0.50",
            )
        except OSError:
            status = 0
        with lock:
            statuses.append(status)
            peak.append(rss_mb())

    threads = [threading.Thread(target=one, args=(i,)) for i in range(60)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    after, lowest = settle(10)
    results["wrong_logins"] = {
        "checked_401": statuses.count(401),
        "refused_429": statuses.count(429),
        "other": len(statuses) - statuses.count(401) - statuses.count(429),
        "rss_before_mb": round(base, 1),
        "rss_peak_mb": round(max(peak), 1),
        "rss_10s_after_mb": after,
    }


def token_works(token):
    status, _, _, _ = request(
        "PUT",
        "/api/content",
        b"{}",
        {
            "Host": f"{HOST}:{PORT}",
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "If-Match": '"not-the-current-one"',
        },
    )
    # 412 (or 422): the token was accepted, the stale write refused; 401: no such token.
    return status not in (401, 403, 503)


def tokens_file_valid():
    try:
        with open(os.path.join(DATA, "api-tokens.json")) as f:
            json.load(f)
        return True
    except (OSError, ValueError):
        return False


def attack_tokens():
    cookie = log_in("127.0.0.60")
    status, _, page, _ = request(
        "GET", "/admin/tokens", headers={"Host": f"{HOST}:{PORT}", "Cookie": cookie}
    )
    csrf = re.search(rb'name="_csrf" value="([^"]+)"', page).group(1).decode()
    shown, failures, invalid_file = [], 0, 0
    for rnd in range(10):
        made, lock = [], threading.Lock()

        def create(i):
            s, _, body, _ = form_post(
                "/admin/tokens",
                {"_csrf": csrf, "label": f"r{rnd}-{i}"},
                cookie,
                source="127.0.0.60",
            )
            m = re.search(rb'<code class="token">([^<]+)</code>', body)
            with lock:
                made.append((s, m.group(1).decode() if m else None))

        threads = [threading.Thread(target=create, args=(i,)) for i in range(30)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        failures += sum(1 for s, tok in made if s != 200 or tok is None)
        shown += [tok for s, tok in made if tok]
        invalid_file += 0 if tokens_file_valid() else 1
    working = sum(1 for t in shown if token_works(t))
    _, _, page, _ = request(
        "GET", "/admin/tokens", headers={"Host": f"{HOST}:{PORT}", "Cookie": cookie}
    )
    ids = re.findall(rb'action="/admin/tokens/([^"/]+)/revoke"', page)[:20]
    with open(os.path.join(DATA, "api-tokens.json")) as f:
        stored = json.load(f)
    revoked_labels = {t["label"] for t in stored if t["id"].encode() in ids}
    codes = []

    def revoke(tid):
        s, _, _, _ = form_post(
            f"/admin/tokens/{tid.decode()}/revoke", {"_csrf": csrf}, cookie, source="127.0.0.60"
        )
        codes.append(s)

    threads = [threading.Thread(target=revoke, args=(tid,)) for tid in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    with open(os.path.join(DATA, "api-tokens.json")) as f:
        left = {t["label"] for t in json.load(f)}
    results["tokens"] = {
        "shown": len(shown),
        "create_failures": failures,
        "shown_that_work": working,
        "revokes": len(ids),
        "revokes_303": codes.count(303),
        "revoked_still_listed": len(revoked_labels & left),
        "file_invalid_rounds": invalid_file,
        "temporaries_left": len([n for n in os.listdir(DATA) if n.endswith(".tmp")]),
    }
    return cookie, csrf


threading.Thread(target=listen_notify, daemon=True).start()
time.sleep(0.5)
def main():
    only = os.environ.get("ONLY", "")
    steps = [
        ("idle", attack_idle),
        ("bodies", attack_unfinished_bodies),
        ("headers", attack_partial_headers),
    ]
    for name, step in steps:
        if not only or name in only:
            step()
            time.sleep(2)
    set_up()
    if not only or "logins" in only:
        attack_wrong_logins()
    if not only or "tokens" in only:
        attack_tokens()
    results["rss_end_mb"] = round(rss_mb(), 1)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
