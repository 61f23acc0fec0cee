"""FacilitatorApp: wires the engine to the run screen. No meetup rules here.

Changes flow one way: the engine reports new events to the App, which hands them to the screen;
the screen tells the App what only the App can do (ring the bell, retry the disk) by messages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import App
from textual.screen import Screen

from facilitator.session import events as ev
from facilitator.session.engine import Engine
from facilitator.tui.commands import CommandsProvider
from facilitator.tui.screens.run import RunScreen
from facilitator.tui.typeahead import OneKeyAtATime
from facilitator.tui.widgets.share import ShareBar

if TYPE_CHECKING:  # aiohttp loads only when the session is shared
    from facilitator.share.server import ShareServer

RETRY_SECONDS = 2.0
WATCH_SECONDS = 5.0


class FacilitatorApp(App[None]):
    CSS_PATH = "facilitator.tcss"
    TITLE = "facilitator"
    COMMANDS: ClassVar = {CommandsProvider}
    AUTO_FOCUS = None

    def __init__(
        self,
        engine: Engine,
        *,
        quiet: bool = False,
        notice: str | None = None,
        record_path: Path | None = None,
        sink_error: Callable[[], str | None] | None = None,
        watch: Callable[[], str | None] | None = None,
        share: ShareServer | None = None,
    ) -> None:
        super().__init__()
        self.engine = engine
        self.quiet = quiet
        self.notice = notice
        self.record_path = record_path
        self.sink_error = sink_error
        self.watch_record = watch  # checks the record is still at its path; news to show once
        self.share = share  # `run --share`: served from this app's loop while it runs
        self.run_screen = RunScreen(engine, notice=notice)
        self._retrying = False
        self.keys = OneKeyAtATime(self, super().on_event)  # Textual's routing, a key at a time
        self.retry_seconds = RETRY_SECONDS
        engine.subscribe(self._events_applied)

    def get_default_screen(self) -> Screen[None]:
        return self.run_screen

    async def action_quit(self) -> None:
        """ctrl+q is Textual's own quit key, bound above every screen and every text field: it
        asks as `q` does, because a reflex must not end the evening. Pressed again at the
        question it answers yes, as `q` does there."""
        from facilitator.tui.screens.confirm import ConfirmQuit

        if isinstance(self.screen, ConfirmQuit):
            self.screen.action_answer(True)
        else:
            self.run_screen.action_quit()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:  # from the terminal
            await self.keys.arrive(event)  # tui/typeahead.py: routed once those before are done
            return
        await super().on_event(event)

    def ring(self) -> None:
        if not self.quiet:
            self.bell()

    @on(RunScreen.WarningReached)
    def _warning(self) -> None:
        self.ring()

    @on(RunScreen.RoomWanted)
    def _show_room(self) -> None:
        from facilitator.tui.screens.room import MirrorScreen  # F5: not before the first frame

        self.push_screen(MirrorScreen(self.run_screen))

    @on(RunScreen.Ready)
    async def _screen_ready(self) -> None:
        self.check_saved()
        if self.share is not None:
            bar = ShareBar(self.share)
            await self.run_screen.mount(bar, before=self.run_screen.query_one("#keys"))
            self.share.on_change = bar.refresh_counts
            await self.share.start()

    async def on_unmount(self) -> None:
        if self.share is not None:
            await self.share.stop()

    def on_mount(self) -> None:
        if self.watch_record is not None:  # a record deleted in a quiet moment is noticed anyway
            self.set_interval(WATCH_SECONDS, self.check_record)

    def _events_applied(self, events: list[ev.Event]) -> None:
        """The engine's one report of changes (events are already on disk, or held to retry)."""
        if self.run_screen.is_mounted:
            self.run_screen.show_events(events)
        if len(self.screen_stack) > 1:  # the room view (F5) may be showing too
            from facilitator.tui.screens.room import MirrorScreen

            for screen in self.screen_stack:
                if isinstance(screen, MirrorScreen):
                    screen.redraw()
        self.check_record()

    def check_record(self) -> None:
        """Show what the journal did when its record was moved or deleted, then the banner."""
        news = self.watch_record() if self.watch_record is not None else None
        if news and self.run_screen.is_mounted:
            self.run_screen.show_notice(news)
        self.check_saved()

    def check_saved(self) -> None:
        """Show the NOT SAVED banner while the journal holds events it could not write, and
        retry every couple of seconds."""
        if not self.run_screen.is_mounted:
            return
        problem = self.sink_error() if self.sink_error else None  # also: the record vanished
        if self.engine.saved and problem is None:
            self.run_screen.show_unsaved(None)
            return
        self.run_screen.show_unsaved(problem or "the disk write failed")
        if not self._retrying:
            self._retrying = True
            self.set_timer(self.retry_seconds, self._retry)

    def _retry(self) -> None:
        self._retrying = False
        if self.engine.retry_save():
            self.run_screen.show_unsaved(None)
            self.notify("Saved again: everything is on disk", markup=False)
        else:
            self.check_saved()
