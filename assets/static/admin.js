// Admin area. Everything works without this script; it only adds to the pages:
// - a question before a form marked with data-confirm is sent (delete, restore, import);
// - a live preview of a group's name as the screen wraps it (data-preview-of);
// - a live count of characters beside each field that has a limit (data-max). The limit is
//   never enforced here: a longer text stays as typed and the save says what to shorten;
// - the countdown of what is pinned on the screen (data-left, in seconds by the server's
//   clock, which the browser's may not match), and the page again at its end;
// - drafts: what is typed in a form that edits the content (one that carries its revision,
//   `etag`) is kept in this browser until a save succeeds, so that a session that ended, a
//   refused form, a language switch or a closed tab loses nothing. Back on the form, the
//   draft is put back with a notice and a way to discard it. A chosen picture cannot be
//   kept: its name is, and the field then says to choose it again;
// - reordering a list without a page load: the ⤒ ↑ ↓ ⤓ forms (class `reorder`) are sent in
//   the background and the list comes back in place, the focus on the item moved.
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
  // A preview of a field (data-preview-of: the field's name) shows what is typed as the screen will.
  const form = event.target.form;
  if (form && event.target.name) {
    form.querySelectorAll(`[data-preview-of="${CSS.escape(event.target.name)}"]`)
      .forEach((preview) => { preview.textContent = event.target.value; });
  }
});
document.querySelectorAll("[data-max]").forEach(updateCounter);

// What holds the screen ends by itself: count down to it, then show the page as it is then.
document.querySelectorAll(".countdown[data-left]").forEach((el) => {
  const until = performance.now() + Number(el.dataset.left) * 1000;
  const tick = () => {
    const left = Math.max(0, Math.round((until - performance.now()) / 1000));
    el.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    if (left === 0) {
      clearInterval(timer);
      setTimeout(() => location.reload(), 1500);
    }
  };
  const timer = setInterval(tick, 1000);
});

// ---- Drafts ----
const DRAFT = "vitrine-draft:";
// The draft whose form was just sent: forgotten if the next page confirms a save.
const PENDING = "vitrine-draft-pending";
// Drafts older than this are forgotten (the browser's storage is bounded too).
const DRAFT_DAYS = 30;

function draftStore() {
  try {
    return window.localStorage;
  } catch (e) {
    return null; // storage disabled: the forms work as before, without drafts
  }
}

// The fields of a form a draft keeps: what the volunteer typed or chose, never the token,
// a password or a file; each named `name#k`, its k-th field of that name.
function draftFields(form) {
  const seen = {};
  const out = [];
  for (const el of form.elements) {
    if (!el.name || el.disabled) continue;
    const type = (el.type || "").toLowerCase();
    if (["password", "file", "submit", "button", "reset", "hidden"].includes(type)) continue;
    const k = seen[el.name] || 0;
    seen[el.name] = k + 1;
    out.push({ key: el.name + "#" + k, el, check: type === "checkbox" || type === "radio" });
  }
  return out;
}

function isDraftForm(form) {
  return (
    form.method === "post" &&
    form.querySelector("input[type=hidden][name=etag]") !== null &&
    draftFields(form).length > 0
  );
}

function draftKey(form) {
  return DRAFT + form.getAttribute("action");
}

function readValues(form) {
  const values = {};
  for (const f of draftFields(form)) values[f.key] = f.check ? f.el.checked : f.el.value;
  return values;
}

function writeValues(form, values) {
  for (const f of draftFields(form)) {
    if (!(f.key in values)) continue;
    if (f.check) f.el.checked = values[f.key] === true;
    else f.el.value = values[f.key];
    if (f.el.dataset.max) updateCounter(f.el);
  }
}

function sameValues(a, b) {
  const keys = new Set(Object.keys(a).concat(Object.keys(b)));
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

// The longest file name a draft keeps (a name, never the file).
const FILE_NAME_CHARS = 120;

// The picture fields with a file chosen: the file's name, and the picture the field's own
// hidden input kept then (a refused save keeps a new picture there: then nothing was lost).
function chosenFiles(form) {
  const files = {};
  for (const el of form.querySelectorAll("input[type=file]")) {
    if (!el.name || !el.files || el.files.length === 0) continue;
    const kept = el.closest(".field") && el.closest(".field").querySelector("input[type=hidden]");
    files[el.name] = { name: el.files[0].name.slice(0, FILE_NAME_CHARS), kept: kept ? kept.value : "" };
  }
  return files;
}

// Beside each picture field whose file the draft had but the page lost: choose it again.
function fileAgainNotices(form, draft) {
  const files = draft.files || {};
  for (const el of form.querySelectorAll("input[type=file]")) {
    const was = files[el.name];
    if (!was || (el.files && el.files.length > 0)) continue;
    const kept = el.closest(".field") && el.closest(".field").querySelector("input[type=hidden]");
    if ((kept ? kept.value : "") !== was.kept) continue;
    const note = document.createElement("p");
    note.className = "notice warning file-again";
    note.setAttribute("role", "alert");
    note.textContent = (document.body.dataset.draftFileAgain || "").replace("{name}", String(was.name));
    el.insertAdjacentElement("beforebegin", note);
  }
}

function saveDraft(form) {
  const store = draftStore();
  if (!store) return;
  const draft = {
    at: Date.now(),
    etag: form.querySelector("input[name=etag]").value,
    values: readValues(form),
    files: chosenFiles(form),
  };
  try {
    store.setItem(draftKey(form), JSON.stringify(draft));
  } catch (e) {
    // Full storage: the form still works; only this draft is not kept.
  }
}

function readDraft(store, key) {
  try {
    const draft = JSON.parse(store.getItem(key));
    return draft && typeof draft.values === "object" ? draft : null;
  } catch (e) {
    return null;
  }
}

function forgetOldDrafts(store) {
  const limit = Date.now() - DRAFT_DAYS * 24 * 3600 * 1000;
  for (let i = store.length - 1; i >= 0; i--) {
    const key = store.key(i);
    if (!key || !key.startsWith(DRAFT)) continue;
    const draft = readDraft(store, key);
    if (!draft || !(draft.at > limit)) store.removeItem(key);
  }
}

function restoreNotice(form, draft, shown, store) {
  const texts = document.body.dataset;
  const notice = document.createElement("div");
  notice.className = "notice draft";
  notice.setAttribute("role", "status");
  const text = document.createElement("p");
  const time = new Date(draft.at).toLocaleTimeString(document.documentElement.lang, {
    hour: "2-digit",
    minute: "2-digit",
  });
  text.textContent = (texts.draftRestored || "").replace("{time}", time);
  const discard = document.createElement("button");
  discard.type = "button";
  discard.className = "small";
  discard.textContent = texts.draftDiscard || "×";
  discard.addEventListener("click", () => {
    writeValues(form, shown.values);
    form.querySelector("input[name=etag]").value = shown.etag;
    store.removeItem(draftKey(form));
    notice.remove();
  });
  notice.append(text, discard);
  form.parentNode.insertBefore(notice, form);
}

// "Take theirs" on a conflict: the draft of mine is dropped with it.
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("[data-drop-draft]");
  const store = link && draftStore();
  if (!store) return;
  for (const action of link.dataset.dropDraft.split(" ")) store.removeItem(DRAFT + action);
});

function startDrafts() {
  const store = draftStore();
  if (!store) return;
  forgetOldDrafts(store);
  // A conflict shows the form at the item's new place: its draft follows it there.
  for (const c of document.querySelectorAll("[data-draft-from]")) {
    const from = DRAFT + c.dataset.draftFrom;
    const to = DRAFT + c.dataset.draftTo;
    const draft = store.getItem(from);
    if (from !== to && draft !== null) {
      store.setItem(to, draft);
      store.removeItem(from);
    }
  }
  const pending = window.sessionStorage.getItem(PENDING);
  window.sessionStorage.removeItem(PENDING);
  const confirmed = document.querySelector(".flash:not(.warning)") !== null;
  if (pending && confirmed) store.removeItem(pending);

  for (const form of document.querySelectorAll("form")) {
    if (!isDraftForm(form)) continue;
    const key = draftKey(form);
    const draft = readDraft(store, key);
    const etag = form.querySelector("input[name=etag]");
    if (draft) {
      fileAgainNotices(form, draft);
      const shown = { etag: etag.value, values: readValues(form) };
      if (sameValues(draft.values, shown.values)) {
        // The page already shows it (a refused save shows what was sent): nothing to put
        // back, but it is now over the revision this page carries.
        saveDraft(form);
      } else {
        writeValues(form, draft.values);
        // The draft was typed over the revision it was opened at: a save checks that one.
        if (draft.etag) etag.value = draft.etag;
        restoreNotice(form, draft, shown, store);
      }
    }
    form.addEventListener("input", () => saveDraft(form));
    form.addEventListener("change", () => saveDraft(form));
    form.addEventListener("submit", (event) => {
      // Kept until the next page confirms the save, in case the save does not happen.
      saveDraft(form);
      window.sessionStorage.setItem(PENDING, key);
    });
  }
}

startDrafts();

// ---- Reordering without a page load ----
// The form is sent as the browser would; the page it leads to (the list, in its new order)
// replaces this one's main part. Anything unexpected falls back to sending the form itself.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!form.classList || !form.classList.contains("reorder") || !window.fetch) return;
  event.preventDefault();
  const item = form.closest(".item");
  const titleOf = (li) => {
    const title = li && li.querySelector(".item-title");
    return title ? title.textContent : null;
  };
  const title = titleOf(item);
  const dir = form.dataset.dir;
  form.querySelectorAll("button").forEach((b) => { b.disabled = true; });
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      credentials: "same-origin",
    });
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = doc.querySelector("main");
    const main = document.querySelector("main");
    if (!response.ok || !fresh || !main) throw new Error("not the list");
    main.replaceWith(document.importNode(fresh, true));
    const moved = [...document.querySelectorAll(".item")].find((li) => titleOf(li) === title);
    if (!moved) return;
    // The same button if the item can still go that way, else its first one.
    const button =
      moved.querySelector(`form.reorder[data-dir="${dir}"] button`) ||
      moved.querySelector("form.reorder button") ||
      moved.querySelector("a");
    moved.scrollIntoView({ block: "nearest" });
    if (button) button.focus({ preventScroll: true });
  } catch (_) {
    form.submit();
  }
});
