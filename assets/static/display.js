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
      // Set only when changed: a new value restyles the whole page.
      const set = (name, value) => {
        if (value && root.getPropertyValue(name) !== value) root.setProperty(name, value);
      };
      set("--bg", theme.background);
      set("--fg", theme.text);
      set("--accent", theme.accent);
    } catch (_) { /* keep the current colours */ }
  }

  // Shrinks the type of a slide whose words do not fit (long names, a portrait screen) until
  // nothing lies outside it; most slides fit at full size and are left alone. Hidden slides
  // are out of layout (display: none), so a slide is measured with the `measure` class that
  // lays it out unseen, and only when its content or the screen size changed: `fitted`
  // remembers, for each slide element, the size it was fitted for.
  const FIT_MIN = 0.4;
  const FIT_ROUNDS = 7;
  // A text slide (a tip, an announcement) takes the largest type that fits, up to FIT_MAX
  // times its usual size: a short message fills the screen instead of a corner of it.
  const FIT_MAX = 3;
  const grows = (slide) => ["tip", "announcement", "message"].includes(slide.dataset.kind);
  let fitted = new WeakMap();

  // A heading is never broken inside a word: one whose longest word is wider than its box
  // gets a type of its own, scaled by the ratio of the two (type width is proportional to
  // its size), before the slide as a whole is fitted.
  const TITLE_SLACK = 0.97;
  const headings = (slide) => Array.from(slide.querySelectorAll("h1, h2"));
  const tooWide = (h) => h.scrollWidth > h.clientWidth + 1;

  // Side by side, both languages keep the same type: the headings of the voices of a slide
  // all take the smallest ratio among them.
  function fitHeadings(list) {
    const wide = [];
    list.forEach((s) => {
      const voiced = [];
      let smallest = 1;
      headings(s).forEach((h) => {
        if (h.closest(".voice")) voiced.push(h);
        if (h.clientWidth === 0 || !tooWide(h)) return;
        const ratio = h.clientWidth / h.scrollWidth;
        if (h.closest(".voice")) smallest = Math.min(smallest, ratio);
        else wide.push([h, ratio]);
      });
      if (smallest < 1) voiced.forEach((h) => wide.push([h, smallest]));
    });
    wide.forEach(([h, ratio]) => {
      h.style.setProperty("--title-fit", String(Math.max(FIT_MIN, ratio * TITLE_SLACK)));
    });
  }

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
    return !headings(slide).some(tooWide);
  }

  function fit(list) {
    const size = innerWidth + "x" + innerHeight;
    const todo = list.filter((s) => fitted.get(s) !== size);
    if (todo.length === 0) return;
    todo.forEach((s) => {
      s.classList.add("measure");
      if (s.style.getPropertyValue("--fit")) s.style.removeProperty("--fit");
      headings(s).forEach((h) => {
        if (h.style.getPropertyValue("--title-fit")) h.style.removeProperty("--title-fit");
      });
    });
    fitHeadings(todo);
    // Binary search on every overflowing (or growing) slide together: one layout per round.
    const over = todo
      .filter((s) => grows(s) || !fits(s))
      .map((s) => ({ s, lo: FIT_MIN, hi: grows(s) ? FIT_MAX : 1 }));
    for (let round = 0; round < FIT_ROUNDS && over.length > 0; round++) {
      over.forEach((t) => t.s.style.setProperty("--fit", String((t.lo + t.hi) / 2)));
      over.forEach((t) => {
        const mid = (t.lo + t.hi) / 2;
        if (fits(t.s)) t.lo = mid; else t.hi = mid;
      });
    }
    over.forEach((t) => t.s.style.setProperty("--fit", String(t.lo)));
    todo.forEach((s) => {
      s.classList.remove("measure");
      fitted.set(s, size);
    });
  }

  // The groups, laid out again for the screen showing them: each column holds as many rows
  // as its height takes, a slide as many columns as the stylesheet sets (`--columns`), and a
  // category that goes on in a new column repeats its heading, marked as continued. Done when
  // the content or the screen size changes, never between two slides. Alternating, each
  // slide of groups comes once per language, one after the other: every language gets the
  // same slides, each row taking the room of its tallest translation.
  function reflow(root) {
    const old = Array.from(root.querySelectorAll("#stage > .slide-groups"));
    if (old.length === 0) return;
    const voices = rowsByLanguage(old);
    const order = voices[0].rows;
    if (voices.some((v) => v.rows.length !== order.length)) return;
    const { room, heights } = measureRows(voices);
    const columns = planColumns(order, heights, room);
    const perSlide = Math.max(1, parseInt(getComputedStyle(voices[0].first).getPropertyValue("--columns"), 10) || 1);
    const pages = [];
    for (let k = 0; k < columns.length; k += perSlide) pages.push(columns.slice(k, k + perSlide));
    const stage = old[0].parentNode;
    const after = old[old.length - 1].nextSibling;
    const made = buildSlides(voices, pages);
    old.forEach((s) => s.remove());
    made.forEach((s) => stage.insertBefore(s, after));
  }

  // The rows of the groups slides of each language, in order, each category's heading once
  // (the continued ones are made again), with the language's first slide as a model.
  function rowsByLanguage(old) {
    const voices = [];
    old.forEach((s) => {
      const lang = s.getAttribute("lang") || "";
      let v = voices.find((x) => x.lang === lang);
      if (!v) {
        v = { lang, first: s, rows: [], seen: new Set() };
        voices.push(v);
      }
      s.querySelectorAll(".column > .row").forEach((row) => {
        if (row.classList.contains("category")) {
          if (v.seen.has(row.dataset.category)) return;
          v.seen.add(row.dataset.category);
        }
        v.rows.push(row);
      });
    });
    return voices;
  }

  // Every row of a language laid out unseen in one column of its first slide: the height of
  // a column, and of each row in its tallest language. Keeps an empty copy of each first
  // slide (`bare`) to build the new slides from.
  function measureRows(voices) {
    let room = Infinity;
    const heights = voices[0].rows.map(() => 0);
    voices.forEach((v) => {
      v.bare = v.first.cloneNode(true);
      v.bare.querySelector(".columns").replaceChildren();
      const columns = v.first.querySelector(".columns");
      const column = columns.querySelector(".column");
      columns.replaceChildren(column);
      column.replaceChildren(...v.rows);
      v.first.classList.add("measure");
      room = Math.min(room, column.clientHeight);
      v.rows.forEach((row, i) => {
        heights[i] = Math.max(heights[i], row.getBoundingClientRect().height);
      });
      v.first.classList.remove("measure");
    });
    return { room, heights };
  }

  // The rows of each column, in order, as `{ i, continued }`: a heading never stays alone at
  // the foot of a column, and a column that goes on with a category starts with its heading.
  function planColumns(order, heights, room) {
    const columns = [];
    const headingAt = new Map();
    let column = null;
    let used = 0;
    const open = () => {
      column = [];
      columns.push(column);
      used = 0;
    };
    const put = (i, continued) => {
      column.push({ i, continued });
      used += heights[i];
    };
    order.forEach((row, i) => {
      const category = row.dataset.category;
      if (row.classList.contains("category")) {
        headingAt.set(category, i);
        if (!column || (column.length > 0 && used + heights[i] + (heights[i + 1] || 0) > room)) open();
        put(i, false);
        return;
      }
      if (!column || (column.length > 0 && used + heights[i] > room)) {
        open();
        if (headingAt.has(category)) put(headingAt.get(category), true);
      }
      put(i, false);
    });
    return columns;
  }

  // The slides of `pages` (lists of planned columns), each page in every language in turn,
  // numbered in each language's own words.
  function buildSlides(voices, pages) {
    const made = [];
    pages.forEach((page, p) => {
      voices.forEach((v) => {
        const slide = v.bare.cloneNode(true);
        slide.classList.remove("active", "entering", "leaving", "measure");
        slide.setAttribute("aria-hidden", "true");
        const count = slide.querySelector(".count");
        if (count) count.hidden = pages.length < 2;
        slide.querySelectorAll(".count .page").forEach((el) => {
          el.textContent = (el.dataset.of || "").replace("{n}", p + 1).replace("{total}", pages.length);
        });
        const columns = slide.querySelector(".columns");
        page.forEach((entries) => {
          const el = document.createElement("div");
          el.className = "column";
          entries.forEach(({ i, continued }) => {
            if (!continued) {
              el.append(v.rows[i]);
              return;
            }
            const heading = v.rows[i].cloneNode(true);
            heading.querySelectorAll(".continued").forEach((c) => { c.hidden = false; });
            el.append(heading);
          });
          columns.append(el);
        });
        made.push(slide);
      });
    });
    return made;
  }

  // The bar fills on the compositor (a transform), started once per slide: no layout, no
  // style recalculation while it runs.
  let progress = null;
  function restartProgress(seconds) {
    if (progress) progress.cancel();
    progress = bar.animate(
      [{ transform: "scaleX(0)" }, { transform: "scaleX(1)" }],
      { duration: seconds * 1000, easing: "linear", fill: "forwards" },
    );
  }

  // Only the slides that change are touched: the one shown fades in (`entering`), the one
  // before fades out (`leaving`) and leaves the layout when its fade ends.
  function show(i) {
    const all = slides();
    if (all.length === 0) return;
    index = ((i % all.length) + all.length) % all.length;
    const current = all[index];
    all.forEach((el) => {
      // classList.remove writes the attribute even when the class is absent: test first.
      if (el === current) {
        if (el.classList.contains("leaving")) el.classList.remove("leaving");
        if (!el.classList.contains("active")) el.classList.add("active", "entering");
        el.removeAttribute("aria-hidden");
        return;
      }
      if (el.classList.contains("active")) {
        el.classList.remove("active", "entering");
        el.classList.add("leaving");
      } else if (el.classList.contains("leaving")) {
        el.classList.remove("leaving");
      }
      if (el.getAttribute("aria-hidden") !== "true") el.setAttribute("aria-hidden", "true");
    });
    fit([current]);
    const corner = live.dataset.corner === "true" && current.dataset.kind !== "community";
    if (live.classList.contains("corner-on") !== corner) live.classList.toggle("corner-on", corner);
    const seconds = Math.max(1, Number(current.dataset.seconds) || 10);
    restartProgress(seconds);
    clearTimeout(timer);
    timer = setTimeout(() => show(index + 1), seconds * 1000);
  }

  function faded(e) {
    const el = e.target;
    if (e.animationName === "slide-out" && el.classList.contains("leaving")) el.classList.remove("leaving");
    if (e.animationName === "slide-in" && el.classList.contains("entering")) el.classList.remove("entering");
  }

  // Opening hours: the same rule as the server's /api/screen.
  function awake(now) {
    // A clock earlier than the build or the newest revision is wrong (a Pi after a power
    // cut without internet): the hours cannot be trusted, so the screen stays awake.
    if (now.getTime() < Number(live.dataset.notBefore || 0)) return true;
    // Something a volunteer pinned just now is meant to be seen.
    if (live.dataset.pinned === "true") return true;
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
    const hidden = awake(new Date());
    if (sleep && sleep.hidden !== hidden) sleep.hidden = hidden;
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
      // All in this task, so in one frame: in, laid out for this screen, then shown.
      live.replaceWith(fresh);
      live = fresh;
      reflow(live);
      const incoming = slides();
      let keep = incoming.findIndex((el, k) => k >= index && el.dataset.kind === kind);
      if (keep < 0) keep = Math.min(index, incoming.length - 1);
      if (incoming[keep]) incoming[keep].classList.add("active");
      live.addEventListener("animationend", faded);
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
    // An admin's preview (the dashboard's, `/?preview`) follows the content but is no screen.
    const preview = new URLSearchParams(location.search).has("preview") ? "&preview" : "";
    const stream = new EventSource("/events?shown=" + encodeURIComponent(live.dataset.etag || "") + preview);
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
  live.addEventListener("animationend", faded);
  reflow(live);
  fit(slides());
  addEventListener("resize", () => {
    fitted = new WeakMap();
    reflow(live);
    fit(slides());
    show(Math.min(index, slides().length - 1));
  });
  checkSleep();
  setInterval(checkSleep, SLEEP_CHECK_MS);
  show(0);
  // A slide previewed alone from the admin area is not a screen and follows no revision.
  if ("EventSource" in window && !document.body.dataset.preview) connect();
})();
