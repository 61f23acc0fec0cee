"""The read model: what every screen shows, as plain frozen values built from (state, now).

The host's screen, the room view, shared pages and the export all read these views instead of
the session's mutable state, so a meetup fact (who is still expected, who passed, which hands
come first, how the vote method reads) is worked out once, here. Views hold user text as it was
typed; each renderer makes it safe for its medium. Times are aware datetimes; renderers show
them in local time. Nothing here imports a widget.

One module per question the screens ask; callers import the names from here (`views.header`):

- `base`: a person as the views name them, and which panel the session is on;
- `timing`: how we are doing for time (the header, the agenda, the countdown, the speaker);
- `people`: who is here, who is expected, whose turn comes (the round, check-in, whom to pick);
- `ballot`: the vote as the host counts it, and the topics the host picks among;
- `notebook`: the notes as the screens list them;
- `ending`: what leaving a segment would leave unsettled, and the session once ended;
- `roomview`: what everyone in the room may see.
"""

from facilitator.session.views.ballot import (
    DECIDED_WORDS,
    TopicChoice,
    VoteRow,
    VoteView,
    tied_topics,
    topic_choices,
    vote,
)
from facilitator.session.views.base import PersonRef, ScreenKind, screen_kind
from facilitator.session.views.ending import EndedView, LeavingView, ended, leaving
from facilitator.session.views.notebook import NoteLine, NotesView, note, note_text, notes
from facilitator.session.views.people import (
    CheckinMatch,
    CheckinView,
    RoundView,
    checkin,
    checkin_match,
    expected_names,
    fits,
    hand_candidates,
    present_people,
    raised_hands,
    round_,
)
from facilitator.session.views.roomview import (
    ROOM_NEXT,
    NextPart,
    Reading,
    RoomTopic,
    RoomView,
    room,
)
from facilitator.session.views.timing import (
    AgendaRow,
    AgendaView,
    CountdownView,
    HeaderView,
    Mark,
    SpeakerView,
    agenda,
    countdown,
    header,
    speaker,
)

__all__ = [
    "DECIDED_WORDS",
    "ROOM_NEXT",
    "AgendaRow",
    "AgendaView",
    "CheckinMatch",
    "CheckinView",
    "CountdownView",
    "EndedView",
    "HeaderView",
    "LeavingView",
    "Mark",
    "NextPart",
    "NoteLine",
    "NotesView",
    "PersonRef",
    "Reading",
    "RoomTopic",
    "RoomView",
    "RoundView",
    "ScreenKind",
    "SpeakerView",
    "TopicChoice",
    "VoteRow",
    "VoteView",
    "agenda",
    "checkin",
    "checkin_match",
    "countdown",
    "ended",
    "expected_names",
    "fits",
    "hand_candidates",
    "header",
    "leaving",
    "note",
    "note_text",
    "notes",
    "present_people",
    "raised_hands",
    "room",
    "round_",
    "screen_kind",
    "speaker",
    "tied_topics",
    "topic_choices",
    "vote",
]
