"""The one list of the host's commands: name, key, footer label, help and action.

The run screen's BINDINGS, the footer, the `?` help screen and the command palette are all
derived from COMMANDS, so a key can never be documented in one place and missing in another.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

if TYPE_CHECKING:
    from textual.binding import BindingType


@dataclass(frozen=True)
class Command:
    name: str  # the palette's title
    key: str  # Textual key name(s), comma separated
    label: str  # short footer label
    help: str  # one line for the help screen and the palette
    action: str  # an action of the run screen
    footer: bool = True
    display: str | None = None  # how the key is written, when not its name
    when: str = "always"  # the segments it belongs to (help screen grouping)

    @property
    def keys_text(self) -> str:
        return self.display or self.key


COMMANDS: tuple[Command, ...] = (
    Command(
        "Start / pause / resume clock",
        "space",
        "start/pause",
        "Start the session, or pause and resume the clock",
        "toggle_clock",
    ),
    Command(
        "Next speaker",
        "n",
        "next",
        "The current speaker is done: next speaker",
        "next_speaker",
        when="rounds",
    ),
    Command(
        "Pass (another turn later)",
        "p",
        "pass",
        "The current speaker passes (offered another turn later)",
        "pass_turn",
        when="rounds",
    ),
    Command(
        "Absent (skipped, not a pass)",
        "x",
        "absent",
        "The current speaker is not here: skipped, not a pass",
        "absent",
        when="rounds",
    ),
    Command(
        "Next segment (or end)",
        "right_square_bracket",
        "segment",
        "On to the next segment (after the last one, the session ends; asks first if the vote"
        " has no winner or a round still runs)",
        "next_segment",
        display="]",
    ),
    Command(
        "One minute more",
        "plus",
        "+1min",
        "One minute more for the current segment",
        "extend(1)",
        display="+",
    ),
    Command(
        "One minute less",
        "minus",
        "-1min",
        "One minute less for the current segment",
        "extend(-1)",
        display="-",
    ),
    Command(
        "Check someone in", "a", "add", "Add (check in) a person: type or pick a name", "check_in"
    ),
    Command(
        "Raise a hand (open floor)",
        "h",
        "hand",
        "Add someone to the open-floor queue",
        "raise_hand",
        when="rounds",
    ),
    Command(
        "Write a note (todo: / q:)",
        "slash",
        "note",
        "Write a note (todo: action item, q: question); escape returns to the keys",
        "write_note",
        display="/",
    ),
    Command(
        "Undo the last action",
        "ctrl+z",
        "undo",
        "Undo the last action (in a text field: undo the typing)",
        "undo",
        display="^z",
    ),
    Command(
        "Room view (projector)",
        "f5",
        "room",
        "The room view, for a mirrored projector, or back to the host screen; every key works",
        "toggle_room",
        display="F5",
    ),
    Command("Help: every key", "question_mark", "help", "Show every key", "help", display="?"),
    Command(
        "Quit (asks; all is saved)",
        "q",
        "quit",
        "Quit (asks first; everything is already saved)",
        "quit",
    ),
    Command(
        "Progressive stack on/off",
        "s",
        "stack",
        "Order raised hands by who has spoken least (toggle)",
        "toggle_stack",
        footer=False,
        when="rounds",
    ),
    Command(
        "Lower a hand",
        "H",
        "lower",
        "Take someone off the open-floor queue",
        "lower_hand",
        footer=False,
        when="rounds",
        display="H",
    ),
    Command(
        "Someone left",
        "l",
        "left",
        "Mark someone as gone (skipped from now on)",
        "mark_left",
        footer=False,
    ),
    Command(
        "Edit a note",
        "e",
        "edit",
        "Pick one of the latest notes and change its text",
        "edit_note",
        footer=False,
    ),
    Command(
        "Delete a note",
        "d",
        "delete",
        "Pick one of the latest notes and delete it (ctrl+z brings it back)",
        "delete_note",
        footer=False,
    ),
    Command(
        "Nominate a topic",
        "t",
        "topic",
        "Nominate a topic, and who nominated it",
        "nominate",
        when="voting",
    ),
    Command(
        "Enter votes", "v", "votes", "Enter the count for a topic", "enter_votes", when="voting"
    ),
    Command(
        "Runoff",
        "r",
        "runoff",
        "A new round among the tied topics",
        "runoff",
        footer=False,
        when="voting",
    ),
    Command(
        "Host's pick",
        "k",
        "pick",
        "The host settles a tie by picking a tied topic",
        "pick_winner",
        footer=False,
        when="voting",
    ),
    Command(
        "Declare the winner",
        "w",
        "winner",
        "Close the vote and declare the winner",
        "close_vote",
        when="voting",
    ),
    Command(
        "Share: links and QR code",
        "u",
        "share",
        "The shared pages' links, the phone page's QR code, who is connected (run --share)",
        "share_links",
        footer=False,
    ),
    Command(
        "New note-taker link",
        "N",
        "new link",
        "Replace the note-taker link: the old one stops working at once (run --share)",
        "new_note_taker_link",
        footer=False,
        display="N",
    ),
    Command(
        "Withdraw a topic",
        "W",
        "withdraw",
        "Take a topic out of the vote",
        "withdraw",
        footer=False,
        when="voting",
        display="W",
    ),
    Command(
        "Rehearsal: real speed / fast",
        "asterisk",
        "real/fast",
        "In a rehearsal: the clock at real speed to practise turns, or fast again",
        "toggle_speed",
        when="rehearsal",
        display="*",
    ),
)

WHEN_TITLES = {
    "always": "Any time",
    "rounds": "Introductions and discussion",
    "voting": "Voting",
    "rehearsal": "Rehearsal (--speed)",
}


def bindings(commands: Iterable[Command] = COMMANDS) -> list[BindingType]:
    return [
        Binding(c.key, c.action, c.label, show=c.footer, key_display=c.display) for c in commands
    ]


class CommandsProvider(Provider):
    """The command palette's view of COMMANDS (titles are ours, so plain Content is safe)."""

    def _commands(self) -> Iterable[Command]:
        return COMMANDS

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(
                Content(f"{command.name}  ({command.keys_text})"),
                self._runner(command),
                text=command.name,
                help=command.help,
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.name),
                    self._runner(command),
                    text=command.name,
                    help=f"{command.keys_text}: {command.help}",
                )

    def _runner(self, command: Command) -> Callable[[], Awaitable[None]]:
        """Run on the screen that owns the commands, even when the palette was opened above
        a modal (the help screen)."""
        method = "action_" + command.action.split("(")[0]
        owners = [s for s in self.app.screen_stack if hasattr(s, method)]
        screen = owners[-1] if owners else self.screen

        async def run() -> None:
            await screen.run_action(command.action)

        return run
