"use strict";
// The phone page: the agenda with planned times, the materials as links, who speaks, who is
// next, the hands, and at the vote the topics and counts. Read only.

(() => {
  const { el, clear, hm, link, follow } = Share;
  const $ = (id) => document.getElementById(id);
  const MARKS = { done: "✓", current: "▶", next: "›", later: "" };

  function row(label, value, cls) {
    const p = el("p", "line " + (cls || ""));
    p.append(el("span", "label", label), el("span", "value", value));
    return p;
  }

  function draw(data) {
    const room = data.room;
    const head = data.header;
    const cd = room.countdown;
    document.title = room.title;
    $("title").textContent = room.title;
    const when = [room.group, room.date, room.venue].filter(Boolean).join(" · ");
    const status = head.finished ? "ended" : head.started ? head.status : "not started";
    $("status").textContent = when ? when + " — " + status : status;

    const now = clear($("now"));
    if (room.kind !== "before" && room.kind !== "ended") {
      now.append(el("h2", null, cd.title), row("Time left", cd.text + (cd.paused ? " (paused)" : ""), "clock " + (cd.level || "")));
    } else if (room.kind === "ended") {
      now.append(el("h2", null, "The meetup has ended"));
      if (room.next_topic) now.append(row("Next topic", room.next_topic));
    } else if (room.next_part) {
      now.append(el("h2", null, "Starts at " + hm(room.next_part.at)));
    }
    const sp = room.speaker;
    if (sp.speaker) {
      const time = sp.spent_text + (sp.budget_text ? " / " + sp.budget_text : "");
      now.append(row("Speaking", sp.speaker.name + " · " + time, sp.over ? "over" : ""));
    }
    if (room.up_next.length) now.append(row("Next", room.up_next.join(", ")));
    if (room.hands.length) now.append(row("Hands", room.hands.join(", ")));

    const vote = $("vote");
    vote.hidden = room.kind !== "voting" && !room.topics.length;
    $("vote-method").textContent = room.vote_method;
    const topics = clear($("topics"));
    for (const t of room.topics) {
      const item = el("li", t.winner ? "winner" : t.tied ? "tied" : "");
      const what = el("span", "what");  // the tag follows the topic's last word
      what.append(el("span", "topic", t.topic));
      if (t.winner) what.append(" ", el("span", "tag", "WINNER"));
      else if (t.tied) what.append(" ", el("span", "tag", "TIE"));
      item.append(el("span", "votes", t.votes), what);
      topics.append(item);
    }
    $("vote-result").textContent = room.next_topic ? "Next topic: " + room.next_topic : room.tie ? "A tie." : "";

    const agenda = clear($("agenda"));
    for (const r of data.agenda.rows) {
      const item = el("li", r.mark);
      item.append(el("span", "mark", MARKS[r.mark]), el("span", "at", hm(r.start)), el("span", "what", r.title));
      agenda.append(item);
    }
    const reading = $("reading");
    reading.hidden = !room.materials.length;
    const materials = clear($("materials"));
    for (const m of room.materials) {
      const item = el("li");
      item.append(link(m.url, m.title));
      materials.append(item);
    }
  }

  follow({ state: draw });
})();
