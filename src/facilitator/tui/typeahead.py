"""Keys typed ahead: handled one at a time, each where the keys before it left the keyboard.

A host presses `a` and types the name straight away, or `/` and the note. Textual routes each
key to whatever has the keyboard the moment the key arrives, before the keys ahead of it have
been handled: a burst (a quick typist on a busy laptop, keys over ssh) reaches the App in one
read, and the name's letters went to the run screen, where `n` moved to the next speaker and
`p` passed, or to a prompt still opening, and were dropped; a second enter closed the screen
beneath the prompt (a traceback).

`OneKeyAtATime` routes the App's keys in Textual's own way, but the next one only once the one
before has been handled all the way up, and once a `TypingScreen` that it opened has given its
field the keyboard. Every key then lands exactly where it would have had the host typed slowly.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from time import monotonic
from typing import Any, TypeVar

from textual import events
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widget import Widget

ResultT = TypeVar("ResultT")


class OneKeyAtATime:
    """The App's keys, in a line. A key is routed (`route`: Textual's App.on_event: a priority
    binding, or on to the focused widget or the screen) only when the key before it has been
    handled by the widget it went to, each parent it bubbled to and the App's bindings, and
    what those set going on the same path (an enter's submit, a prompt closing); and when the
    top screen, if it is a `TypingScreen`, has its field ready.

    A key whose handling never reports back (its widget went away) holds the keys behind it
    for `STALE` seconds at most, a prompt that never gets its field ready for `OPENING`."""

    STALE = 0.5
    OPENING = 2.0
    ROUNDS = 2  # up the path twice: what the key's handling posted on the way is handled too

    def __init__(self, app: App[Any], route: Callable[[events.Key], Awaitable[None]]) -> None:
        self._app = app
        self._route = route
        self._keys: deque[events.Key] = deque()
        self._flight: object | None = None  # the last key routed (a token), None once handled
        self._path: list[DOMNode] = []  # where it went, and each parent up to the screen
        self._following = False
        self._since = monotonic()  # when the line last moved

    async def arrive(self, key: events.Key) -> None:
        """A key from the terminal. Routed at once when the key before it is handled: every
        queue on its path is empty (a host typing at any human pace); else it waits for that
        key to be followed up its path. Nothing is followed when no key waits: a single key
        costs nothing more."""
        self._keys.append(key)
        if self._flight is not None and not self._following:
            if any(node.message_queue_size for node in [*self._path, self._app]):
                self._following = True
                self._follow(self._flight, self._path * self.ROUNDS + [self._app])
                self._app.set_timer(self.STALE, self._unstick)
                return
            self._flight = None
        if self._flight is None:
            await self._next()

    def go_on(self) -> None:
        """The top screen is ready for keys: the line moves on, if it waits for that."""
        if self._flight is None and self._keys:
            self._app.call_later(self._next)

    async def _next(self) -> None:
        self._flight, self._following = None, False
        if not self._keys:
            return
        screen = self._app.screen
        waiting = isinstance(screen, TypingScreen) and not screen.ready
        if waiting and monotonic() - self._since < self.OPENING:  # go_on() when it is ready
            self._app.set_timer(self.OPENING, self._unstick)
            return
        key = self._keys.popleft()
        flight = self._flight = object()
        self._since = monotonic()
        target: DOMNode = self._app.focused or screen
        await self._route(key)
        self._path = [node for node in target.ancestors_with_self if node is not self._app]
        if self._keys:  # a burst: the next key waits until this one is handled
            self._following = True
            self._follow(flight, self._path * self.ROUNDS + [self._app])

    def _follow(self, flight: object, path: list[DOMNode]) -> None:
        """Once each node on the key's way up has handled what came before (a call_later on
        each, in turn), and the App twice (a binding's focus() is itself a call_later on the
        App): the next key."""
        if flight is not self._flight:
            return  # given up on
        while path:
            node = path.pop(0)
            if node.call_later(self._follow, flight, path):
                return
        self._app.call_later(self._done, flight)

    async def _done(self, flight: object) -> None:
        if flight is self._flight:
            await self._next()

    async def _unstick(self) -> None:
        """Keys still wait long after the last one was routed: the line moves on (a prompt
        still opening keeps them until `OPENING`)."""
        if self._keys and monotonic() - self._since >= self.STALE:
            await self._next()


class TypingScreen(ModalScreen[ResultT]):
    """A modal screen whose first thing is a text field. Keys typed after the key that opened
    it wait until the field has the keyboard: subclasses call `keyboard_to(field)` when
    mounted, instead of `field.focus()`."""

    ready = False

    def keyboard_to(self, field: Widget) -> None:
        field.focus()
        self.app.call_later(self._ready)  # after the focus, itself a call_later

    def _ready(self) -> None:
        self.ready = True
        keys = getattr(self.app, "keys", None)
        if isinstance(keys, OneKeyAtATime):
            keys.go_on()

    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        """Close with `result`, once: were a second enter on its way when the first closed the
        screen, it must not close the screen beneath."""
        if not self.is_current:
            nothing: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
            return nothing
        return super().dismiss(result)
