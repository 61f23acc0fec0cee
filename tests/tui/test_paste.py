"""Pasting text that holds terminal codes: it arrives as text, never as key presses.

A unit test of the guard over split markers, and the real app in tmux with a bracketed paste
(`paste-buffer -p`) of coloured text holding keys the app would otherwise obey.
"""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

import pytest

from facilitator.record.reading import load_record
from facilitator.tui.paste import ESCAPE_SIGN, PASTE_END, PASTE_START, PasteGuard
from facilitator.tui.widgets.calm_input import pasted_text

from .conftest import AGENDA
from .test_tmux import Tmux

COLOURED = "see \x1b[31mRob\x1b[0m q]x\x1b\x1b end\tok\nline2"


@pytest.mark.parametrize("cut", range(len(PASTE_START + COLOURED + PASTE_END) + 1))
def test_an_esc_inside_a_paste_is_text_wherever_the_input_is_cut(cut: int) -> None:
    stream = "ab" + PASTE_START + COLOURED + PASTE_END + "\x1b[A"  # then an arrow key
    guard = PasteGuard()
    out = guard(stream[:cut]) + guard(stream[cut:])
    inside = COLOURED.replace("\x1b", ESCAPE_SIGN)
    assert out == "ab" + PASTE_START + inside + PASTE_END + "\x1b[A"
    assert not guard.pasting


def test_an_unfinished_closing_marker_is_given_back_at_the_end() -> None:
    guard = PasteGuard()
    assert guard(PASTE_START + "x\x1b[20") == PASTE_START + "x"
    assert guard("") == "\x1b[20"


def test_pasted_text_is_one_plain_line() -> None:
    assert pasted_text(COLOURED.replace("\x1b", ESCAPE_SIGN) + "\x07\u202e") == (
        "see ␛[31mRob␛[0m q]x␛␛ end ok line2"
    )


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_coloured_paste_into_a_note_is_saved_as_text(tmp_path: Path) -> None:
    records = tmp_path / "records"
    env = f"FACILITATOR_RECORDS={shlex.quote(str(records))} TZ=Pacific/Auckland TERM=xterm-256color"
    tmux = Tmux(
        f"exec env {env} {shlex.quote(sys.executable)} -m facilitator run "
        f"{shlex.quote(str(AGENDA))} --quiet"
    )
    buffer = tmp_path / "clipboard"
    buffer.write_bytes(COLOURED.encode())
    try:
        tmux.wait_for(lambda s: "Press space to start" in s, "the app")
        tmux.keys("space")
        tmux.keys("/")
        tmux._tmux("load-buffer", "-b", "clip", str(buffer))
        tmux._tmux("paste-buffer", "-p", "-b", "clip", "-t", tmux.name)  # bracketed
        tmux.keys("Enter")
        tmux.keys("Escape")
        tmux.wait_for(lambda s: "Notes (1)" in s, "the note")
        tmux.keys("q")
        tmux.keys("y")
        tmux.wait_for(lambda s: "Summary: facilitator" in s, "the exit", history=50)
    finally:
        tmux.close()
    (record,) = records.glob("*.jsonl")
    state = load_record(record).state
    assert [n.text for n in state.notes.values()] == ["see ␛[31mRob␛[0m q]x␛␛ end ok line2"]
    assert not state.finished and state.current == 0  # no "]" or "x" was run as a key
