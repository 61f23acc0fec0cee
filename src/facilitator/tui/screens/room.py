"""The room view as a screen: on the host's own display (mirrored), or in `facilitator display`.

`RoomScreen` draws whatever RoomView its source gives, once a second (computed from the
clock, never counted) and whenever told there is news. `MirrorScreen` is the host's app
showing the room view: every host key works there as on the run screen (the same command
list), except the two that would put notes on the wall.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label

from facilitator.session import views
from facilitator.session.views import RoomView
from facilitator.tui.commands import COMMANDS, bindings
from facilitator.tui.screens.prompts import Choice, Prompt
from facilitator.tui.screens.run import RunScreen
from facilitator.tui.text import clean
from facilitator.tui.widgets.room import RoomPanel

Source = Callable[[], tuple[RoomView | None, str]]
"""The room view now (None: nothing to show yet), and a status line ("" for none)."""


class RoomScreen(Screen[None]):
    """Draws the room view from `source` at least once a second."""

    AUTO_FOCUS = ""

    def __init__(self, source: Source, *, now: Callable[[], datetime], speed: float = 1) -> None:
        super().__init__()
        self._source = source
        self._now = now
        self._speed = speed
        self._status = ""

    def compose(self) -> ComposeResult:
        yield RoomPanel(id="room")
        yield Label(Content(""), id="room-status")

    def on_mount(self) -> None:
        self.redraw()
        # Tick just after each second of the session clock turns, as the host's screen does.
        fraction = self._now().microsecond / 1_000_000
        self.set_timer(1.02 - fraction, self._start_ticking)

    def _start_ticking(self) -> None:
        self.redraw()
        self.set_interval(max(0.25, 1.0 / self._speed), self.redraw)

    def on_resize(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Ask the source for the view now, and draw it."""
        view, status = self._source()
        if view is not None:
            self.query_one(RoomPanel).show(view)
        if status != self._status:
            self._status = status
            label = self.query_one("#room-status", Label)
            label.update(Content(clean(status)))
            label.set_class(bool(status), "-shown")

    @property
    def panel(self) -> RoomPanel:
        return self.query_one(RoomPanel)


def _forward(action: str) -> Callable[..., Any]:
    def forward(self: MirrorScreen, *args: Any) -> Any:
        return getattr(self.host, f"action_{action}")(*args)

    forward.__doc__ = f"The host screen's `{action}`, from the room view."
    return forward


class MirrorScreen(RoomScreen):
    """The host's app showing the room view (a mirrored projector); the host's keys still work.

    Every command of COMMANDS is bound here and runs the run screen's own action (prompts and
    notices open above the room view). Writing a note opens a one-line prompt instead of the
    notes panel; editing or deleting one would list the notes on the wall, so those say to
    switch back first.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings()

    def __init__(self, host: RunScreen) -> None:
        engine = host.engine
        super().__init__(
            lambda: (views.room(engine.state, engine.now()), ""),
            now=engine.now,
            speed=engine.state.speed,
        )
        self.host = host

    def action_toggle_room(self) -> None:
        self.dismiss(None)

    def action_write_note(self) -> None:
        def written(choice: Choice | None) -> None:
            if choice is not None and choice.text.strip():
                self.host.run_command(self.host.engine.add_note, choice.text)

        title = "A note (the room sees what you type) · enter saves · escape cancels"
        prompt = Prompt(title, placeholder="todo @name: … / q: …", suggester=self.host.owners())
        self.app.push_screen(prompt, written)

    def _notes_stay_off_the_wall(self) -> None:
        self.notify(
            "Notes are never shown in the room view: F5 back to the host screen to pick one",
            severity="warning",
            markup=False,
        )

    def action_edit_note(self) -> None:
        self._notes_stay_off_the_wall()

    def action_delete_note(self) -> None:
        self._notes_stay_off_the_wall()


for _command in COMMANDS:
    _name = _command.action.split("(")[0]
    if f"action_{_name}" not in MirrorScreen.__dict__:
        setattr(MirrorScreen, f"action_{_name}", _forward(_name))
