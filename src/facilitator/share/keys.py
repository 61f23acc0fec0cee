"""The share's secrets, kept beside the record (never in it, never in an export).

A resume after a crash reads them back, so every open page reconnects by itself to the same
links and the same port. The file is the record's name plus `.share`, readable by its owner
only, and replaced whole (written, synced, renamed) when the host issues a new note-taker link.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass, replace
from pathlib import Path

from facilitator.errors import FacilitatorError
from facilitator.record.files import fsync_dir, strerror, sync, write_all

KEY_BYTES = 20
"""160 random bits per secret (from `secrets`), written as 32 base32 letters and digits: the
same in upper case, so a QR code can use its compact alphanumeric mode."""
_ALPHABET = set("abcdefghijklmnopqrstuvwxyz234567")


def new_key() -> str:
    return base64.b32encode(secrets.token_bytes(KEY_BYTES)).decode("ascii").lower()


def is_key(text: str) -> bool:
    return len(text) == KEY_BYTES * 8 // 5 and set(text) <= _ALPHABET


@dataclass(frozen=True, slots=True)
class ShareKeys:
    read: str
    """Opens the room and phone pages: read only."""
    write: str
    """Opens the note-taker page, and may add notes: revocable."""
    port: int | None = None
    """The port the pages were served on, tried again on a resume."""


def keys_path(record: Path) -> Path:
    return record.with_name(record.name + ".share")


class KeyFile:
    """The sidecar file of one record's share secrets."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load_or_create(self) -> ShareKeys:
        """The keys saved by an earlier run of this record, else new ones (saved at once)."""
        keys = self._load()
        if keys is None:
            keys = ShareKeys(new_key(), new_key())
            self.save(keys)
        return keys

    def _load(self) -> ShareKeys | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            keys = ShareKeys(data["read"], data["write"], data.get("port"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return None  # damaged: new keys are safer than guessing (old links stop working)
        valid_port = keys.port is None or (isinstance(keys.port, int) and 0 < keys.port < 65536)
        if not (is_key(keys.read) and is_key(keys.write) and valid_port):
            return None
        return keys

    def save(self, keys: ShareKeys) -> None:
        """Replace the file whole: a crash leaves the old keys or the new, never half of one."""
        data = json.dumps({"read": keys.read, "write": keys.write, "port": keys.port}).encode()
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
            try:
                os.fchmod(fd, 0o600)  # an older temporary may have had other bits
                write_all(fd, data)
                sync(fd)
            finally:
                os.close(fd)
            os.replace(temporary, self.path)
            fsync_dir(self.path.parent)
        except OSError as error:
            raise FacilitatorError(
                f"Cannot write the share keys {self.path}: {strerror(error)}"
            ) from None

    def reissue_write(self, keys: ShareKeys) -> ShareKeys:
        """A new note-taker secret (the old link stops working); the read one stays."""
        fresh = replace(keys, write=new_key())
        self.save(fresh)
        return fresh
