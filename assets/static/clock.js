// Dashboard: says when this computer's clock and the screen's differ by more than five
// minutes. The screen's time is the server's, written in the page when it was rendered.
"use strict";
(() => {
  const note = document.getElementById("clock-skew");
  if (!note) return;
  const server = Number(note.dataset.serverTime);
  const here = Date.now();
  const minutes = Math.round(Math.abs(here - server) / 60000);
  if (!server || minutes <= 5) return;
  const lang = note.dataset.lang || "fr";
  const show = (ms) => new Date(ms).toLocaleString(lang, { dateStyle: "long", timeStyle: "short" });
  const pad = (n) => String(n).padStart(2, "0");
  const d = new Date(here);
  const stamp = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  note.textContent = note.dataset.template
    .replace("{minutes}", String(minutes))
    .replace("{pi}", show(server))
    .replace("{here}", show(here))
    .replace("{command}", `sudo date -s '${stamp}'`);
  note.hidden = false;
})();
