"use strict";
// The note-taker page: the segment and speaker, the notes so far, and a box to add a note,
// credited to the name asked once. Edits and deletions of one's own notes. A note is shown as
// saved only once the host's record has it on disk.

(() => {
  const { el, clear, hm, link, follow, key } = Share;
  const $ = (id) => document.getElementById(id);
  const NAME = "facilitator-note-taker";
  const notes = new Map();  // id -> note, as the host sent it
  const waiting = new Set();  // ids written here while the host's disk was failing
  let me = localStorage.getItem(NAME) || "";
  let editing = null;
  let saved = true;

  function mine(note) {
    return note.author && me && note.author.trim().toLowerCase() === me.trim().toLowerCase();
  }

  function withLinks(text) {  // URLs as links (http and https only), the rest as text
    const out = document.createDocumentFragment();
    const re = /https?:\/\/[^\s<>"'`]+/gi;
    let done = 0;
    for (const m of text.matchAll(re)) {
      const url = m[0].replace(/[.,;:!?)\]}]+$/, "");
      out.append(document.createTextNode(text.slice(done, m.index)), link(url));
      done = m.index + url.length;
    }
    out.append(document.createTextNode(text.slice(done)));
    return out;
  }

  function drawNotes() {
    const list = clear($("notes"));
    const ordered = [...notes.values()].sort((a, b) => b.id - a.id);
    $("count").textContent = "(" + ordered.length + ")";
    for (const n of ordered) {
      const item = el("li", "note " + n.kind);
      item.dataset.id = n.id;
      const meta = el("div", "meta");
      const context = [hm(n.at), n.segment, n.speaker].filter(Boolean).join(" · ");
      meta.append(el("span", null, context));
      if (n.kind !== "note") meta.append(el("span", "kind", n.kind === "todo" ? "TODO" : "Q?"));
      if (n.author) meta.append(el("span", "by", "by " + n.author));
      if (n.edited) meta.append(el("span", "muted", "edited"));
      if (waiting.has(n.id)) meta.append(el("span", "pending", "NOT SAVED yet"));
      const body = el("p", "text");
      body.append(withLinks(n.text));
      item.append(meta, body);
      if (mine(n)) {
        const tools = el("div", "tools");
        const edit = el("button", "link", "edit");
        edit.type = "button";
        edit.addEventListener("click", () => startEdit(n.id));
        const del = el("button", "link", "delete");
        del.type = "button";
        del.addEventListener("click", () => remove(n.id));
        tools.append(edit, del);
        item.append(tools);
      }
      list.append(item);
    }
  }

  function drawState(data) {
    const cd = data.countdown;
    const sp = data.speaker;
    document.title = "Notes — " + data.header.title;
    $("title").textContent = data.header.title;
    const parts = [cd.title || (data.header.finished ? "Ended" : "Not started")];
    if (cd.title) parts.push(cd.text + (cd.paused ? " (paused)" : ""));
    if (sp.speaker) parts.push("Speaking: " + sp.speaker.name);
    $("context").textContent = parts.join(" · ");
    const was = saved;
    saved = data.saved;
    const unsaved = $("unsaved");
    unsaved.hidden = saved;
    unsaved.textContent = saved ? "" : "NOT SAVED — " + data.problem + " — the host's app is retrying";
    if (saved && !was) {
      status("Saved: everything is on the host's disk again");
      waiting.clear();
      drawNotes();
    }
  }

  function applyNotes(data) {
    if (data.reset) notes.clear();
    for (const n of data.notes) notes.set(n.id, n);
    for (const id of data.deleted || []) notes.delete(id);
    drawNotes();
  }

  function status(text) {
    $("status").textContent = text;
  }

  async function send(method, path, body) {
    const answer = await fetch(path, {
      method,
      headers: { "Content-Type": "application/json", "X-Facilitator-Key": key },
      body: JSON.stringify(body),
      cache: "no-store",
      credentials: "omit",
    });
    let data = {};
    try { data = await answer.json(); } catch (_) { data = {}; }
    if (!answer.ok) throw new Error(data.error || answer.status + " " + answer.statusText);
    return data;
  }

  function report(data, done) {
    if (data.saved) {
      status(done);
    } else {
      if (data.id !== undefined) waiting.add(data.id);
      status("NOT SAVED yet (" + data.problem + "): the host's app is retrying");
    }
  }

  async function save(event) {
    event.preventDefault();
    const box = $("note");
    const text = box.value;
    if (!text.trim()) return;
    $("save").disabled = true;
    status("Saving…");
    try {
      if (editing === null) {
        report(await send("POST", "/api/notes", { text, author: me }), "Saved");
      } else {
        report(await send("PATCH", "/api/notes/" + editing, { text, author: me }), "Edit saved");
        stopEdit();
      }
      box.value = "";
    } catch (error) {
      status("Not saved: " + error.message);
    } finally {
      $("save").disabled = false;
      box.focus();
    }
  }

  async function remove(id) {
    status("Deleting…");
    try {
      report(await send("DELETE", "/api/notes/" + id, { author: me }), "Deleted");
    } catch (error) {
      status("Not deleted: " + error.message);
    }
  }

  function startEdit(id) {
    const n = notes.get(id);
    if (!n) return;
    editing = id;
    $("note").value = n.text;
    $("note-label").textContent = "Edit your note";
    $("save").textContent = "Save edit";
    $("cancel").hidden = false;
    $("note").focus();
  }

  function stopEdit() {
    editing = null;
    $("note").value = "";
    $("note-label").textContent = "A note (todo: action item, q: question)";
    $("save").textContent = "Save note";
    $("cancel").hidden = true;
  }

  function askName() {
    $("name-form").hidden = false;
    $("note-form").hidden = true;
    $("name").value = me;
    $("name").focus();
  }

  function ready() {
    $("name-form").hidden = true;
    $("note-form").hidden = false;
    $("me").textContent = me;
    drawNotes();
    $("note").focus();
  }

  $("name-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const name = $("name").value.trim();
    if (!name) return;
    me = name;
    localStorage.setItem(NAME, me);
    ready();
  });
  $("note-form").addEventListener("submit", save);
  $("note").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) save(event);
  });
  $("cancel").addEventListener("click", stopEdit);
  $("rename").addEventListener("click", askName);

  if (me) ready(); else askName();
  follow({ state: drawState, notes: applyNotes });
})();
