"use strict";
// Shared by the three pages: the link's secret, the update stream with its "connection lost"
// state, and building elements. User text only ever goes in as textContent, never as HTML.

const Share = (() => {
  const parts = location.pathname.split("/");
  const page = (parts[1] || "").toLowerCase();
  const key = (parts[2] || "").toLowerCase();
  const STALE_MS = 5000;  // the host sends at least one update a second while a page is open

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function hm(iso) {  // the host's local clock time, as sent ("2026-11-26T18:35:00+13:00")
    return iso ? iso.slice(11, 16) : "";
  }

  function link(url, text) {  // only http(s) becomes a link; anything else stays text
    if (!/^https?:\/\//i.test(url)) return el("span", null, text || url);
    const a = el("a", null, text || url);
    a.href = url;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    return a;
  }

  function banner(text) {
    const node = document.getElementById("conn");
    node.textContent = text || "";
    node.hidden = !text;
  }

  // Opens the page's update stream; handlers: {state(data), notes(data)}. Reconnects by itself.
  function follow(handlers) {
    let source = null;
    let last = Date.now();
    let gone = false;
    function lost(why) {
      banner(why || "Connection lost — retrying…");
    }
    function open() {
      if (gone) return;
      source = new EventSource("/events/" + page + "/" + key);
      source.addEventListener("open", () => { last = Date.now(); });
      for (const name of Object.keys(handlers)) {
        source.addEventListener(name, (event) => {
          last = Date.now();
          banner("");
          handlers[name](JSON.parse(event.data));
        });
      }
      source.addEventListener("error", () => {
        lost();
        if (source.readyState === EventSource.CLOSED) check();
      });
    }
    function check() {  // closed for good: a link no longer valid, or the host is away
      fetch(location.pathname, { method: "HEAD", cache: "no-store" }).then((answer) => {
        if (answer.status === 403) {
          gone = true;
          banner("This link no longer works: ask the host for the current one.");
        } else {
          setTimeout(open, 1000);
        }
      }, () => setTimeout(open, 1000));
    }
    setInterval(() => {  // a stream that went quiet (a sleeping laptop, a dropped Wi-Fi)
      if (!gone && Date.now() - last > STALE_MS) {
        lost();
        last = Date.now();
        if (source) source.close();
        open();
      }
    }, 1000);
    open();
  }

  return { page, key, el, clear, hm, link, follow, banner };
})();
