"""User text on screen: always plain, never markup, never terminal control codes.

Names, notes and topics are typed by people; `[bold]`, `[@click=app.quit]` or an ANSI escape in
them must show as typed and do nothing. Every widget builds its content through these helpers.
"""

from __future__ import annotations

from textual.content import Content

_VISIBLE = {i: f"\\x{i:02x}" for i in [*range(0x00, 0x20), *range(0x7F, 0xA0)]}
_VISIBLE[0x09] = " "
_VISIBLE[0x0A] = " "
_VISIBLE[0x0D] = " "


def clean(text: str) -> str:
    """Control characters (ESC, BEL, CR...) as visible escapes; the rest exactly as typed."""
    return text.translate(_VISIBLE)


def plain(text: str, style: str = "") -> Content:
    """User text as Content: no markup is parsed, whatever the text holds."""
    content = Content(clean(text))
    return content.stylize(style) if style else content


def join(parts: list[Content], separator: str = ", ") -> Content:
    return Content(separator).join(parts)
