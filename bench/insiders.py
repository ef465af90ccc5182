#!/usr/bin/env python3
"""Issue 24's rows B1-B7: a stranger and insiders against a running vitrine, on loopback only.

Started by bench/hardening.sh with ADDRESS PID DATA, on a data folder whose accounts it made
with `vitrine passwd` (Bench and Cecile, admins) and a server token (`vitrine token bench`,
passed as $BENCH_TOKEN). Reuses bench/hardening.py's helpers. Every loop is bounded in count
and in time; attackers are 127.0.0.2 and up, the kiosk's probe 127.0.0.1, "another machine"
127.0.0.200. Prints one JSON object of figures on stdout.
"""

import json
import os
import re
import socket
import threading
import time

import hardening as h

TOKEN = os.environ["BENCH_TOKEN"]
OTHER = "127.0.0.200"
results = {}


class Sampler(threading.Thread):
    """RSS every 0.2 s, and `GET path` from `source` every 0.5 s, until stopped."""

    def __init__(self, source="127.0.0.1", paths=("/",)):
        super().__init__(daemon=True)
        self.source, self.paths = source, paths
        self.rss, self.times, self.failures = [], [], 0
        self.stop = threading.Event()

    def run(self):
        deadline = time.monotonic() + 300
        last_get = 0.0
        while not self.stop.is_set() and time.monotonic() < deadline:
            self.rss.append(h.rss_mb())
            if time.monotonic() - last_get >= 0.5:
                last_get = time.monotonic()
                for path in self.paths:
                    try:
                        status, _, _, took = h.request("GET", path, source=self.source, timeout=5)
                        self.times.append(took if status == 200 else 99)
                        if status != 200:
                            self.failures += 1
                    except OSError:
                        self.failures += 1
                        self.times.append(99)
            self.stop.wait(0.2)

    def done(self):
        self.stop.set()
        self.join(10)
        return {
            "rss_peak_mb": round(max(self.rss), 1) if self.rss else None,
            "get_max_s": round(max(self.times), 3) if self.times else None,
            "get_count": len(self.times),
            "get_failures": self.failures,
        }


def api_put(doc, etag, token=TOKEN, source="127.0.0.1"):
    headers = {
        "Host": f"{h.HOST}:{h.PORT}",
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
        "If-Match": etag,
    }
    status, _, body, _ = h.request("PUT", "/api/content", json.dumps(doc, ensure_ascii=False).encode(), headers, source)
    return status, body


def current():
    status, headers, body, _ = h.request("GET", "/api/content")
    assert status == 200, status
    return json.loads(body), headers["etag"]


def b1_unfinished_puts():
    """8 addresses x 64 PUTs announcing 1,048,000 bytes and sending 1,000 fewer."""
    sampler = Sampler()
    sampler.start()
    statuses, socks, lock = {}, [], threading.Lock()
    head = (
        f"PUT /api/content HTTP/1.1\r\nHost: {h.HOST}:{h.PORT}\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {TOKEN}\r\nIf-Match: \"x\"\r\nContent-Length: 1048000\r\n\r\n"
    ).encode()
    chunk = b" " * 65536

    def one(i):
        source = f"127.0.0.{2 + i // 64}"
        try:
            s = h.connect(source, timeout=10)
            s.sendall(head)
            left = 1048000 - 1000
            while left > 0:
                s.sendall(chunk[: min(left, len(chunk))])
                left -= min(left, len(chunk))
            with lock:
                socks.append(s)
        except OSError:
            with lock:
                statuses["send_failed"] = statuses.get("send_failed", 0) + 1

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(8 * 64)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for s in socks:
        s.settimeout(0.2)
        try:
            answer = s.recv(64).decode("latin-1")
            code = answer[9:12] if answer.startswith("HTTP/1.1") else "none"
        except OSError:
            code = "none yet"
        statuses[code] = statuses.get(code, 0) + 1
    during = sampler.done()
    h.close_all(socks)
    after, _ = h.settle(10)
    results["b1"] = {**during, "rss_10s_after_mb": after, "answers": statuses}


def b2_held_streams():
    """64 /events from each of 9 addresses, held without reading for 30 s."""
    sampler = Sampler(source=OTHER, paths=("/", "/admin/login"))
    sampler.start()
    socks, accepted, refused = [], 0, 0
    for a in range(9):
        for _ in range(64):
            try:
                s = h.connect(f"127.0.0.{2 + a}", timeout=5)
                s.sendall(f"GET /events HTTP/1.1\r\nHost: {h.HOST}:{h.PORT}\r\n\r\n".encode())
                socks.append(s)
            except OSError:
                refused += 1
    time.sleep(1)
    for s in socks:
        s.settimeout(0.1)
        try:
            head = s.recv(12).decode("latin-1")
            if head.endswith("200"):
                accepted += 1
            else:
                refused += 1
        except OSError:
            refused += 1
    time.sleep(29)
    during = sampler.done()
    h.close_all(socks)
    results["b2"] = {**during, "streams_accepted": accepted, "refused": refused}


def login(name, password, source):
    status, headers, body, _ = h.form_post(
        "/admin/login", {"name": name, "password": password}, source=source
    )
    return status, headers, body


def b3_guesses():
    """4 wrong guesses at Bench then a good login as Ana, 12 times; then 40 addresses x 5
    wrong guesses at Cecile, and what Cecile reads."""
    checked = refused = 0
    for _ in range(12):
        for _ in range(4):
            status, _, _ = login("Bench", "une devinette", "127.0.0.60")
            checked += status == 401
            refused += status == 429
        login("Ana", h.PASSWORD, "127.0.0.60")
    many = 0
    for a in range(40):
        for _ in range(5):
            status, _, _ = login("Cecile", "une devinette", f"127.0.1.{1 + a}")
            many += status == 401
    status, _, body = login("Cecile", h.PASSWORD, "127.0.0.61")
    said = re.search(rb'role="alert">([^<]+)<', body)
    results["b3"] = {
        "one_machine_checked": checked,
        "one_machine_refused": refused,
        "forty_machines_checked": many,
        "owner_status": status,
        "owner_reads": said.group(1).decode() if said else "",
    }


def session_page(cookie, path):
    status, _, body, _ = h.request(
        "GET", path, headers={"Host": f"{h.HOST}:{h.PORT}", "Cookie": cookie}
    )
    return status, body


def csrf_of(body):
    return re.search(rb'name="_csrf" value="([^"]+)"', body).group(1).decode()


def b4_b5_tokens():
    """Cecile (admin) makes a token, writes with it, is disabled by Bench; Ana (volunteer)
    posts /admin/tokens/reset."""
    bench = h.log_in("127.0.0.70")
    _, _, _ = login("Cecile", h.PASSWORD, "127.0.0.71")
    status, headers, _ = login("Cecile", h.PASSWORD, "127.0.0.71")
    cecile = h.session_of(headers)
    _, page = session_page(cecile, "/admin/tokens")
    status, _, body, _ = h.form_post(
        "/admin/tokens", {"_csrf": csrf_of(page), "label": "sauvegarde"}, cecile, "127.0.0.71"
    )
    token = re.search(rb"(vitrine_[A-Za-z0-9_-]+)", body).group(1).decode()
    doc, etag = current()
    doc["community"]["name"] = "Par le script de Cecile"
    before, _ = api_put(doc, etag, token)
    history = session_page(bench, "/admin/history")[1]
    named = "Cecile, par le script « sauvegarde »".encode() in history
    _, page = session_page(bench, "/admin/accounts")
    h.form_post("/admin/accounts/Cecile/disable", {"_csrf": csrf_of(page)}, bench, "127.0.0.70")
    doc, etag = current()
    doc["community"]["name"] = "Après la désactivation"
    after, _ = api_put(doc, etag, token)
    results["b4"] = {"put_before": before, "history_names_account": named, "put_after_disable": after}
    # B5: a volunteer and the tokens file. `vitrine passwd` made Ana an admin: Bench makes
    # her a volunteer first, from the accounts page.
    _, page = session_page(bench, "/admin/accounts")
    made, _, _, _ = h.form_post("/admin/accounts/Ana/volunteer", {"_csrf": csrf_of(page)}, bench,
                                "127.0.0.70")
    assert made in (200, 303), ("Ana could not be made a volunteer", made)
    status, headers, _ = login("Ana", h.PASSWORD, "127.0.0.72")
    ana = h.session_of(headers)
    signed_in, page = session_page(ana, "/admin")
    assert signed_in == 200, ("Ana's session does not open the dashboard", signed_in)
    tokens_before = open(os.path.join(h.DATA, "api-tokens.json"), "rb").read()
    reset, _, _, _ = h.form_post("/admin/tokens/reset", {"_csrf": csrf_of(page)}, ana, "127.0.0.72")
    listed, _ = session_page(ana, "/admin/tokens")
    unchanged = open(os.path.join(h.DATA, "api-tokens.json"), "rb").read() == tokens_before
    doc, etag = current()
    doc["community"]["name"] = "Le script du serveur marche encore"
    still, _ = api_put(doc, etag)
    results["b5"] = {"reset": reset, "list": listed, "file_unchanged": unchanged, "server_token_put": still}
    return bench


def big_doc(doc):
    long = lambda n: ("🥕🍞" * n)[:n]
    group = {
        "name": long(80), "description": long(140), "category": long(40), "in_community": True,
        "translations": {lang: {"description": long(140), "category": long(40)} for lang in ("eu", "en", "es")},
    }
    doc["groups"] = [group] * 200
    return doc


def b6_flood():
    """5 saves, then 40 saves of the biggest document."""
    for i in range(5):
        doc, etag = current()
        doc["community"]["name"] = f"Avant le déluge {i}"
        status, body = api_put(doc, etag)
        assert status == 200, (status, body[:300])
    hdir = os.path.join(h.DATA, "history")
    before = sorted(os.listdir(hdir))[-5:]
    doc, _ = current()
    doc = big_doc(doc)
    size = len(json.dumps(doc, ensure_ascii=False).encode())
    start = time.monotonic()
    for i in range(40):
        _, etag = current()
        doc["community"]["name"] = f"Déluge {i}"
        status, body = api_put(doc, etag, source="127.0.0.80")
        assert status == 200, (status, body[:300])
    took = time.monotonic() - start
    kept = sum(os.path.exists(os.path.join(hdir, f)) for f in before)
    total = sum(os.path.getsize(os.path.join(hdir, f)) for f in os.listdir(hdir))
    results["b6"] = {
        "document_kb": round(size / 1024),
        "seconds": round(took, 1),
        "earlier_kept": kept,
        "history_mb": round(total / 1048576, 1),
        "revisions": len(os.listdir(hdir)),
    }


def b7_logins(bench):
    """Ana logs in 1,030 times; does Bench's session still work?"""
    start, ok = time.monotonic(), 0
    for _ in range(1030):
        status, _, _ = login("Ana", h.PASSWORD, "127.0.0.90")
        ok += status == 303
        if time.monotonic() - start > 240:
            break
    status, _ = session_page(bench, "/admin")
    results["b7"] = {"logins": ok, "seconds": round(time.monotonic() - start, 1), "admin_page": status}


def main():
    b1_unfinished_puts()
    time.sleep(2)
    b2_held_streams()
    time.sleep(2)
    bench = b4_b5_tokens()
    b6_flood()
    b7_logins(bench)
    b3_guesses()
    results["rss_end_mb"] = round(h.rss_mb(), 1)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
