"""The vote: nominations with who nominated them, counts, ties shown as ties, the winner."""

from __future__ import annotations

from textual.content import Content

from facilitator.session.views import VoteView
from facilitator.tui.text import plain
from facilitator.tui.widgets.panel import Panel


class VotePanel(Panel):
    def show_view(self, view: VoteView) -> None:
        if not self.changed(view):
            return
        stage = f"Runoff {view.runoff}" if view.runoff else "Vote"
        head = f"{stage}: {view.method}, {view.voters} here"
        lines = [Content(head).stylize("bold")]
        if not view.rows:
            lines.append(Content("No topics yet: t nominates one"))
        for row in view.rows:
            if row.by is not None:
                who = Content.assemble(" (", plain(row.by), ")")
            else:
                who = Content(" (backlog)" if row.from_backlog else "")
            if row.winner:
                mark, tag = "★", "  WINNER"
            elif row.tied:
                mark, tag = "=", "  TIED"
            else:
                mark, tag = " ", ""
            line = Content.assemble(f"{mark}{row.votes:>4}  ", plain(row.topic), who, tag)
            lines.append(line.stylize("bold") if row.leading else line)
        if view.winner is not None:
            lines.append(
                Content.assemble("Next topic: ", plain(view.winner, "bold"), f" ({view.decided})")
            )
        elif view.tie:
            lines.append(Content("Tie: r runoff · k host's pick · W withdraws"))
        elif view.runoff and not any(row.votes for row in view.rows):
            lines.append(Content("v runoff votes, one each · k host's pick"))
        else:
            lines.append(Content("v enters a count · w declares the winner").stylize("dim"))
        self.show(Content("\n").join(lines))
