"""The one rule for control characters in user text (controls.visible): every escape sequence a
terminal would obey is written out, so it shows and does nothing."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.controls import BIDI_CONTROLS, json_escaped, visible
from facilitator.errors import FacilitatorError

ESC = "\x1b"
ATTACKS = {
    "ESC": (f"a{ESC}b", "a\\x1bb"),
    "OSC 0 (window title)": (f"{ESC}]0;pwned\x07", "\\x1b]0;pwned\\x07"),
    "OSC 8 (hidden link)": (
        f"{ESC}]8;;https://evil.example{ESC}\\click{ESC}]8;;{ESC}\\",
        "\\x1b]8;;https://evil.example\\x1b\\click\\x1b]8;;\\x1b\\",
    ),
    "OSC 52 (clipboard)": (f"{ESC}]52;c;cm0gLXJmIH4=\x07", "\\x1b]52;c;cm0gLXJmIH4=\\x07"),
    "CSI (clear screen)": (f"{ESC}[2J{ESC}[H", "\\x1b[2J\\x1b[H"),
    "BEL": ("ding\x07", "ding\\x07"),
    "C1 CSI": ("\x9b31m red", "\\x9b31m red"),
    "C1 OSC and ST": ("\x9d0;t\x9c", "\\x9d0;t\\x9c"),
    "NEL": ("a\x85b", "a\\x85b"),
    "DEL and NUL": ("a\x7f\x00b", "a\\x7f\\x00b"),
    "RLO (Trojan Source)": ("user\u202egnp.exe", "user\\u202egnp.exe"),
    "isolates": ("\u2066x\u2069", "\\u2066x\\u2069"),
    "backspace overwrite": ("Rob\x08\x08\x08Eve", "Rob\\x08\\x08\\x08Eve"),
}


@pytest.mark.parametrize("name", ATTACKS)
def test_attacks_are_written_out(name: str) -> None:
    text, shown = ATTACKS[name]
    assert visible(text) == shown


def test_layout_characters_stay_and_carriage_returns_become_line_breaks() -> None:
    assert visible("a\tb\nc") == "a\tb\nc"
    assert visible("one\r\ntwo\rthree") == "one\ntwo\nthree"
    assert visible("Zoë 李雷 🎉 العربية") == "Zoë 李雷 🎉 العربية"


@given(st.text())
def test_nothing_a_terminal_obeys_is_left(text: str) -> None:
    shown = visible(text)
    assert not [
        ch for ch in shown if (ord(ch) < 0x20 and ch not in "\t\n") or 0x7F <= ord(ch) < 0xA0
    ]
    assert not set(shown) & set(BIDI_CONTROLS)
    assert visible(shown) == shown


@given(st.text())
def test_json_escaping_keeps_the_data(text: str) -> None:
    encoded = json_escaped(json.dumps(text, ensure_ascii=False))
    assert json.loads(encoded) == text
    assert not [ch for ch in encoded if 0x7F <= ord(ch) < 0xA0 or ch in BIDI_CONTROLS]


def test_error_messages_show_control_characters() -> None:
    error = FacilitatorError(f"{ESC}]0;pwned\x07.csv: no such file")
    assert str(error) == "\\x1b]0;pwned\\x07.csv: no such file"
