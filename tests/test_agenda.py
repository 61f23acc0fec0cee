"""Agenda files: loading, every validation rule with its line and message, writing back."""

from __future__ import annotations

import datetime
import os
import pickle
import tomllib
from pathlib import Path

import pytest
from pydantic import ValidationError

import facilitator.agenda.loading as agenda_module
from facilitator.agenda import (
    Agenda,
    AgendaError,
    Material,
    PersonEntry,
    Problem,
    Segment,
    SessionInfo,
    agenda_from_json,
    agenda_to_toml_dict,
    dump_agenda,
    format_schedule,
    load_agenda,
    parse_agenda,
)

# Line numbers below refer to this text: keep it as it is.
VALID = """\
[session]
title = "Reading group"
start = 18:00:00

[[segments]]
title = "Arrive"
kind = "arrival"
minutes = 30

[[segments]]
title = "Introductions"
kind = "intros"
minutes = 5
turn_seconds = 20

[[segments]]
title = "Discussion"
kind = "discussion"
minutes = 50
open_floor = true

[[segments]]
title = "Vote"
kind = "voting"
minutes = 5
"""


def problems(text: str, file: str = "a.toml") -> list[Problem]:
    with pytest.raises(AgendaError) as caught:
        parse_agenda(text, file)
    assert caught.value.problems
    return caught.value.problems


def only(text: str) -> Problem:
    found = problems(text)
    assert len(found) == 1, [p.message for p in found]
    return found[0]


def edit(old: str, new: str, text: str = VALID) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# -- valid agendas ------------------------------------------------------------------------------


def test_a_valid_agenda_loads_with_every_field() -> None:
    agenda = parse_agenda(VALID)
    assert agenda.session.title == "Reading group"
    assert agenda.session.start == datetime.time(18, 0)
    assert [s.kind for s in agenda.segments] == ["arrival", "intros", "discussion", "voting"]
    assert [s.planned_seconds for s in agenda.segments] == [1800, 300, 3000, 300]
    assert agenda.total_seconds == 90 * 60
    intros = agenda.segments[1]
    assert (intros.turn_seconds, intros.allow_pass, intros.order) == (20, True, "arrival")
    assert agenda.segments[2].open_floor is True
    assert agenda.segments[3].method == "approval" and agenda.segments[3].dots is None
    assert agenda.people == []


def test_load_agenda_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text(VALID, encoding="utf-8")
    assert load_agenda(path) == parse_agenda(VALID)
    assert load_agenda(str(path)) == parse_agenda(VALID)


def test_a_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode())
    assert load_agenda(path).session.title == "Reading group"


def test_segments_timed_by_at_take_their_length_from_the_next_at() -> None:
    text = """\
[session]
title = "Meetup page"

[[segments]]
title = "Arrive"
kind = "arrival"
at = 18:00:00

[[segments]]
title = "Talk"
kind = "custom"
at = 18:25:00

[[segments]]
title = "Vote"
kind = "voting"
at = 19:25:00
minutes = 5
"""
    agenda = parse_agenda(text)
    assert [s.planned_seconds for s in agenda.segments] == [1500, 3600, 300]
    assert [s.minutes for s in agenda.segments] == [None, None, 5]
    assert agenda.start_time == datetime.time(18, 0)


def test_a_dot_vote_defaults_to_three_dots() -> None:
    text = edit('kind = "voting"\n', 'kind = "voting"\nmethod = "dot"\n')
    assert parse_agenda(text).segments[3].dots == 3
    text = edit('kind = "voting"\n', 'kind = "voting"\nmethod = "dot"\ndots = 5\n')
    assert parse_agenda(text).segments[3].dots == 5


def test_people_materials_and_backlog_load() -> None:
    text = (
        edit("start = 18:00:00\n", 'start = 18:00:00\nbacklog = ["SAEs", "Agents"]\n')
        + '\n[[session.materials]]\ntitle = "Paper"\nurl = "https://example.org"\n'
        + '\n[[people]]\nname = "Rob"\nrole = "host"\n\n[[people]]\nname = "Ann"\n'
    )
    agenda = parse_agenda(text)
    assert agenda.session.backlog == ["SAEs", "Agents"]
    assert agenda.session.materials == [Material(title="Paper", url="https://example.org")]
    assert agenda.people == [PersonEntry(name="Rob", role="host"), PersonEntry(name="Ann")]


def test_dates_and_times_may_also_be_iso_text() -> None:
    text = edit("start = 18:00:00", 'start = "18:00"\ndate = "2026-11-26"')
    agenda = parse_agenda(text)
    assert agenda.session.start == datetime.time(18, 0)
    assert agenda.session.date == datetime.date(2026, 11, 26)


# -- schedule -------------------------------------------------------------------------------------


def test_schedule_runs_from_the_session_start_on_its_date() -> None:
    agenda = parse_agenda(edit("start = 18:00:00", "start = 18:00:00\ndate = 2026-11-26"))
    rows = agenda.schedule()
    day = datetime.date(2026, 11, 26)
    expected = [(18, 0, 18, 30), (18, 30, 18, 35), (18, 35, 19, 25), (19, 25, 19, 30)]
    for (segment, begin, end), (h1, m1, h2, m2) in zip(rows, expected, strict=True):
        assert begin == datetime.datetime.combine(day, datetime.time(h1, m1)), segment.title
        assert end == datetime.datetime.combine(day, datetime.time(h2, m2)), segment.title


def test_schedule_of_a_template_uses_today() -> None:
    rows = parse_agenda(VALID).schedule()
    assert rows[0][1] == datetime.datetime.combine(datetime.date.today(), datetime.time(18, 0))


def test_schedule_without_a_start_has_no_times_unless_given_one() -> None:
    agenda = parse_agenda(edit("start = 18:00:00\n", ""))
    assert agenda.start_time is None
    assert all(begin is None and end is None for _, begin, end in agenda.schedule())
    start = datetime.datetime(2026, 1, 1, 9, 0)
    rows = agenda.schedule(start)
    assert rows[0][1] == start
    assert rows[-1][2] == start + datetime.timedelta(minutes=90)


def test_times_come_from_the_start_plus_minutes_when_no_at_is_given() -> None:
    agenda = parse_agenda(edit("start = 18:00:00", "start = 23:00:00"))
    rows = agenda.schedule(datetime.datetime(2026, 1, 1, 23, 0))
    assert rows[-1][2] == datetime.datetime(2026, 1, 2, 0, 30)  # past midnight is fine


# -- the problems and their lines ---------------------------------------------------------------


def test_the_spec_example_renders_with_its_source_line_and_caret() -> None:
    text = "# padding\n" * 12 + edit("minutes = 50", "minutes = -5")
    (problem,) = problems(text, "sessions/x.toml")
    assert problem.format() == (
        'sessions/x.toml:31: segment 3 "Discussion": minutes must be a positive whole number, '
        "got -5\n"
        "   |\n"
        "31 | minutes = -5\n"
        "   |           ^^"
    )
    assert (problem.line, problem.column, problem.span) == (31, 11, 2)
    assert problem.source == "minutes = -5"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"ten"', 'minutes must be a positive whole number, got "ten"'),
        ("2.5", "minutes must be a positive whole number, got 2.5"),
        ("true", "minutes must be a positive whole number, got true"),
        ("0", "minutes must be a positive whole number, got 0"),
        ("601", "minutes must be at most 600 (10 hours), got 601"),
        (
            "99999999999999999999",
            "minutes must be at most 600 (10 hours), got 99999999999999999999",
        ),
        ("[30]", "minutes must be a positive whole number, got an array"),
        ("inf", "minutes must be a positive whole number, got inf"),
    ],
)
def test_minutes_must_be_a_sane_whole_number(value: str, message: str) -> None:
    problem = only(edit("minutes = 50", f"minutes = {value}"))
    assert problem.line == 19
    assert problem.message == f'segment 3 "Discussion": {message}'
    assert "\n" not in problem.message


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("turn_seconds = 4", "turn_seconds must be from 5 to 3600 seconds, got 4"),
        ("turn_seconds = 3601", "turn_seconds must be from 5 to 3600 seconds, got 3601"),
        ('turn_seconds = "20"', 'turn_seconds must be a whole number of seconds, got "20"'),
        ('allow_pass = "yes"', 'allow_pass must be true or false, got "yes"'),
        ("allow_pass = 1", "allow_pass must be true or false, got 1"),
        ("title = 3", "title must be text in quotes, got 3"),
        ('title = "   "', 'title must not be empty, got "   "'),
        ("at = 1830", "at must be a clock time like 18:30:00, got 1830"),
        ('at = "6pm"', 'at must be a clock time like 18:30:00, got "6pm"'),
    ],
)
def test_wrong_types_in_a_segment_show_the_value(line: str, message: str) -> None:
    key = line.split(" ")[0]
    replaced = {"title": 'title = "Introductions"', "turn_seconds": "turn_seconds = 20"}
    if key in replaced:
        text = edit(replaced[key], line)
    else:  # added as line 15, after turn_seconds
        text = edit("turn_seconds = 20", f"turn_seconds = 20\n{line}")
    label = "segment 2" if key == "title" else 'segment 2 "Introductions"'
    problem = only(text)
    assert problem.message == f"{label}: {message}"
    assert problem.line == {"title": 11, "turn_seconds": 14}.get(key, 15)


def test_dots_must_be_in_range_and_only_with_a_dot_vote() -> None:
    text = edit('kind = "voting"\n', 'kind = "voting"\nmethod = "dot"\ndots = 21\n')
    assert only(text).message == 'segment 4 "Vote": dots must be from 1 to 20, got 21'
    text = edit('kind = "voting"\n', 'kind = "voting"\ndots = 3\n')
    problem = only(text)
    assert (problem.line, problem.message) == (
        25,
        'segment 4 "Vote": dots only applies with method = "dot", not "approval"',
    )
    assert (problem.column, problem.span) == (1, 4)  # the caret is under the key


@pytest.mark.parametrize(
    ("segment_line", "option", "message"),
    [
        ('kind = "arrival"', "turn_seconds = 30", 'turn_seconds only applies to "intros" and'),
        ('kind = "arrival"', 'order = "shuffle"', 'order only applies to "intros" and'),
        ('kind = "voting"', "open_floor = true", 'open_floor only applies to "intros" and'),
        ('kind = "voting"', "allow_pass = true", 'allow_pass only applies to "intros" and'),
        ('kind = "voting"', "revisit_passed = false", 'revisit_passed only applies to "intros"'),
        ('kind = "discussion"', 'method = "dot"', 'method only applies to "voting" segments'),
        ('kind = "intros"', "dots = 2", 'dots only applies to "voting" segments, not "intros"'),
    ],
)
def test_options_that_do_not_fit_the_kind_are_errors(
    segment_line: str, option: str, message: str
) -> None:
    problem = only(edit(segment_line + "\n", f"{segment_line}\n{option}\n"))
    assert message in problem.message
    assert problem.source == option


def test_unknown_keys_are_errors_with_a_suggestion() -> None:
    problem = only(edit("minutes = 50", "minuts = 50\nminutes = 50"))
    assert (
        problem.message == 'segment 3 "Discussion": unknown key `minuts`; did you mean `minutes`?'
    )
    assert (problem.line, problem.column, problem.span) == (19, 1, 6)


def test_unknown_keys_without_a_close_match_list_the_allowed_ones() -> None:
    problem = only(edit('title = "Reading group"', 'title = "Reading group"\nzzz = 1'))
    assert problem.message.startswith("session: unknown key `zzz` (expected one of: title, group")


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("duration = 5", "did you mean `minutes`?"),
        ('type = "break"', "did you mean `kind`?"),
        ("Minutes = 5", "did you mean `minutes`?"),
        ("date = 2026-11-26", "session details belong under [session]"),
    ],
)
def test_unknown_keys_get_helpful_hints(key: str, hint: str) -> None:
    found = problems(edit('kind = "voting"\n', f'kind = "voting"\n{key}\n'))
    assert any(hint in p.message and p.line == 25 for p in found), [p.message for p in found]


def test_unknown_tables_are_named_as_tables() -> None:
    problem = problems(
        "[sesion]\ntitle = 'x'\n" + VALID.replace('[session]\ntitle = "Reading group"\n', "")
    )
    assert problem[0].message == "unknown table `sesion`; did you mean `session`?"
    assert problem[0].line == 1


@pytest.mark.parametrize(
    ("value", "suggestion"),
    [('"discusion"', '"discussion"'), ('"Discussion"', '"discussion"'), ('"vote"', '"voting"')],
)
def test_a_misspelt_kind_suggests_the_right_one_and_lists_all(value: str, suggestion: str) -> None:
    problem = only(edit('kind = "discussion"', f"kind = {value}"))
    assert problem.message == (
        'segment 3 "Discussion": kind must be one of "arrival", "intros", "discussion", '
        f'"voting", "break", "custom", got {value}; did you mean {suggestion}?'
    )
    assert problem.line == 18


def test_misspelt_order_and_method_are_caught() -> None:
    found = problems(
        edit(
            'kind = "voting"\n',
            'kind = "voting"\nmethod = "dots"\n',
            edit("open_floor = true", 'open_floor = true\norder = "alphabetic"'),
        )
    )
    messages = [p.message for p in found]
    assert any(
        "order must be one of" in m and 'did you mean "alphabetical"?' in m for m in messages
    )
    assert any("method must be one of" in m and 'did you mean "dot"?' in m for m in messages)


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ('title = "Reading group"\n', "", 1, "session: title is missing"),
        ('title = "Reading group"', 'title = ""', 2, 'session: title must not be empty, got ""'),
        ('title = "Vote"\n', "", 22, "segment 4: title is missing"),
        (
            'kind = "voting"\n',
            "",
            22,
            'segment 4 "Vote": kind is missing (one of "arrival", "intros", "discussion", '
            '"voting", "break", "custom")',
        ),
    ],
)
def test_required_fields(old: str, new: str, line: int, message: str) -> None:
    problem = only(edit(old, new))
    assert (problem.line, problem.message) == (line, message)


def test_a_blank_topic_is_an_error_but_an_empty_venue_is_allowed() -> None:
    problem = only(edit("start = 18:00:00", 'start = 18:00:00\ntopic = " "\nvenue = ""'))
    assert (problem.line, problem.message) == (4, 'session: topic must not be empty, got " "')


def test_an_agenda_needs_a_session_and_segments() -> None:
    messages = [p.message for p in problems("[people]\n")]
    assert "[session] is missing; it needs at least a title" in messages
    assert "[[segments]] are missing; an agenda needs at least one segment" in messages
    problem = only('segments = []\n[session]\ntitle = "x"\n')
    assert (problem.line, problem.message) == (
        1,
        "segments must have at least one [[segments]] table",
    )


def test_each_segment_needs_minutes_or_at() -> None:
    problem = only(edit("minutes = 5\nturn_seconds", "turn_seconds"))
    assert (problem.line, problem.message) == (
        10,
        'segment 2 "Introductions" needs `minutes` or `at` (its planned clock start)',
    )


def test_the_last_segment_needs_minutes() -> None:
    problem = only(edit('kind = "voting"\nminutes = 5\n', 'kind = "voting"\nat = 19:25:00\n'))
    assert (problem.line, problem.message) == (
        22,
        'segment 4 "Vote" needs `minutes`: it is the last segment, so nothing gives its end',
    )


def test_a_segment_with_only_at_needs_the_next_one_to_have_at() -> None:
    text = edit("minutes = 30\n", "at = 18:00:00\n")  # the next segment has no `at`
    problem = only(text)
    assert problem.message == (
        'segment 1 "Arrive" needs `minutes`: the next segment has no `at` to give its end'
    )


def test_at_and_minutes_must_agree() -> None:
    text = edit("start = 18:00:00\n", "")
    text = edit("minutes = 30\n", "at = 18:30:00\nminutes = 10\n", text)
    text = edit("minutes = 5\nturn", "at = 18:35:00\nminutes = 5\nturn", text)
    problem = only(text)
    assert problem.message == (
        'segment 2 "Introductions": at 18:35 does not follow 18:30 + 10 min = 18:40'
    )
    assert problem.source == "at = 18:35:00"


def test_at_must_follow_minutes_counted_from_the_session_start() -> None:
    problem = only(edit("minutes = 50\n", "minutes = 50\nat = 18:40:00\n"))
    assert (
        problem.message == 'segment 3 "Discussion": at 18:40 does not follow 18:30 + 5 min = 18:35'
    )


def test_the_first_at_must_equal_the_session_start() -> None:
    problem = only(edit("minutes = 30\n", "minutes = 30\nat = 18:05:00\n"))
    assert (problem.line, problem.message) == (
        9,
        'segment 1 "Arrive": at 18:05 differs from the session\'s start 18:00',
    )


def test_at_times_must_increase() -> None:
    text = """\
[session]
title = "x"

[[segments]]
title = "A"
kind = "arrival"
at = 18:30:00

[[segments]]
title = "B"
kind = "break"
at = 18:00:00
minutes = 5
"""
    problem = only(text)
    assert (problem.line, problem.message) == (
        12,
        'segment 2 "B": at 18:00 must be later than segment 1\'s at 18:30',
    )


def test_a_session_must_be_shorter_than_a_day() -> None:
    text = '[session]\ntitle = "Marathon"\n' + "".join(
        f'\n[[segments]]\ntitle = "Part {n}"\nkind = "custom"\nminutes = 600\n' for n in range(3)
    )
    problem = only(text)
    assert (
        problem.message == "segments add up to 30 h 0 min; a session must be shorter than 24 hours"
    )
    assert problem.line == 4


def test_people_names_must_differ_ignoring_case() -> None:
    text = (
        VALID
        + '\n[[people]]\nname = "Rob"\n\n[[people]]\nname = "Ann"\n\n[[people]]\nname = "rob"\n'
    )
    problem = only(text)
    assert (problem.line, problem.message) == (
        34,
        'person 3 "rob": name "rob" is already listed as person 1'
        " (names must differ, ignoring case)",
    )


def test_people_names_must_not_be_blank() -> None:
    problem = only(VALID + '\n[[people]]\nname = " "\n')
    assert problem.message == 'person 1: name must not be empty, got " "'


def test_backlog_topics_must_differ() -> None:
    problem = only(
        edit("start = 18:00:00", 'start = 18:00:00\nbacklog = ["SAEs", "Agents", "saes"]')
    )
    assert (problem.line, problem.message) == (
        4,
        'session: backlog topic "saes" repeats topic 1',
    )
    assert problem.column == 30  # under the repeated item


def test_materials_need_a_title_and_url() -> None:
    problem = only(VALID + '\n[[session.materials]]\ntitle = "Paper"\n')
    assert (problem.line, problem.message) == (27, 'material 1 "Paper": url is missing')


def test_every_problem_in_a_file_is_reported_at_once_in_line_order() -> None:
    text = """\
[session]
title = "Broken"
start = 18:00:00
venu = "Cafe"

[[segments]]
title = "Arrive"
kind = "arival"
minutes = 30

[[segments]]
title = "Introductions"
kind = "intros"
at = 18:35:00
minutes = 5
turn_seconds = 2

[[segments]]
title = "Vote"
kind = "voting"
minutes = -5
open_floor = true

[[people]]
name = "Rob"

[[people]]
name = "ROB"
"""
    found = problems(text)
    assert [(p.line, p.message) for p in found] == [
        (4, "session: unknown key `venu`; did you mean `venue`?"),
        (
            8,
            'segment 1 "Arrive": kind must be one of "arrival", "intros", "discussion", "voting", '
            '"break", "custom", got "arival"; did you mean "arrival"?',
        ),
        (14, 'segment 2 "Introductions": at 18:35 does not follow 18:00 + 30 min = 18:30'),
        (16, 'segment 2 "Introductions": turn_seconds must be from 5 to 3600 seconds, got 2'),
        (21, 'segment 3 "Vote": minutes must be a positive whole number, got -5'),
        (
            22,
            'segment 3 "Vote": open_floor only applies to "intros" and "discussion", not "voting"',
        ),
        (
            28,
            'person 2 "ROB": name "ROB" is already listed as person 1'
            " (names must differ, ignoring case)",
        ),
    ]
    assert all(p.file == "a.toml" for p in found)


def test_problems_in_inline_tables_are_located() -> None:
    text = """\
session = {title = "x", start = 18:00:00}
segments = [
  {title = "A", kind = "arrival", minutes = 30},
  {title = "B", kind = "discussion", minutes = 5, method = "dot"},
]
"""
    problem = only(text)
    assert (problem.line, problem.column) == (4, 51)
    assert (
        problem.message
        == 'segment 2 "B": method only applies to "voting" segments, not "discussion"'
    )


def test_dotted_keys_and_quoted_keys_are_located() -> None:
    text = 'session.title = "x"\n"segments" = [{title = "A", kind = "arrival", "minutes" = -1}]\n'
    problem = only(text)
    assert (problem.line, problem.column, problem.span) == (2, 59, 2)


# -- rendering ----------------------------------------------------------------------------------


def test_a_problem_without_a_line_is_one_line() -> None:
    assert Problem("x.toml", None, "no such file").format() == "x.toml: no such file"


def test_carets_line_up_under_tabs_and_wide_characters() -> None:
    problem = Problem("f", 3, "m", '\tname = "議論" # x', 9, 4)
    assert problem.format().splitlines()[2:] == [
        '3 |     name = "議論" # x',
        "  |            ^^^^^^",
    ]


def test_very_long_source_lines_are_cut_around_the_caret() -> None:
    source = "x" * 500 + " bad " + "y" * 500
    problem = Problem.at("f", 1, "m", source, 502, 3)
    assert problem.source is not None and len(problem.source) < 110
    lines = problem.format().splitlines()
    assert len(lines[2]) < 120
    assert lines[2][lines[3].index("^") : lines[3].index("^") + 3] == "bad"


def test_control_characters_in_the_source_are_shown_harmlessly() -> None:
    rendered = Problem("f", 1, "m", "a = \x1b[31m", 5, 1).format()
    assert "\x1b" not in rendered


def test_agenda_error_str_is_every_problem_formatted() -> None:
    error = AgendaError([Problem("f", 1, "one", "x = 1", 1, 1), Problem("f", None, "two")])
    assert str(error) == "f:1: one\n  |\n1 | x = 1\n  | ^\nf: two"
    assert pickle.loads(pickle.dumps(error)).problems == error.problems


# -- nasty input --------------------------------------------------------------------------------


def file_problem(path: Path | str) -> Problem:
    with pytest.raises(AgendaError) as caught:
        load_agenda(path)
    (problem,) = caught.value.problems
    assert problem.format().startswith(str(path))
    return problem


def test_a_missing_file(tmp_path: Path) -> None:
    assert file_problem(tmp_path / "nope.toml").message == "no such file; check the path"


def test_a_directory(tmp_path: Path) -> None:
    assert "is a directory" in file_problem(tmp_path).message


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "agenda.toml"
    os.mkfifo(fifo)  # opening it to read would wait for a writer for ever
    assert file_problem(fifo).message.startswith("is not a regular file")


def test_a_date_too_late_for_the_session_to_end_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "far.toml"
    path.write_text(
        '[session]\ntitle = "Far"\ndate = 9999-12-31\nstart = 23:00:00\n\n'
        '[[segments]]\ntitle = "A"\nkind = "discussion"\nminutes = 120\n'
    )
    assert file_problem(path).message == "session: date must be before 9999-12-29, got 9999-12-31"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.toml"
    path.write_text(VALID)
    path.chmod(0)
    assert file_problem(path).message == "cannot be read: permission denied"


def test_an_unreadable_file_even_when_run_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(agenda_module, "read_regular", refuse)
    assert file_problem(tmp_path / "x.toml").message == "cannot be read: permission denied"


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n"])
def test_an_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.toml"
    path.write_bytes(content)
    assert file_problem(path).message.startswith("is empty")


def test_a_file_of_only_comments(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("# just a comment\n")
    assert file_problem(path).message.startswith("has no agenda in it")


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'[session]\ntitle = "caf\xe9"\n')
    problem = file_problem(path)
    assert (problem.line, problem.column) == (2, 13)
    assert problem.message == "is not UTF-8 text (byte 0xe9); save it as UTF-8"


def test_utf16_is_named(tmp_path: Path) -> None:
    path = tmp_path / "u16.toml"
    path.write_bytes(VALID.encode("utf-16"))
    assert file_problem(path).message == "is UTF-16 text; save it as UTF-8"


def test_a_huge_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"#" * 2_000_001)
    assert file_problem(path).message.startswith("is too large")


def test_a_toml_syntax_error_has_tomllib_line_and_column() -> None:
    problem = only(edit('kind = "intros"', "kind = intros"))
    assert problem.message == (
        'TOML syntax error: invalid value; text must be in quotes, e.g. title = "My meetup"'
    )
    assert (problem.line, problem.column, problem.span) == (12, 8, 6)


def test_a_time_without_seconds_gets_a_hint() -> None:
    problem = only(edit("start = 18:00:00", "start = 18:00"))
    assert problem.line == 3
    assert problem.message.endswith("TOML times need seconds, e.g. 18:30:00")


def test_a_key_given_twice_points_at_the_key() -> None:
    problem = only(edit("minutes = 50", "minutes = 50\nminutes = 60"))
    assert (problem.line, problem.column) == (20, 1)
    assert "each key and [table] may be given only once" in problem.message


def test_an_unterminated_string() -> None:
    problem = only('[session]\ntitle = """never closed\n')
    assert problem.line is None
    assert problem.message == "TOML syntax error: unterminated string (reached the end of the file)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'segments = "x"\n[session]\ntitle = "t"\n',
            'segments must be one [[segments]] per entry, got "x"',
        ),
        ("session = 3\n" + VALID.split("\n", 3)[3], "session must be a table, got 3"),
        ("people = [1, 2]\n" + VALID, "person 1 must be a table, got 1"),
        (
            "segments = [[[[1]]]]\n[session]\ntitle = 't'\n",
            "segment 1 must be a table, got an array",
        ),
        (
            '[session]\ntitle = "t"\nbacklog = "x"\n' + VALID.split("\n", 3)[3],
            'session: backlog must be an array, e.g. ["a", "b"], got "x"',
        ),
        ("[[segments]]\n[[segments.x]]\n[session]\ntitle='t'\n", "segment 1: unknown table `x`"),
    ],
)
def test_wrong_shapes_are_problems_not_tracebacks(text: str, message: str) -> None:
    assert any(p.message.startswith(message) for p in problems(text)), [
        p.message for p in problems(text)
    ]


def test_a_table_header_given_a_value_is_a_syntax_error() -> None:
    problem = only("[session] = 3\n")
    assert problem.line == 1
    assert problem.message.startswith("TOML syntax error: expected newline")


def test_deep_nesting_is_a_problem_not_a_traceback() -> None:
    for depth in (50, 400, 5000):
        found = problems("x = " + "[" * depth + "]" * depth + "\n" + VALID)
        assert found[0].format().startswith("a.toml")


def test_a_number_too_long_for_python() -> None:
    problem = only(edit("minutes = 50", "minutes = " + "9" * 5000))
    assert (problem.line, problem.message) == (19, "TOML error: a number has too many digits")


def test_nul_and_control_characters_are_syntax_errors() -> None:
    problem = only(edit('title = "Vote"', 'title = "Vo\x00te"'))
    assert problem.message.startswith("TOML syntax error")
    assert "\x00" not in problem.format()


def test_hostile_text_in_values_is_quoted_in_messages() -> None:
    problem = only(edit("minutes = 50", 'minutes = "{x}\\u001b[31m"'))
    assert problem.message == (
        'segment 3 "Discussion": minutes must be a positive whole number, got "{x}\\u001b[31m"'
    )


# -- writing back -------------------------------------------------------------------------------


def test_dump_and_parse_round_trip() -> None:
    agenda = parse_agenda(
        edit('kind = "voting"\n', 'kind = "voting"\nmethod = "dot"\n')
        + '\n[[people]]\nname = "Rob"\nrole = "host"\n'
    )
    text = dump_agenda(agenda)
    assert parse_agenda(text) == agenda
    assert "[[segments]]" in text and "[[people]]" in text


def test_toml_dict_is_tidy_and_ordered() -> None:
    data = agenda_to_toml_dict(parse_agenda(VALID))
    assert list(data) == ["session", "segments"]
    assert data["session"] == {"title": "Reading group", "start": datetime.time(18, 0)}
    assert data["segments"][1] == {
        "title": "Introductions",
        "kind": "intros",
        "minutes": 5,
        "turn_seconds": 20,
    }
    assert data["segments"][2] == {
        "title": "Discussion",
        "kind": "discussion",
        "minutes": 50,
        "open_floor": True,
    }


def test_segments_timed_by_at_round_trip_without_gaining_minutes() -> None:
    text = edit("minutes = 50\n", "at = 18:35:00\n")
    text = edit('kind = "voting"\n', 'kind = "voting"\nat = 19:25:00\n', text)
    agenda = parse_agenda(text)
    again = parse_agenda(dump_agenda(agenda))
    assert again == agenda
    assert again.segments[2].minutes is None and again.segments[2].planned_seconds == 3000


def test_json_round_trip_is_exact() -> None:
    agenda = parse_agenda(
        edit("start = 18:00:00", "start = 18:00:00\ndate = 2026-11-26\nbacklog = ['A']")
        + '\n[[session.materials]]\ntitle = "P"\nurl = "u"\n\n[[people]]\nname = "Rob"\n'
    )
    data = agenda.model_dump(mode="json")
    assert "planned_seconds" not in str(data)
    again = agenda_from_json(data)
    assert again == agenda
    assert [s.planned_seconds for s in again.segments] == [1800, 300, 3000, 300]


def test_json_with_problems_raises_agenda_error() -> None:
    data = parse_agenda(VALID).model_dump(mode="json")
    data["segments"][3]["turn_seconds"] = 20
    data["segments"][0]["minutes"] = -1
    with pytest.raises(AgendaError) as caught:
        agenda_from_json(data)
    messages = [p.message for p in caught.value.problems]
    assert 'segment 1 "Arrive": minutes must be a positive whole number, got -1' in messages
    assert any("turn_seconds only applies" in m for m in messages)
    with pytest.raises(AgendaError):
        agenda_from_json([])  # type: ignore[arg-type]


def test_planned_seconds_is_not_a_toml_key() -> None:
    problem = only(edit("minutes = 50", "minutes = 50\nplanned_seconds = 60"))
    assert problem.message.startswith('segment 3 "Discussion": unknown key `planned_seconds`')


# -- the models used from code ------------------------------------------------------------------


def test_models_built_in_code_obey_the_same_rules() -> None:
    with pytest.raises(ValidationError):
        Segment(title="Vote", kind="voting", minutes=5, turn_seconds=20)
    with pytest.raises(ValidationError):
        Segment(title="x", kind="break", minutes=0)
    with pytest.raises(ValidationError):
        SessionInfo(title="x", backlog=["a", "A"])
    session = SessionInfo(title="x")
    with pytest.raises(ValidationError):
        Agenda(session=session, segments=[Segment(title="a", kind="arrival", at=datetime.time(18))])
    with pytest.raises(ValidationError):
        Agenda(session=session, segments=[])


def test_a_segment_alone_knows_its_length_only_from_minutes() -> None:
    assert Segment(title="x", kind="break", minutes=7).planned_seconds == 420
    alone = Segment(title="x", kind="break", at=datetime.time(18))
    with pytest.raises(ValueError, match="only within its Agenda"):
        _ = alone.planned_seconds


def test_an_agenda_does_not_change_segments_it_shares() -> None:
    shared = Segment(title="a", kind="arrival", at=datetime.time(18))
    end = Segment(title="b", kind="break", minutes=5, at=datetime.time(18, 10))
    first = Agenda(session=SessionInfo(title="x"), segments=[shared, end])
    assert first.segments[0].planned_seconds == 600
    with pytest.raises(ValueError, match="only within its Agenda"):
        _ = shared.planned_seconds


# -- the validate command's table -----------------------------------------------------------------


def test_format_schedule_is_a_plain_table_with_a_total() -> None:
    text = edit("start = 18:00:00", "start = 18:00:00\ndate = 2026-11-26")
    text = edit('kind = "discussion"\n', 'kind = "discussion"\norder = "shuffle"\n', text)
    assert format_schedule(parse_agenda(text), "s.toml") == (
        's.toml: valid agenda "Reading group" (2026-11-26)\n'
        "\n"
        "#  clock        min  kind        title          options\n"
        "1  18:00–18:30   30  arrival     Arrive\n"
        "2  18:30–18:35    5  intros      Introductions  order=arrival, 20 s turns\n"
        "3  18:35–19:25   50  discussion  Discussion     order=shuffle, open floor\n"
        "4  19:25–19:30    5  voting      Vote           approval vote\n"
        "\n"
        "4 segments, 90 min, 18:00–19:30"
    )


def test_format_schedule_without_a_start_has_no_clock_column() -> None:
    out = format_schedule(parse_agenda(edit("start = 18:00:00\n", "")), "s.toml")
    assert out.splitlines()[2] == "#  min  kind        title          options"
    assert out.splitlines()[-1] == "4 segments, 90 min"


def test_format_schedule_marks_the_next_day_and_dot_votes() -> None:
    text = edit("start = 18:00:00", "start = 23:00:00")
    text = edit('kind = "voting"\n', 'kind = "voting"\nmethod = "dot"\n', text)
    out = format_schedule(parse_agenda(text), "s.toml")
    assert "dot vote, 3 dots each" in out
    assert out.splitlines()[-1] == "4 segments, 90 min, 23:00–00:30 (+1 day)"


def test_format_schedule_keeps_user_text_on_one_safe_line() -> None:
    text = edit('title = "Vote"', 'title = "Vote\\nnow\\u001b[2J"')
    out = format_schedule(parse_agenda(text), "s.toml")
    assert "\x1b" not in out
    assert "Vote now�[2J" in out


def test_toml_text_from_dump_is_valid_toml() -> None:
    tomllib.loads(dump_agenda(parse_agenda(VALID)))
