"""Who is speaking (with their turn timer), who is next, who spoke, passed, is absent, and
the raised hands. Rendered as a few lines of text: cheap with hundreds of people."""

from __future__ import annotations

from datetime import datetime
from itertools import islice

from textual.content import Content

from facilitator.session.state import SessionState
from facilitator.session.timing import clock_text, turn_budget, turn_seconds
from facilitator.tui.text import plain
from facilitator.tui.widgets.panel import Panel

SHOWN = 12  # names listed per line before "+N more"


def names(state: SessionState, ids: list[int], limit: int = SHOWN) -> Content:
    if not ids:
        return Content("—")
    shown = [plain(state.people[pid].name) for pid in islice(ids, limit)]
    more = f" +{len(ids) - limit} more" if len(ids) > limit else ""
    return Content.assemble(Content(", ").join(shown), more)


def line(label: str, body: Content) -> Content:
    return Content.assemble(Content(f"{label:<9}").stylize("bold"), body)


class SpeakerLine(Panel):
    """The current speaker and their timer against their budget (updated every second)."""

    def render_state(self, state: SessionState, now: datetime) -> None:
        turn, speaker = state.current_turn, state.speaker
        run = state.run
        if turn is None or speaker is None:
            if run is not None and run.phase == "open floor":
                text = Content("Open floor: nobody has a hand up (h raises one)")
            elif run is not None and run.phase == "done":
                text = Content("Round over: ] for the next segment")
            else:
                text = Content("Nobody is speaking")
            self.show(text)
            self.set_class(False, "-over")
            return
        spent = turn_seconds(state, turn, now)
        budget = turn_budget(state, now)
        over = budget is not None and spent > budget
        timer = clock_text(-spent) if spent else "0:00"
        timer = timer.lstrip("+")
        budget_text = f" / {clock_text(budget)}" if budget is not None else ""
        flag = "  ⏰ OVER" if over else ""
        kind = {"round": "", "revisit": " (second chance)", "floor": " (open floor)"}[turn.kind]
        self.show(
            Content.assemble(
                "▶ ", plain(speaker.name, "bold"), kind, f"   {timer}{budget_text}{flag}"
            )
        )
        self.set_class(over, "-over")


class PeoplePanel(Panel):
    """The round at a glance. Changes only on events, not on the tick."""

    def render_state(self, state: SessionState) -> None:
        run = state.run
        if run is None:
            self.show(Content(""))
            return
        last: dict[int, str] = {}  # each person's latest outcome in this segment
        spoke: dict[int, None] = {}
        for turn in state.segment_turns(run.index):
            last.setdefault(turn.person_id, "")
            if turn.outcome is not None:
                last[turn.person_id] = turn.outcome
            if turn.outcome == "spoke":
                spoke[turn.person_id] = None
        passed = [pid for pid, out in last.items() if out == "passed" and pid not in spoke]
        absent = [pid for pid, out in last.items() if out == "absent"]
        queue = [item.person_id for item in run.queue]
        hands = state.ordered_hands()
        waiting = [p.id for p in state.present() if p.id not in last]
        order = "progressive stack" if state.hands_order == "progressive" else "first come"
        gone = Content.assemble(
            names(state, passed), Content("  absent: ").stylize("bold"), names(state, absent)
        )
        lines = [line("Next", names(state, queue, 6))]
        if state.agenda.segments[run.index].open_floor:
            lines.append(line("Hands", Content.assemble(names(state, hands), f"  ({order})")))
        lines += [
            line(f"Spoke {len(spoke)}", names(state, list(spoke))),
            line("Passed", gone),
            line("Not yet", names(state, waiting)),
        ]
        self.show(Content("\n").join(lines))
