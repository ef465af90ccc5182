// The till screen: rotates the slides, follows the server's changes live, and never
// shows a browser error: when the server is away it keeps rotating what it has.
"use strict";

(() => {
  const RETRY_MS = 3000;
  const SLEEP_CHECK_MS = 30000;
  const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

  let live = document.getElementById("live");
  const bar = document.getElementById("progress-bar");
  let index = 0;
  let timer = null;

  const slides = () => Array.from(live.querySelectorAll("#stage > .slide"));

  function applyTheme() {
    try {
      const theme = JSON.parse(live.dataset.theme || "{}");
      const root = document.documentElement.style;
      if (theme.background) root.setProperty("--bg", theme.background);
      if (theme.text) root.setProperty("--fg", theme.text);
      if (theme.accent) root.setProperty("--accent", theme.accent);
    } catch (_) { /* keep the current colours */ }
  }

  // Shrinks the type of a slide whose words do not fit (long names, a portrait screen) until
  // nothing lies outside it; most slides fit at full size and are left alone. All slides are
  // laid out even when hidden, so this measures them all at once, before any is shown.
  const FIT_MIN = 0.4;
  const FIT_ROUNDS = 6;

  function fits(slide) {
    const r = slide.getBoundingClientRect();
    const cs = getComputedStyle(slide);
    const left = r.left + parseFloat(cs.paddingLeft) - 1;
    const top = r.top + parseFloat(cs.paddingTop) - 1;
    const right = r.right - parseFloat(cs.paddingRight) + 1;
    const bottom = r.bottom - parseFloat(cs.paddingBottom) + 1;
    for (const el of slide.querySelectorAll("*")) {
      const e = el.getBoundingClientRect();
      if (e.width === 0 || e.height === 0) continue;
      if (e.left < left || e.top < top || e.right > right || e.bottom > bottom) return false;
    }
    return true;
  }

  function fitAll() {
    const all = slides();
    all.forEach((s) => s.style.removeProperty("--fit"));
    // Binary search on every overflowing slide together: one layout per round.
    const todo = all.filter((s) => !fits(s)).map((s) => ({ s, lo: FIT_MIN, hi: 1 }));
    for (let round = 0; round < FIT_ROUNDS && todo.length > 0; round++) {
      todo.forEach((t) => t.s.style.setProperty("--fit", String((t.lo + t.hi) / 2)));
      todo.forEach((t) => {
        const mid = (t.lo + t.hi) / 2;
        if (fits(t.s)) t.lo = mid; else t.hi = mid;
      });
    }
    todo.forEach((t) => t.s.style.setProperty("--fit", String(t.lo)));
  }

  function restartProgress(seconds) {
    bar.classList.remove("run");
    bar.style.transitionDuration = "0s";
    void bar.offsetWidth; // commit the empty bar before it fills again
    bar.style.transitionDuration = seconds + "s";
    bar.classList.add("run");
  }

  function show(i) {
    const all = slides();
    if (all.length === 0) return;
    index = ((i % all.length) + all.length) % all.length;
    all.forEach((el, k) => {
      el.classList.toggle("active", k === index);
      if (k === index) el.removeAttribute("aria-hidden");
      else el.setAttribute("aria-hidden", "true");
    });
    const current = all[index];
    const corner = live.dataset.corner === "true" && current.dataset.kind !== "community";
    live.classList.toggle("corner-on", corner);
    const seconds = Math.max(1, Number(current.dataset.seconds) || 10);
    restartProgress(seconds);
    clearTimeout(timer);
    timer = setTimeout(() => show(index + 1), seconds * 1000);
  }

  // Opening hours: the same rule as the server's /api/screen.
  function awake(now) {
    let hours;
    try { hours = JSON.parse(live.dataset.hours || "{}"); } catch (_) { return true; }
    if (!hours.enabled) return true;
    const minute = now.getHours() * 60 + now.getMinutes();
    return (hours[DAYS[now.getDay()]] || []).some((range) => {
      const [a, b] = range.split("-").map((t) => {
        const [h, m] = t.split(":").map(Number);
        return h * 60 + m;
      });
      return a <= minute && minute < b;
    });
  }

  function checkSleep() {
    const sleep = document.getElementById("sleep");
    if (sleep) sleep.hidden = awake(new Date());
  }

  // Replace the live part with the server's current one, in a single frame.
  let refreshing = false;
  let again = false;
  async function refresh() {
    if (refreshing) { again = true; return; }
    refreshing = true;
    again = false;
    try {
      const response = await fetch("/", { cache: "no-store" });
      if (!response.ok) return;
      const doc = new DOMParser().parseFromString(await response.text(), "text/html");
      if (doc.body.dataset.build && doc.body.dataset.build !== document.body.dataset.build) {
        // The server was upgraded: its styles and script changed. It answered just now.
        location.reload();
        return;
      }
      const next = doc.getElementById("live");
      if (!next) return;
      const kind = slides()[index] ? slides()[index].dataset.kind : null;
      const fresh = document.importNode(next, true);
      fresh.querySelectorAll(".slide").forEach((el) => el.classList.remove("active"));
      const incoming = Array.from(fresh.querySelectorAll("#stage > .slide"));
      let keep = incoming.findIndex((el, k) => k >= index && el.dataset.kind === kind);
      if (keep < 0) keep = Math.min(index, incoming.length - 1);
      if (incoming[keep]) incoming[keep].classList.add("active");
      live.replaceWith(fresh);
      live = fresh;
      fitAll();
      applyTheme();
      checkSleep();
      show(Math.max(keep, 0));
      // Tell the server, which lists the screens, what we show now.
      connect();
    } catch (_) {
      // The server is away: keep showing what we have; the event stream will tell us.
    } finally {
      refreshing = false;
      if (again) refresh();
    }
  }

  let events = null;
  function connect() {
    if (events) events.close();
    const stream = new EventSource("/events?shown=" + encodeURIComponent(live.dataset.etag || ""));
    events = stream;
    stream.addEventListener("revision", (e) => {
      if (e.data !== live.dataset.etag) refresh();
    });
    stream.onerror = () => {
      // The browser retries by itself unless the stream was refused outright.
      if (stream.readyState === EventSource.CLOSED && stream === events) setTimeout(connect, RETRY_MS);
    };
  }

  applyTheme();
  fitAll();
  addEventListener("resize", fitAll);
  checkSleep();
  setInterval(checkSleep, SLEEP_CHECK_MS);
  show(0);
  if ("EventSource" in window) connect();
})();
