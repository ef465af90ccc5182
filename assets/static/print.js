// The print button of the poster and the guide (a file: the CSP forbids inline scripts).
document.getElementById("print-button")?.addEventListener("click", () => window.print());

// A one-page poster: the server chose the groups' type size (--s) from an estimate that errs on
// the large side (src/print/fit.rs). Grow it while the page still holds everything, so that the
// list fills the page. The sheet is as wide on screen as on paper, so what fits here fits there.
(() => {
  const sheet = document.querySelector(".poster .sheet.first");
  if (!sheet || document.querySelector(".poster .sheet + .sheet")) return;
  const root = document.documentElement;
  const base = parseFloat(getComputedStyle(root).getPropertyValue("--s"));
  if (!(base > 0)) return;
  const mm = 96 / 25.4;
  // The printed page's height (276 mm, print.css) less a margin for rounding.
  const room = 273 * mm;
  const needed = () => {
    const top = sheet.firstElementChild.getBoundingClientRect().top;
    const last = sheet.lastElementChild;
    return last.getBoundingClientRect().bottom + parseFloat(getComputedStyle(last).marginBottom) - top;
  };
  const fits = (s) => {
    root.style.setProperty("--s", String(s));
    return needed() <= room;
  };
  sheet.classList.add("measuring");
  let low = base;
  let high = Math.min(4, base * 1.8);
  if (fits(high)) {
    low = high;
  } else {
    for (let i = 0; i < 8; i++) {
      const mid = (low + high) / 2;
      if (fits(mid)) low = mid;
      else high = mid;
    }
  }
  root.style.setProperty("--s", String(low));
  sheet.classList.remove("measuring");
})();
