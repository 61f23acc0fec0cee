"""The vote: nominations with who nominated them, counts, ties shown as ties, the winner."""

from __future__ import annotations

from textual.content import Content

from facilitator.session.state import SessionState
from facilitator.session.voting import tally
from facilitator.tui.text import plain
from facilitator.tui.widgets.panel import Panel

METHODS = {"approval": "show of hands", "plurality": "one vote each", "dot": "dots"}


class VotePanel(Panel):
    def render_state(self, state: SessionState) -> None:
        vote = state.vote
        segment = state.segment
        method = segment.method if segment is not None and segment.kind == "voting" else None
        result = tally(vote)
        runoff = len(vote.rounds) > 1
        head = f"Vote: {METHODS.get(method or '', method or '')}, {len(state.present())} here"
        if runoff:
            head += f" · runoff {len(vote.rounds) - 1}"
        lines = [Content(head).stylize("bold")]
        if not result.results:
            lines.append(Content("No topics yet: t nominates one"))
        top = max((v for _, v in result.results), default=0)
        for nomination, votes in result.results:
            by = nomination.by
            who = (
                Content.assemble(" (", plain(state.people[by].name), ")")
                if by is not None and by in state.people
                else Content(" (backlog)" if nomination.source == "backlog" else "")
            )
            if vote.winner == nomination.id:
                mark, tag = "★", "  WINNER"
            elif result.tie and nomination in result.leaders:
                mark, tag = "=", "  TIED"
            else:
                mark, tag = " ", ""
            row = Content.assemble(f"{mark}{votes:>4}  ", plain(nomination.topic), who, tag)
            lines.append(row.stylize("bold") if votes == top and top else row)
        if vote.winner is not None:
            how = {"votes": "by votes", "runoff": "by runoff", "host": "host's pick"}.get(
                vote.decided_by or "", ""
            )
            lines.append(
                Content.assemble(
                    "Next topic: ", plain(vote.nominations[vote.winner].topic, "bold"), f" ({how})"
                )
            )
        elif result.tie:
            lines.append(Content("Tie: r runs a runoff, k lets the host pick"))
        else:
            lines.append(Content("v enters a count · w declares the winner").stylize("dim"))
        self.show(Content("\n").join(lines))
