"""User text that reaches a terminal or a file: control characters shown, never obeyed.

Names, notes, topics and titles come from people, shared templates and RSVP exports. An ESC in
them (a cursor move, OSC 0 retitling the window, OSC 8 hiding a link, OSC 52 writing the
clipboard), a BEL, a C1 control (U+009B is a one-character CSI) or a bidi override (which
reorders what a reader sees, as in "Trojan Source") must show as what it is and do nothing.
`visible` is the one rule for every output: Markdown, HTML, plain text, CSV and messages. The
JSON export keeps the data itself and writes these characters as `\\uXXXX` escapes instead.
"""

from __future__ import annotations

import re

#: Unicode's Bidi_Control characters: marks, embeddings, overrides and isolates.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

_C0_C1 = [*range(0x00, 0x20), *range(0x7F, 0xA0)]
_KEPT = {0x09, 0x0A}  # a tab and a line break lay text out; they cannot command a terminal
_VISIBLE = {i: f"\\x{i:02x}" for i in _C0_C1 if i not in _KEPT}
_VISIBLE.update({ord(ch): f"\\u{ord(ch):04x}" for ch in BIDI_CONTROLS})
_UNSAFE = re.compile("[" + "".join(re.escape(chr(i)) for i in sorted(_VISIBLE)) + "]")
_NEWLINES = re.compile(r"\r\n?")


def visible(text: str) -> str:
    """`text` with every control character written out (ESC as `\\x1b`, U+202E as `\\u202e`).

    Line breaks and tabs stay; a carriage return becomes a line break (a lone CR would let one
    line overwrite another on a terminal). Applying it twice changes nothing more.
    """
    if _UNSAFE.search(text) is None:
        return text
    return _NEWLINES.sub("\n", text).translate(_VISIBLE)


def json_escaped(text: str) -> str:
    """JSON text with the characters `visible` neutralises written as `\\uXXXX` escapes.

    JSON already escapes C0 controls; DEL, C1 and bidi controls may legally stay raw, so they
    are escaped here. Only valid inside JSON: the escapes decode back to the same data.
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
