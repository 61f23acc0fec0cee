"""The core runs without a terminal: nothing outside tui/ imports Textual (docs/architecture.md)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import facilitator

CORE = sorted(
    m.name
    for m in pkgutil.walk_packages(facilitator.__path__, "facilitator.")
    if not m.name.startswith("facilitator.tui") and m.name != "facilitator.__main__"
)


def test_core_modules_are_found() -> None:
    for name in ("facilitator.agenda", "facilitator.record.journal", "facilitator.session.engine"):
        assert name in CORE


def test_importing_the_core_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in CORE)
        + "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        + "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"the core imported {out}"


def test_no_core_source_mentions_textual() -> None:
    root = Path(facilitator.__file__).parent
    for path in root.rglob("*.py"):
        if "tui" in path.relative_to(root).parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert "import textual" not in text and "from textual" not in text, path
