"""The soaks: a VM showing a heavy content for a while, its memory watched. 200 groups in two
languages (French and Basque), 8 announcements with pictures uploaded through the admin area,
a save through the API every minute; each minute the QR code on screen is read and
MemAvailable (its lowest over the minute), the OOM killer's count, the server's RSS and the
engine's total memory (PSS and RSS of all its processes) are printed. Fails when MemAvailable
falls below the floor, the OOM killer kills anything, or the screen stops showing the display.
  soak        the Trixie desktop VM (1 GB, labwc, Chromium); floor 200 MB.
  soak-small  the small board's VM (512 MB, cage, cog; see small.py); floor 150 MB.
"""

import html.parser
import http.cookiejar
import json
import random
import struct
import time
import urllib.parse
import urllib.request
import zlib

import scenarios
from desktop import desktop_up, install_desktop
from harness import BOOT, DISPLAY, figure, link, say
from vm import Failure

MEM_FLOOR_MB = 200        # the 1 GB board (Chromium)
SMALL_FLOOR_MB = 150      # the 512 MB board (cog): the promise
PASSWORD = "system test password"  # set by scenarios.install

# One sample of the guest's memory: MemAvailable, the OOM kill count, vitrine's RSS, and for
# the engine (Chromium's processes of the desktop user, or cog's and WPE WebKit's) its
# processes, renderers (Chromium's, or WPE's web processes), PSS and RSS, in kB.
SAMPLE = r"""
avail=$(sed -n 's/^MemAvailable: *\([0-9]*\) kB/\1/p' /proc/meminfo)
oom=$(sed -n 's/^oom_kill \([0-9]*\)/\1/p' /proc/vmstat)
server=$(ps -o rss= -C vitrine | awk '{s+=$1} END {print s+0}')
procs=0; renderers=0; pss=0; rss=0
for pid in $(pgrep -f "$ENGINE_PATTERN"); do
  [ -r /proc/$pid/smaps_rollup ] || continue
  procs=$((procs + 1))
  tr '\0' ' ' </proc/$pid/cmdline | grep -q -- "$RENDERER_PATTERN" && renderers=$((renderers + 1))
  p=$(sed -n 's/^Pss: *\([0-9]*\) kB/\1/p' /proc/$pid/smaps_rollup)
  r=$(sed -n 's/^Rss: *\([0-9]*\) kB/\1/p' /proc/$pid/smaps_rollup)
  pss=$((pss + ${p:-0})); rss=$((rss + ${r:-0}))
done
cache=$(du -sk /run/user/*/vitrine-chromium /run/user/*/vitrine-cache /run/user/*/vitrine-data 2>/dev/null | awk '{s+=$1} END {print s+0}')
echo "$avail $oom $server $procs $renderers $pss $rss ${cache:-0}"
"""


def png(width, height, seed):
    """A photo-like PNG (smooth colours and noise, so it does not compress to nothing)."""
    rng = random.Random(seed)
    rows = []
    for y in range(height):
        row = bytearray(b"\x00")
        for x in range(width):
            n = rng.randrange(24)
            row += bytes(((x * 255 // width + n + seed * 40) % 256, (y * 255 // height + n) % 256,
                          (seed * 70 + n + (x ^ y) % 64) % 256))
        rows.append(bytes(row))
    body = zlib.compress(b"".join(rows), 6)

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", body) + chunk(b"IEND", b""))


class Form(html.parser.HTMLParser):
    """The fields of the first form posting to `action` on a page, as a browser would send them."""

    def __init__(self, action):
        super().__init__()
        self.action = action
        self.inside = False
        self.done = False
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done and a.get("action") == self.action:
            self.inside = True
        elif tag == "input" and self.inside and a.get("name") and a.get("type") not in ("file", "checkbox"):
            self.fields[a["name"]] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside, self.done = False, True


class Admin:
    """A volunteer's browser: cookies, the forms' hidden fields, same-origin posts."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def open(self, path, data=None, content_type=None):
        req = urllib.request.Request(self.base + path, data=data)
        req.add_header("Origin", self.base)
        if content_type:
            req.add_header("Content-Type", content_type)
        with self.opener.open(req, timeout=60) as res:
            return res.status, res.read().decode("utf-8", "replace")

    def form(self, page, action):
        _, text = self.open(page)
        parser = Form(action)
        parser.feed(text)
        if not parser.done:
            raise Failure("no form to %s on %s" % (action, page))
        return parser.fields

    def login(self, name, password):
        fields = self.form("/admin/login", "/admin/login")
        fields.update({"name": name, "password": password})
        _, text = self.open("/admin/login", urllib.parse.urlencode(fields).encode(),
                            "application/x-www-form-urlencoded")
        if 'action="/admin/logout"' not in text:
            raise Failure("could not log in to the admin area as %s" % name)

    def announce(self, title, text, tr_title, tr_text, picture):
        fields = self.form("/admin/announcements/new", "/admin/announcements")
        fields.update({"title": title, "text": text, "tr_title": tr_title, "tr_text": tr_text})
        boundary = "vitrine-soak-5c1d2e"
        body = b""
        for k, v in fields.items():
            body += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                     % (boundary, k, v)).encode()
        body += ("--%s\r\nContent-Disposition: form-data; name=\"image_file\"; filename=\"photo.png\"\r\n"
                 "Content-Type: image/png\r\n\r\n" % boundary).encode() + picture + b"\r\n"
        body += ("--%s--\r\n" % boundary).encode()
        status, page = self.open("/admin/announcements", body, "multipart/form-data; boundary=%s" % boundary)
        if status != 200 or 'class="error' in page:
            raise Failure("the announcement %r was refused (%d)" % (title, status))


def heavy_content(doc):
    """200 groups in French and Basque, the screen in both languages."""
    doc["display"]["second_language"] = {"language": "eu"}
    categories = [("Vie de la coop", "Kooperatibaren bizia"), ("Entraide", "Elkarlaguntza"),
                  ("Produits", "Produktuak"), ("Covoiturage", "Autoa partekatzea"),
                  ("Quartiers", "Auzoak"), ("Loisirs", "Aisialdia"), ("Bénévolat", "Boluntariotza"),
                  ("Enfants", "Haurrak")]
    doc["groups"] = [{
        "name": "Otsokop · Groupe %03d des coopérateurs" % i,
        "description": "Échanges du groupe %d : horaires, entraide et nouvelles du quartier" % i,
        "category": categories[i % len(categories)][0],
        "in_community": True,
        "translations": {"eu": {
            "description": "%d. taldearen trukeak: ordutegiak, elkarlaguntza eta auzoko berriak" % i,
            "category": categories[i % len(categories)][1]}},
    } for i in range(200)]
    doc["announcements"] = []
    return doc


CHROMIUM = "ENGINE_PATTERN='^/usr/lib/chromium/chromium'; RENDERER_PATTERN='--type=renderer'\n"
COG = "ENGINE_PATTERN='^(cog|/usr/lib/.*/wpe-webkit.*/WPE)'; RENDERER_PATTERN='WPEWebProcess'\n"


def sample(vm, engine=CHROMIUM):
    _, out = vm.run(engine + SAMPLE)
    avail, oom, server, procs, renderers, pss, rss, cache = (int(x) for x in out.split())
    return {"avail": avail // 1024, "oom": oom, "server": server // 1024, "procs": procs,
            "renderers": renderers, "pss": pss // 1024, "rss": rss // 1024, "cache": cache // 1024}


def run(vm, host, screen, ctx, minutes):
    vm.start()
    figure("soak: boot to a shell (fresh image)", "%.1f s" % vm.wait_agent(BOOT))
    scenarios.install(vm, host, ctx["version"])
    install_desktop(vm, True)
    scenarios.reboot(vm)
    vm.wait_agent(BOOT)
    desktop_up(vm)
    screen.wait_for(link(1), DISPLAY, "boot", since=vm.powered_on)
    soak(vm, host, screen, minutes, "soak", CHROMIUM, MEM_FLOOR_MB)


def run_small(vm, host, screen, ctx, minutes):
    import small
    vm.start()
    figure("soak-small: boot to a shell (fresh image)", "%.1f s" % vm.wait_agent(BOOT))
    scenarios.install(vm, host, ctx["version"])
    small.install_small(vm, True)
    scenarios.reboot(vm)
    vm.wait_agent(BOOT)
    screen.wait_for(link(1), DISPLAY, "boot", since=vm.powered_on)
    soak(vm, host, screen, minutes, "soak-small", COG, SMALL_FLOOR_MB)


def soak(vm, host, screen, minutes, name, engine, floor):
    etag, doc = host.content()
    status, _, body = host.request("PUT", "/api/content", json.dumps(heavy_content(doc)).encode(),
                                   {"Content-Type": "application/json", "If-Match": etag,
                                    "Authorization": "Bearer %s" % host.token}, timeout=60)
    if status != 200:
        raise Failure("the 200 groups were refused (%d): %s" % (status, body[:500]))
    admin = Admin(host.base)
    admin.login("admin", PASSWORD)
    for i in range(8):
        admin.announce("Annonce %d : arrivage du jour" % (i + 1),
                       "Des produits frais arrivent cette semaine, venez les découvrir au magasin.",
                       "%d. iragarkia: gaurko salgaiak" % (i + 1),
                       "Produktu freskoak iristen dira aste honetan, etorri dendara.",
                       png(1600, 1200, i))
    doc = host.content()[1]
    pictures = sum(1 for a in doc["announcements"] if a.get("image"))
    if len(doc["groups"]) != 200 or pictures != 8:
        raise Failure("the soak's content has %d groups and %d pictures" % (len(doc["groups"]), pictures))
    say("%s: 200 groups (fr + eu), 8 announcements with pictures; %d minutes, a save each" % (name, minutes))

    n = 1
    lowest = None
    below = []
    start = time.monotonic()
    for minute in range(1, minutes + 1):
        n += 1
        host.save_link(n)
        low_this_minute = None
        while time.monotonic() - start < minute * 60:
            s = sample(vm, engine)
            low_this_minute = min(low_this_minute or s["avail"], s["avail"])
            if s["oom"] > 0:
                _, killed = vm.run("journalctl -k --no-pager | grep -i 'killed process' | tail -n 5", check=False)
                raise Failure("minute %d: the OOM killer killed a process:\n%s" % (minute, killed))
            time.sleep(10)
        # The code is on screen at any moment (its slide, or the corner of the others).
        screen.wait_for(link(n), 60, "%s-%d" % (name, minute))
        lowest = min(lowest or low_this_minute, low_this_minute)
        say("%s minute %2d: MemAvailable %4d MB (lowest this minute %4d), OOM kills %d, vitrine RSS "
            "%3d MB, engine %2d processes (%d renderers) PSS %4d MB RSS %4d MB, profile %3d MB"
            % (name, minute, s["avail"], low_this_minute, s["oom"], s["server"], s["procs"], s["renderers"],
               s["pss"], s["rss"], s["cache"]))
        if low_this_minute < floor:
            # Noted, and the soak goes on: its figures are wanted whole.
            below.append("minute %d: %d MB" % (minute, low_this_minute))
    figure("%s: %d minutes, lowest MemAvailable" % (name, minutes), "%d MB" % lowest)
    figure("%s: at the end, vitrine RSS / engine processes, renderers, PSS, RSS / profile "
           "and cache in RAM" % name, "%d MB / %d, %d, %d MB, %d MB / %d MB"
           % (s["server"], s["procs"], s["renderers"], s["pss"], s["rss"], s["cache"]))
    if below:
        raise Failure("MemAvailable fell below the floor of %d MB: %s" % (floor, ", ".join(below)))
