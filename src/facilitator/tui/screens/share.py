"""The share screen (`u`): the three links, the phone page's QR code, who is connected, and
`N` to replace the note-taker link. Also the run screen's two share keys, as a mixin."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, Static

from facilitator.errors import FacilitatorError
from facilitator.tui.widgets.share import connected, qr_lines, where

if TYPE_CHECKING:  # aiohttp loads only when the session is shared
    from facilitator.share.server import ShareServer

NOT_SHARED = "Not shared: run with --share (this computer) or --share lan (the local network)"


def links_text(share: ShareServer) -> Content:
    urls = share.urls()
    lines = [
        Content.assemble(("Room   ", "bold"), urls.room, "   TV or projector, read only"),
        Content.assemble(("Phone  ", "bold"), urls.phone, "   agenda, materials, who speaks"),
        Content.assemble(("Notes  ", "bold"), urls.notes, "   the note-taker: can add notes"),
    ]
    return Content("\n").join(lines)


class ShareScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,u,q", "close", "back"),
        Binding("N", "new_note_taker_link", "new note-taker link", key_display="N"),
    ]

    def __init__(self, share: ShareServer) -> None:
        super().__init__()
        self.share = share

    def compose(self) -> ComposeResult:
        with Vertical(id="share"):
            yield Label(Content(where(self.share)), id="share-where")
            yield Static(links_text(self.share), id="share-links")
            yield Label(Content(""), id="share-count")
            yield Label(
                Content("N: new note-taker link (the old one stops working) · escape: back"),
                id="share-keys",
            )
            yield Static(Content(""), id="share-qr")

    def on_mount(self) -> None:
        self.refresh_share()
        self.set_interval(1.0, self._count)

    def _count(self) -> None:
        self.query_one("#share-count", Label).update(Content(connected(self.share)))

    def refresh_share(self) -> None:
        self.query_one("#share-links", Static).update(links_text(self.share))
        qr = Content("\n".join(qr_lines(self.share.urls().phone)))
        self.query_one("#share-qr", Static).update(qr)
        self._count()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_new_note_taker_link(self) -> None:
        if reissue(self, self.share):
            self.refresh_share()


def reissue(screen: Any, share: ShareServer) -> bool:
    try:
        url = share.reissue_note_taker()
    except FacilitatorError as error:
        screen.notify(str(error), severity="error", markup=False)
        return False
    screen.notify(
        f"New note-taker link: {url} (the old one no longer works)", timeout=8, markup=False
    )
    return True


class ShareActions:
    """`u` shows the share screen; `N` replaces the note-taker link."""

    if TYPE_CHECKING:
        from textual.app import App

        app: App[None]

        def notify(self, message: str, **options: Any) -> None: ...

    def _share(self) -> ShareServer | None:
        share = getattr(self.app, "share", None)
        if share is None:
            self.notify(NOT_SHARED, severity="warning", markup=False)
        return share

    def action_share_links(self) -> None:
        share = self._share()
        if share is not None:
            self.app.push_screen(ShareScreen(share))

    def action_new_note_taker_link(self) -> None:
        share = self._share()
        if share is not None:
            reissue(self, share)
