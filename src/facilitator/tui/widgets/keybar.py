"""The footer: the keys that matter now, from the one command list, wrapping rather than
cutting keys off on a narrow terminal (Textual's Footer scrolls sideways instead)."""

from __future__ import annotations

from textual import events
from textual.content import Content

from facilitator.tui.commands import COMMANDS
from facilitator.tui.widgets.panel import Panel


def footer_commands(group: str, *, rehearsal: bool = False) -> list[tuple[str, str]]:
    """The footer's keys for a group of commands ("rounds", "voting"), with those of "always"
    (and the rehearsal's, in a rehearsal)."""
    wanted = {"always", group, *(["rehearsal"] if rehearsal else [])}
    return [(c.keys_text, c.label) for c in COMMANDS if c.footer and c.when in wanted]


class KeyBar(Panel):
    """Keys as keycaps; lines break between keys, never inside one."""

    _group = "always"
    rehearsal = False

    def show_keys(self, group: str) -> None:
        self._group = group
        width = max(20, self.size.width or 80)
        if not self.changed((group, width)):
            return
        items = [
            Content.assemble(Content(key).stylize("reverse bold"), f" {label}  ")
            for key, label in [*footer_commands(group, rehearsal=self.rehearsal), ("^p", "more")]
        ]
        lines: list[Content] = [Content("")]
        for item in items:
            if lines[-1].cell_length and lines[-1].cell_length + item.cell_length > width:
                lines.append(Content(""))
            lines[-1] = lines[-1] + item
        self.show(Content("\n").join(line.rstrip() for line in lines))

    def on_resize(self, event: events.Resize) -> None:
        self.show_keys(self._group)
        # Textual's notifications sit a line above the bottom edge: over the keys the host
        # is looking for. Lift them above the key bar, however many lines it wraps to.
        for rack in self.screen.query("#textual-toastrack"):
            rack.styles.margin = (0, 0, event.size.height, 0)
