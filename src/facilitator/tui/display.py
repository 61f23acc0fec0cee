"""`facilitator display`: the room view in a window of its own, following a live record.

For an extended display (a projector that is a second screen): the host runs the session in
one window, this shows the room view in another. It only reads the record (record/follow.py):
no lock, no write, so it can start before the host's app, outlive a crash of it, and never
get in its way. Its only keys are quit and help.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Label

from facilitator.record.follow import Follower
from facilitator.session import views
from facilitator.session.views import RoomView
from facilitator.tui.screens.room import RoomScreen

LOOK_SECONDS = 0.1
"""How often the record is looked at: one `stat` when nothing changed (see follow.py)."""

HELP = """\
This window shows the room view of a session run in another window
(`facilitator run`), for a projector or a second screen. It follows
the session's record as it is saved: it never writes it, and it keeps
following when the host's app restarts or starts a new record.

q  quit (the session goes on in the host's app)
?  this help · escape closes it"""


class DisplayHelp(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "close", "close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Label(Content("facilitator display"), id="help-title")
            yield Label(Content(HELP))

    def action_close(self) -> None:
        self.dismiss(None)


class DisplayApp(App[None]):
    CSS_PATH = "facilitator.tcss"
    TITLE = "facilitator display"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "quit"),
        Binding("question_mark", "help", "help"),
    ]

    def __init__(self, follower: Follower, *, look_seconds: float = LOOK_SECONDS) -> None:
        super().__init__()
        self.follower = follower
        self.look_seconds = look_seconds
        follower.look()
        self.room = RoomScreen(self._source, now=lambda: follower.followed().now)

    def get_default_screen(self) -> Screen[None]:
        return self.room

    def _source(self) -> tuple[RoomView | None, str]:
        followed = self.follower.followed()
        view = None if followed.state is None else views.room(followed.state, followed.now)
        return view, followed.status

    def on_mount(self) -> None:
        self.set_interval(self.look_seconds, self.look)

    def look(self) -> None:
        """Read what the host saved since the last look; redraw at once if anything changed."""
        if self.follower.look():
            self.room.redraw()

    def action_help(self) -> None:
        self.push_screen(DisplayHelp())

    def on_unmount(self) -> None:
        self.follower.close()
