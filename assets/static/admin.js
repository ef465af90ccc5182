// Admin area. Everything works without this script; it only adds to the pages:
// - a question before a form marked with data-confirm is sent (delete, restore, import);
// - a live count of characters beside each field that has a limit (data-max). The limit is
//   never enforced here: a longer text stays as typed and the save says what to shorten.
"use strict";
document.addEventListener("submit", (event) => {
  const question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

function updateCounter(field) {
  const counter = document.getElementById(field.id + "-count");
  if (!counter) return;
  const max = Number(field.dataset.max);
  // Characters as the server counts them (code points), not UTF-16 units.
  const length = Array.from(field.value.replace(/\r\n/g, "\n")).length;
  counter.textContent = length + " / " + max;
  counter.classList.toggle("over", length > max);
}

document.addEventListener("input", (event) => {
  if (event.target.dataset && event.target.dataset.max) updateCounter(event.target);
});
document.querySelectorAll("[data-max]").forEach(updateCounter);
