"""Who is speaking (with their turn timer), who is next, who spoke, passed, is absent, and
the raised hands. Rendered as a few lines of text: cheap with hundreds of people."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from facilitator.session.views import PersonRef, RoundView, SpeakerView
from facilitator.tui.text import plain
from facilitator.tui.widgets.panel import Panel

SHOWN = 12  # names listed per line before "+N more"
TURN_KINDS = {"round": "", "revisit": " (second chance)", "floor": " (open floor)"}


def names(people: Sequence[PersonRef] | Sequence[str], limit: int = SHOWN) -> Content:
    if not people:
        return Content("—")
    shown = [plain(p if isinstance(p, str) else p.name) for p in people[:limit]]
    more = f" +{len(people) - limit} more" if len(people) > limit else ""
    return Content.assemble(Content(", ").join(shown), more)


def line(label: str, body: Content) -> Content:
    return Content.assemble(Content(f"{label:<9}").stylize("bold"), body)


class SpeakerLine(Panel):
    """The current speaker and their timer against their budget (updated every second)."""

    def show_view(self, view: SpeakerView) -> None:
        if not self.changed(view):
            return
        if view.speaker is None or view.turn_kind is None:
            if view.phase == "open floor":
                text = Content("Open floor: nobody has a hand up (h raises one)")
            elif view.phase == "done":
                text = Content("Round over: ] for the next segment")
            else:
                text = Content("Nobody is speaking")
            self.show(text)
            self.set_class(False, "-over")
            return
        budget = f" / {view.budget_text}" if view.budget_text is not None else ""
        flag = "  ⏰ OVER" if view.over else ""
        self.show(
            Content.assemble(
                "▶ ",
                plain(view.speaker.name, "bold"),
                TURN_KINDS[view.turn_kind],
                f"   {view.spent_text}{budget}{flag}",
            )
        )
        self.set_class(view.over, "-over")


class PeoplePanel(Panel):
    """The round at a glance. Changes only on events, not on the tick."""

    def show_view(self, view: RoundView | None) -> None:
        if not self.changed(view):
            return
        if view is None:
            self.show(Content(""))
            return
        order = "progressive stack" if view.progressive else "first come"
        gone = Content.assemble(
            names(view.passed), Content("  absent: ").stylize("bold"), names(view.absent)
        )
        lines = [line("Next", names(view.next, 6))]
        if view.open_floor:
            lines.append(line("Hands", Content.assemble(names(view.hands), f"  ({order})")))
        lines += [
            line(f"Spoke {len(view.spoke)}", names(view.spoke)),
            line("Passed", gone),
            line("Not yet", names(view.not_yet)),
        ]
        self.show(Content("\n").join(lines))
