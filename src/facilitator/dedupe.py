"""Names and topics compared as a host would: ignoring case and surrounding spaces."""

from __future__ import annotations

from collections.abc import Iterable


def unique(items: Iterable[str], drop: Iterable[str] = ()) -> list[str]:
    """Items in order, stripped, without blanks, repeats (ignoring case) or any in `drop`."""
    seen = {d.strip().casefold() for d in drop}
    out: list[str] = []
    for item in items:
        key = item.strip().casefold()
        if key and key not in seen:
            seen.add(key)
            out.append(item.strip())
    return out
