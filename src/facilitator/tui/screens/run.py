"""The live screen: everything the host needs at 80x24, driven by one key per action.

Each action calls exactly one engine method; a CommandError becomes a plain-text notification.
The screen learns of changes only through `show_events` (the engine's listener, via the App)
and redraws from views; the 1 Hz tick redraws only what depends on the clock. It tells the App
what the App must act on (ring the bell, check the disk) by messages, never by calling it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label

from facilitator.session import events as ev
from facilitator.session import views
from facilitator.session.engine import CommandError, Engine
from facilitator.session.schedule import Level
from facilitator.session.views import CountdownView, PersonRef
from facilitator.tui.commands import bindings
from facilitator.tui.screens.prompts import CheckInPrompt, Choice, Prompt
from facilitator.tui.screens.share import ShareActions
from facilitator.tui.screens.voting import VotingActions
from facilitator.tui.text import clean
from facilitator.tui.widgets.agenda_list import AgendaList
from facilitator.tui.widgets.checkin import CheckinPanel, SummaryPanel
from facilitator.tui.widgets.countdown import Countdown
from facilitator.tui.widgets.header import StatusHeader
from facilitator.tui.widgets.keybar import KeyBar
from facilitator.tui.widgets.notes import LATEST, NotesPanel, OwnerSuggester, note_line
from facilitator.tui.widgets.people import PeoplePanel, SpeakerLine
from facilitator.tui.widgets.vote import VotePanel

T = TypeVar("T")
NOTICE_SECONDS = 20.0
NOTES_ONLY = ("note_added", "note_edited", "note_deleted")
NOTE_EVENTS = (*NOTES_ONLY, "undone", "session_created")
NOTES_TO_PICK = 200
PANEL_CLASSES = ("-arrival", "-rounds", "-voting", "-ended")
SEVERITY: dict[Level | None, int] = {None: 0, "ok": 0, "soon": 1, "over": 2}
EVENT_WORDS = {"turn_ended": "the end of a turn", "person_checked_in": "a check-in"}


def panel_class(view: CountdownView) -> str:
    """Which panel the screen shows: the stylesheet hides the others."""
    if view.kind == "ended":
        return "-ended"
    if view.turns:
        return "-rounds"
    if view.kind == "voting":
        return "-voting"
    return "-arrival" if view.kind in ("before", "arrival") else ""


def key_group(view: CountdownView) -> str:
    """Which keys the footer offers beside the ones that always apply."""
    return "rounds" if view.turns else "voting" if view.kind == "voting" else "always"


class RunScreen(ShareActions, VotingActions, Screen[None]):
    AUTO_FOCUS = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings(),
        Binding("escape", "dismiss_notice", show=False),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (76, "-mid"), (110, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (23, "-tall"), (36, "-roomy")]  # noqa: RUF012

    class Ready(Message):
        """The screen is mounted: the App may show what it knows (a disk already failing)."""

    class RoomWanted(Message):
        """The host asked for the room view (F5): the App shows it above this screen."""

    class WarningReached(Message):
        """The segment's time ran into a warning level by itself (2 minutes left, or over);
        a key that changes the level (one minute more or less) is the host's doing: no bell."""

        def __init__(self, level: Level) -> None:
            super().__init__()
            self.level = level

    def __init__(self, engine: Engine, *, notice: str | None = None) -> None:
        # The segment's class from the start: changing a screen's classes restyles every widget.
        view = views.countdown(engine.state, engine.now())
        super().__init__(classes=panel_class(view))
        self.engine = engine
        self.notice = notice
        self._level: tuple[int, Level | None] = (0, None)  # segment number, warning level
        self._unsaved_text: str | None = None  # what the NOT SAVED banner shows ("" hidden)

    # -- layout ----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        head = views.header(self.engine.state, self.engine.now())
        yield StatusHeader(head.title, head.rehearsal)
        yield Label(Content(""), id="notice")
        yield Label(Content(""), id="unsaved")
        with Horizontal(id="body"):
            yield AgendaList(id="agenda", layout="never")
            with Vertical(id="main"):
                yield Countdown(id="countdown")
                yield SpeakerLine(id="speaker", layout="never")
                yield PeoplePanel(id="people", layout="lines")
                yield CheckinPanel(id="checkin", layout="lines")
                yield VotePanel(id="vote", layout="lines")
                yield SummaryPanel(id="summary", layout="lines")
        yield NotesPanel(owners=self.owners(), id="notes")
        keys = KeyBar(id="keys", layout="lines")
        keys.rehearsal = head.rehearsal
        yield keys

    def on_mount(self) -> None:
        self.show_events([])
        if self.notice:
            self.show_notice(self.notice)
            self.set_timer(NOTICE_SECONDS, lambda: self.show_notice(""))
        self.post_message(self.Ready())
        # Tick just after each second of the session clock turns, so the countdown steps evenly.
        fraction = self.engine.now().microsecond / 1_000_000
        self.set_timer(1.02 - fraction, self._start_ticking)

    def _start_ticking(self) -> None:
        self.tick()
        # A rehearsal at x60 moves a minute per second: tick often enough to show seconds pass.
        speed = views.header(self.engine.state, self.engine.now()).speed
        self.set_interval(max(0.25, 1.0 / speed), self.tick)

    # -- rendering -------------------------------------------------------------------------------
    def show_events(self, events: list[ev.Event]) -> None:
        """Redraw from views after the engine applied `events` (everything when empty)."""
        state, now = self.engine.state, self.engine.now()
        view = views.countdown(state, now)
        wanted = panel_class(view)
        # A note changes the notes and nothing else on screen but the count after the end.
        notes_only = bool(events) and all(self._notes_only(e) for e in events)
        if not notes_only or wanted == "-ended":
            self._show_panels(view, wanted)
        if not events or any(e.type in NOTE_EVENTS for e in events):
            self.query_one(NotesPanel).show_view(views.notes(state, LATEST))
        self._level = (view.number, view.level)  # a change a key caused rings no bell
        self.tick()

    def _notes_only(self, event: ev.Event) -> bool:
        """Whether `event` changes the notes and nothing else: a note's event, or the undo of
        a command made of them (its events follow each other from its first, `seq == cmd`)."""
        if not isinstance(event, ev.Undone):
            return event.type in NOTES_ONLY
        done = self.engine.events
        for undone in done[event.target :]:
            if undone.cmd != event.target:
                break
            if undone.type not in NOTES_ONLY:
                return False
        return True

    def _show_panels(self, view: CountdownView, wanted: str) -> None:
        state, now = self.engine.state, self.engine.now()
        for name in PANEL_CLASSES:
            if self.has_class(name) != (name == wanted):
                self.set_class(name == wanted, name)
        self.query_one(AgendaList).show_view(views.agenda(state, now))
        self.query_one(KeyBar).show_keys(key_group(view))
        if wanted == "-rounds":
            self.query_one(PeoplePanel).show_view(views.round_(state))
        elif wanted == "-arrival":
            self.query_one(CheckinPanel).show_view(views.checkin(state))
        elif wanted == "-voting":
            self.query_one(VotePanel).show_view(views.vote(state))
        elif wanted == "-ended":
            self.query_one(SummaryPanel).show_view(views.ended(state))

    def tick(self) -> None:
        """Once a second: what depends on the clock (computed from it, never by counting)."""
        state, now = self.engine.state, self.engine.now()
        view = views.countdown(state, now)
        self.query_one(StatusHeader).show(views.header(state, now))
        self.query_one(Countdown).show(view)
        if not state.started:  # the plan is the one a start now gives: it moves with the clock
            self.query_one(AgendaList).show_view(views.agenda(state, now))
        self.query_one(SpeakerLine).show_view(views.speaker(state, now))
        key = (view.number, view.level)
        if key[0] == self._level[0] and SEVERITY[view.level] > SEVERITY[self._level[1]]:
            assert view.level is not None
            self.post_message(self.WarningReached(view.level))
        self._level = key

    def show_notice(self, text: str) -> None:
        notice = self.query_one("#notice", Label)
        notice.update(Content(clean(text)))
        notice.set_class(bool(text), "-shown")

    def show_unsaved(self, problem: str | None) -> None:
        text = "" if problem is None else f"NOT SAVED — {problem} — retrying"
        if text == self._unsaved_text:
            return  # checked after every event: an unchanged banner must not cost a new layout
        self._unsaved_text = text
        banner = self.query_one("#unsaved", Label)
        banner.update(Content(clean(text)))
        banner.set_class(problem is not None, "-shown")

    # -- the one way to run a command ----------------------------------------------------------
    def _run(self, command: Callable[..., T], *args: Any) -> tuple[bool, T | None]:
        """Run one engine command; a refusal is shown to the host, never raised."""
        try:
            return True, command(*args)
        except CommandError as error:
            self.notify(clean(str(error)), severity="warning", markup=False)
            return False, None

    def run_command(self, command: Callable[..., T], *args: Any) -> T | None:
        return self._run(command, *args)[1]

    def attempt(self, command: Callable[..., object], *args: Any) -> bool:
        """Run a command whose result does not matter; True when it was done."""
        return self._run(command, *args)[0]

    def ask(
        self,
        title: str,
        done: Callable[[Choice], object],
        cancel: Callable[[None], object] | None = None,
        *,
        prompt: Prompt | None = None,
        **options: Any,
    ) -> None:
        """A modal question (`prompt`, else a Prompt with `options`); `done` gets the answer,
        `cancel` (if given) an escape."""

        def answered(choice: Choice | None) -> None:
            if choice is not None:
                done(choice)
            elif cancel is not None:
                cancel(None)

        self.app.push_screen(prompt or Prompt(title, **options), answered)

    def _here(self) -> list[str]:
        return [p.name for p in views.present_people(self.engine.state)]

    def owners(self) -> OwnerSuggester:
        """Completes the `@na…` typed in a note to someone here: for the notes panel's input
        and the room view's note prompt alike."""
        return OwnerSuggester(self._here)

    def person_choices(self, people: tuple[PersonRef, ...]) -> list[tuple[str, str]]:
        return [(str(p.id), p.name) for p in people]

    # -- actions (one engine method each) --------------------------------------------------------
    def action_toggle_clock(self) -> None:
        change = self.run_command(self.engine.toggle_clock)
        if change is not None:
            self.notify(f"Clock {change.value}", timeout=2)

    def action_toggle_speed(self) -> None:
        speed = self.run_command(self.engine.toggle_speed)
        if speed is not None:
            self.tick()  # the header says the new speed at once
            self.notify(
                "Real time: turns last as long as on the night (* speeds up again)"
                if speed == 1
                else f"x{speed:g} again (* for real time)",
                timeout=3,
                markup=False,
            )

    def action_next_speaker(self) -> None:
        self.attempt(self.engine.next_speaker)

    def action_pass_turn(self) -> None:
        self.attempt(self.engine.pass_turn)

    def action_absent(self) -> None:
        self.attempt(self.engine.absent)

    def action_next_segment(self) -> None:
        """`]`; first a question when it would leave the vote unsettled or end mid-round."""
        worry = views.leaving(self.engine.state)
        if worry is None:
            self._next_segment()
            return

        def answered(answer: str | None) -> None:
            if answer == "go":
                self._next_segment()
            elif answer is not None:
                self.call_later(self.run_action, answer)  # the key that settles it, pressed there

        from facilitator.tui.screens.confirm import ConfirmLeave  # asked rarely: loaded then

        self.app.push_screen(ConfirmLeave(worry), answered)

    def _next_segment(self) -> None:
        done, index = self._run(self.engine.next_segment)
        if done and index is None:
            self.notify("The session has ended. q quits; everything is saved.", markup=False)

    def action_extend(self, minutes: int) -> None:
        self.attempt(self.engine.extend, minutes)

    def action_check_in(self) -> None:
        def checked_in(choice: Choice) -> None:
            if self.run_command(self.engine.check_in, choice.text) is not None:
                self.notify(f"{clean(choice.text.strip())} checked in", timeout=3, markup=False)

        def find(typed: str) -> views.CheckinMatch:
            return views.checkin_match(self.engine.state, typed)

        self.ask("Check in", checked_in, prompt=CheckInPrompt(find))

    def _pick_person(
        self, title: str, people: tuple[PersonRef, ...], then: Callable[[int], object]
    ) -> None:
        if not people:
            self.notify("Nobody to pick", severity="warning", markup=False)
            return
        choices = self.person_choices(people)
        self.ask(title, lambda c: then(int(c.key or -1)), choices=choices)

    def action_raise_hand(self) -> None:
        self._pick_person(
            "Raise a hand for",
            views.hand_candidates(self.engine.state),
            lambda pid: self.attempt(self.engine.raise_hand, pid),
        )

    def action_lower_hand(self) -> None:
        self._pick_person(
            "Lower the hand of",
            views.raised_hands(self.engine.state),
            lambda pid: self.attempt(self.engine.lower_hand, pid),
        )

    def action_mark_left(self) -> None:
        self._pick_person(
            "Who left?",
            views.present_people(self.engine.state),
            lambda pid: self.attempt(self.engine.mark_left, pid),
        )

    def action_toggle_stack(self) -> None:
        progressive = views.round_(self.engine.state)
        order: ev.QueueOrder = (
            "fifo" if progressive is not None and progressive.progressive else "progressive"
        )
        if self.attempt(self.engine.set_queue_order, order):
            self.notify(
                "Progressive stack: who spoke least goes first"
                if order == "progressive"
                else "Hands in the order they went up",
                timeout=3,
            )

    def action_write_note(self) -> None:
        self.query_one(NotesPanel).open_input()

    def _pick_note(self, title: str, then: Callable[[int], object]) -> None:
        latest = views.notes(self.engine.state, NOTES_TO_PICK).latest
        if not latest:
            self.notify("No notes yet: / writes one", severity="warning", markup=False)
            return
        notes = [(str(n.id), note_line(n).plain) for n in latest]
        self.ask(title, lambda c: then(int(c.key or -1)), choices=notes)

    def action_edit_note(self) -> None:
        def edit(note_id: int) -> None:
            self.ask(
                "Edit the note",
                lambda c: self.attempt(self.engine.edit_note, note_id, c.text),
                value=views.note_text(self.engine.state, note_id) or "",
            )

        self._pick_note("Edit which note? (newest first)", edit)

    def action_delete_note(self) -> None:
        def delete(note_id: int) -> None:
            if self.attempt(self.engine.delete_note, note_id):
                self.notify("Note deleted (ctrl+z brings it back)", timeout=3, markup=False)

        self._pick_note("Delete which note? (newest first)", delete)

    def action_undo(self) -> None:
        target = self.run_command(self.engine.undo)
        if target is not None:
            what = EVENT_WORDS.get(target.type, target.type.replace("_", " "))
            self.notify(f"Undone: {what}", timeout=3, markup=False)

    def action_help(self) -> None:
        rehearsal = views.header(self.engine.state, self.engine.now()).rehearsal
        from facilitator.tui.screens.help import HelpScreen  # loaded when asked for

        self.app.push_screen(HelpScreen(rehearsal=rehearsal))

    def action_toggle_room(self) -> None:
        self.post_message(self.RoomWanted())

    def action_quit(self) -> None:
        def answered(quit_: bool | None) -> None:
            if quit_:
                self.app.exit()

        from facilitator.tui.screens.confirm import ConfirmQuit

        self.app.push_screen(ConfirmQuit(), answered)

    def action_dismiss_notice(self) -> None:
        self.show_notice("")

    # -- notes -----------------------------------------------------------------------------------
    @on(NotesPanel.Written)
    def _note_written(self, message: NotesPanel.Written) -> None:
        if self.run_command(self.engine.add_note, message.text) is not None:
            self.query_one(NotesPanel).note_saved()
