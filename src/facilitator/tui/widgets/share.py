"""The share line on the host's screen (where the pages are served, how many are open), and the
phone page's QR code drawn in text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from facilitator.tui.widgets.panel import Panel

if TYPE_CHECKING:  # aiohttp and segno load only when the session is shared
    from facilitator.share.server import ShareServer

QR_BORDER = 2


def where(share: ShareServer, *, short: bool = False) -> str:
    if share.reach == "lan":
        if short:
            return f"SHARED ON THE NETWORK ({share.address})"
        return (
            f"SHARED ON THE LOCAL NETWORK ({share.address}): any device there with a link can"
            " open these pages"
        )
    return "Shared on this computer" if short else "Shared on this computer only (127.0.0.1)"


def connected(share: ShareServer) -> str:
    counts = share.counts()
    total = sum(counts.values())
    return (
        f"{total} connected: room {counts['room']}, phone {counts['phone']}, "
        f"notes {counts['notes']}"
    )


def qr_lines(url: str) -> list[str]:
    """The QR code of `url`, two modules a character (half blocks), dark modules drawn in the
    foreground: the widget shows it black on white, as every phone camera expects. Upper case
    lets the code use its compact alphanumeric mode (links and secrets ignore case)."""
    import segno

    qr = segno.make(url.upper(), error="l", micro=False)
    rows = [[bool(m) for m in row] for row in qr.matrix]
    width = len(rows[0]) + 2 * QR_BORDER
    blank = [False] * width
    pad = [False] * QR_BORDER
    grid = [blank] * QR_BORDER + [pad + r + pad for r in rows] + [blank] * QR_BORDER
    if len(grid) % 2:
        grid.append(blank)
    chars = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
    return [
        "".join(chars[(top, bottom)] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(grid[::2], grid[1::2], strict=True)
    ]


class ShareBar(Panel):
    """One line above the keys while the session is shared."""

    def __init__(self, share: ShareServer) -> None:
        super().__init__(id="share-bar", layout="never")
        self.share = share

    def on_mount(self) -> None:
        self.refresh_counts()

    def refresh_counts(self) -> None:
        text = f"{where(self.share, short=True)} · {connected(self.share)} · u links & QR"
        self.show(Content(text))
        self.set_class(self.share.reach == "lan", "-lan")
