"""Where the share listens: this computer only (127.0.0.1), or the local network (`lan`).

The socket is bound before the app's screen opens, so a port that cannot be had is a one-line
error on the command line. A resume asks for the port the pages used before; if another program
took it meanwhile, any free port will do (and the screen shows the new links).
"""

from __future__ import annotations

import socket
from contextlib import suppress
from typing import Literal

from facilitator.errors import FacilitatorError

Reach = Literal["local", "lan"]
LOOPBACK = "127.0.0.1"
_PROBE = ("192.0.2.1", 9)  # TEST-NET-1 (RFC 5737): a UDP connect sends nothing, it only routes


def bind(reach: Reach, port: int | None) -> socket.socket:
    host = "0.0.0.0" if reach == "lan" else LOOPBACK  # lan: every interface
    for wanted in ([port] if port else []) + [0]:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, wanted))
            sock.listen(128)
            sock.setblocking(False)
            return sock
        except OSError as error:
            sock.close()
            if wanted == 0:
                raise FacilitatorError(
                    f"--share cannot listen on {host}: {error.strerror or error}"
                ) from None
    raise AssertionError("unreachable: port 0 either binds or raises")


def lan_address() -> str:
    """This computer's address on the local network, as other devices reach it (the route
    to the outside world's interface; none: the loopback address, and the screen says so)."""
    with suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(_PROBE)
        address = str(probe.getsockname()[0])
        if not address.startswith("127.") and address != "0.0.0.0":
            return address
    return LOOPBACK
