"""`run --share`: the room, phone and note-taker pages, served from inside the host's app.

An aiohttp server in the app's own asyncio loop (no thread): pages draw the same read model as
the host's screen (session/views/), sent as JSON over server-sent events; the note-taker's
notes go through the engine like the host's, so they are on disk before any page says saved.
Nothing here imports Textual: the app starts and stops the server and shows its links.
"""
