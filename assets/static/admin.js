// Admin area: asks for confirmation before a form marked with data-confirm is sent
// (delete, restore, import). Everything works without it; it only adds the question.
"use strict";
document.addEventListener("submit", (event) => {
  const question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
