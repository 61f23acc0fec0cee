"""The record of a session on disk: one JSON line per event, append-only and fsynced.

Rooms: `journal` (the one writer: fsynced appends, torn-line recovery, disk-error retry),
`files` (locks, durable writes, moves that never overwrite), `reading` (a record back into
validated events and state, without the lock), `locations` (where records go by default).
Import from the room you need: this package's `__init__` imports nothing, so the cheap parts
stay cheap.
"""
