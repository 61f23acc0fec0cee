"""When two names (or two topics) are the same: one rule, used everywhere.

A host types names fast, from a phone's RSVP list or from memory: "Zoë Ōtaki", "zoe otaki" and
"ZOE  OTAKI" are one person, at check-in, in the expected list, in a pick list and in the
export. Case, accents and spacing do not count; everything else (letters, order, punctuation)
does, so "João P." and "Joao Pereira" stay two people.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def name_key(name: str) -> str:
    """The identity of a name: case, accents and runs of spaces ignored."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split()).casefold()


def tidy(name: str) -> str:
    """A name as shown: exactly as typed, but one space between words and none around."""
    return " ".join(name.split())


def unique(items: Iterable[str], drop: Iterable[str] = ()) -> list[str]:
    """Items in order, tidied, without blanks, repeats (by `name_key`) or any in `drop`."""
    seen = {name_key(d) for d in drop}
    out: list[str] = []
    for item in items:
        key = name_key(item)
        if key and key not in seen:
            seen.add(key)
            out.append(tidy(item))
    return out
