"use strict";
// The room page: what the whole room reads from the back, drawn from the room view.

(() => {
  const { el, clear, hm, follow } = Share;
  const $ = (id) => document.getElementById(id);

  function names(list) {
    return list.length ? list.join(", ") : "—";
  }

  function line(label, value, cls) {
    const row = el("div", "line " + (cls || ""));
    row.append(el("span", "label", label), el("span", "value", value));
    return row;
  }

  function draw(data) {
    const room = data.room;
    const head = data.header;
    const cd = room.countdown;
    document.title = room.title;
    $("title").textContent = room.title;
    $("status").textContent = head.started && !head.finished ? head.status : "";
    document.body.dataset.kind = room.kind;
    document.body.dataset.level = cd.level || "";
    const detail = clear($("detail"));
    const digits = $("digits");
    const segment = $("segment");
    if (room.kind === "ended") {
      segment.textContent = "Thank you for coming";
      digits.textContent = "";
      if (room.next_topic) detail.append(line("Next time", room.next_topic, "big"));
      return;
    }
    digits.textContent = cd.text;
    if (room.kind === "before") {
      segment.textContent = room.next_part ? "Starts at " + hm(room.next_part.at) : "Starting soon";
    } else {
      segment.textContent = cd.title + (cd.paused ? " — paused" : "");
    }
    if (room.speaker.speaker) {
      const sp = room.speaker;
      const time = sp.spent_text + (sp.budget_text ? " / " + sp.budget_text : "");
      detail.append(line("Speaking", sp.speaker.name + "  " + time, "speaker" + (sp.over ? " over" : "")));
    }
    if (room.up_next.length) detail.append(line("Next", names(room.up_next)));
    if (room.hands.length) detail.append(line("Hands", names(room.hands)));
    if (room.kind === "voting") {
      const list = el("ol", "topics");
      for (const t of room.topics) {
        const item = el("li", t.winner ? "winner" : t.tied ? "tied" : "");
        const what = el("span", "what");  // the tag follows the topic's last word, not a column
        what.append(el("span", "topic", t.topic));
        if (t.winner) what.append(" ", el("span", "tag", "WINNER"));
        else if (t.tied) what.append(" ", el("span", "tag", "TIE"));
        item.append(el("span", "votes", t.votes), what);
        list.append(item);
      }
      if (room.vote_method) detail.append(line("Vote", room.vote_method));
      detail.append(list);
    }
    if (room.kind === "before" || room.kind === "arrival") {
      if (room.venue) detail.append(line("Where", room.venue));
      if (room.next_part && room.kind === "arrival") {
        detail.append(line("Next", room.next_part.title + " at " + hm(room.next_part.at)));
      }
      if (room.here) detail.append(line("Here", String(room.here)));
      if (room.materials.length) {
        const list = el("ul", "materials");
        for (const m of room.materials) list.append(el("li", null, m.title));
        detail.append(line("Reading", ""), list);
      }
    }
  }

  follow({ state: draw });
})();
