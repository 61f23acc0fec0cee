"""The read model: what the screens draw, from the reference evening at every stage."""

from __future__ import annotations

import pytest

from facilitator.session import views
from tests.reference import STAGES, WINNER, evening


@pytest.mark.parametrize("stage", STAGES)
def test_the_room_never_sees_notes_passes_or_absences(stage: str) -> None:
    scene = evening(stage)
    state, now = scene.engine.state, scene.clock.now()
    seen = repr(views.room(state, now))
    for note in state.notes.values():
        assert note.text not in seen
    assert "passed" not in seen and "absent" not in seen
    assert "Gus" not in seen  # he left during the discussion: the room is not told


def test_the_room_at_each_kind_of_segment() -> None:
    scene = evening("arrival")
    room = views.room(scene.engine.state, scene.clock.now())
    assert room.kind == "arrival" and room.here == 12
    assert room.next_part is not None and room.next_part.title == "Introductions"
    assert room.next_part.at.astimezone().strftime("%H:%M") == "18:30"
    assert room.materials and room.materials[0].url.startswith("https://")

    scene.until("intros")
    room = views.room(scene.engine.state, scene.clock.now())
    assert room.speaker.speaker is not None and room.speaker.speaker.name == "Ben"
    assert room.up_next == ("Chen", "Dana", "Eli")
    assert room.countdown.level == "ok"

    scene.until("voting-tie")
    room = views.room(scene.engine.state, scene.clock.now())
    assert room.tie and [t.votes for t in room.topics] == [5, 5, 3, 2]
    assert [t.tied for t in room.topics] == [True, True, False, False]

    scene.until("ended")
    room = views.room(scene.engine.state, scene.clock.now())
    assert room.kind == "ended" and room.next_topic == WINNER and room.next_part is None
