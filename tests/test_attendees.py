"""RSVP lists: the exports of the sites meetups use, read as their hosts expect (who is coming,
who is not and why), and one clear line for every bad file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator.attendees import AttendeesError, read_attendees, read_rsvps
from facilitator.errors import FacilitatorError
from tests.test_cli import ROOT, assert_clean_error, cli


def write(tmp_path: Path, content: str | bytes, name: str = "rsvps.csv") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def test_meetup_export_with_many_columns(tmp_path: Path) -> None:
    csv = (
        "RSVP ID,Name,Member ID,RSVP,Guests\n"
        "1,Rob,11,Yes,0\n"
        '2,"Aroha Ngata",12,Yes,1\n'
        "3,  Ben   Lee ,13,Yes,0\n"
    )
    assert read_attendees(write(tmp_path, csv)) == ["Rob", "Aroha Ngata", "Ben Lee"]


@pytest.mark.parametrize("header", ["name", "NAME", " Name ", "Full name", "Attendee"])
def test_header_variants(tmp_path: Path, header: str) -> None:
    assert read_attendees(write(tmp_path, f"id,{header}\n1,Chen\n")) == ["Chen"]


def test_bom_blank_and_duplicate_names_and_missing_cells(tmp_path: Path) -> None:
    csv = "\ufeffName,Email\nDana,d@x\n,blank@x\ndana,d@x\n\nEli\nFarah,f@x\n"
    path = write(tmp_path, csv)
    assert read_attendees(path) == ["Dana", "Eli", "Farah"]


def test_unicode_names_and_quoted_commas_and_newlines(tmp_path: Path) -> None:
    csv = 'Name,Note\n"Ngā, Tama",hi\n"José\nMaría",x\n李雷,y\n'
    assert read_attendees(write(tmp_path, csv)) == ["Ngā, Tama", "José María", "李雷"]


def test_semicolon_separated(tmp_path: Path) -> None:
    assert read_attendees(write(tmp_path, "Name;RSVP\nGus;yes\nHana;no\n")) == ["Gus"]


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.csv"
    with pytest.raises(AttendeesError, match=r"nope\.csv: no such file") as info:
        read_attendees(path)
    assert "\n" not in str(info.value)


def test_unreadable_bytes_name_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, b"Name\nRob\nJos\x81\n")  # 0x81: not UTF-8, not Windows-1252
    with pytest.raises(AttendeesError, match=r"rsvps\.csv:3: not readable text"):
        read_attendees(path)


def test_no_name_column_lists_what_was_found(tmp_path: Path) -> None:
    path = write(tmp_path, "RSVP ID,Member,Guests\n1,Rob,0\n")
    with pytest.raises(AttendeesError) as info:
        read_attendees(path)
    assert str(info.value) == (
        f"{path}:1: no name column (found: RSVP ID, Member, Guests); expected a column such as "
        "'Name', or 'First Name' and 'Last Name'"
    )


@pytest.mark.parametrize("content", ["", "\n\n  \n", "Name\n", "Name,Email\n,x@y\n"])
def test_empty(tmp_path: Path, content: str) -> None:
    with pytest.raises(AttendeesError, match=r"rsvps\.csv: ") as info:
        read_attendees(write(tmp_path, content))
    assert "\n" not in str(info.value)
    assert isinstance(info.value, FacilitatorError)


def test_a_folder(tmp_path: Path) -> None:
    with pytest.raises(AttendeesError, match="is a folder"):
        read_attendees(tmp_path)


# -- the platforms' own exports, with their real header rows (the people are invented) --------

MEETUP = (
    "Name,User ID,Title,Event Host,RSVP,Guests,RSVPed on,Joined Group on,URL of Member Profile\n"
    "João P.,user 101,,No,Yes,0,2026-11-01,2025-01-02,https://www.meetup.com/g/members/101/\n"
    "João P.,user 102,,No,Yes,1,2026-11-02,2025-03-04,https://www.meetup.com/g/members/102/\n"
    "Mere K.,user 103,,No,No,0,2026-11-03,2025-03-04,https://www.meetup.com/g/members/103/\n"
    "Sam T.,user 104,,No,Waitlist,0,2026-11-03,2025-05-06,https://www.meetup.com/g/members/104/\n"
    "Rob,user 105,Organizer,Yes,Yes,0,2026-10-20,2024-01-01,https://www.meetup.com/g/members/105/\n"
    "João P.,user 101,,No,Yes,0,2026-11-04,2025-01-02,https://www.meetup.com/g/members/101/\n"
)
LUMA_HEADER = (
    "api_id,name,first_name,last_name,email,phone_number,created_at,approval_status,"
    "checked_in_at,custom_source,qr_code_url,amount,amount_tax,amount_discount,currency,"
    "coupon_code,eth_address,solana_address,survey_response_rating,survey_response_feedback,"
    "ticket_type_id,ticket_name\n"
)
LUMA = LUMA_HEADER + "".join(
    f"gst-{i},{name},{first},{last},{first.lower()}@example.org,,2026-11-0{i}T10:00:00.000Z,"
    f"{status},,,https://lu.ma/check-in/evt-x?pk=g-{i},,,,,,,,,,evtticktyp-1,Standard\n"
    for i, (name, first, last, status) in enumerate(
        [
            ("Aroha Ngata", "Aroha", "Ngata", "approved"),
            ("", "Wei", "Zhang", "approved"),  # a blank name cell, the parts filled
            ("Priya Shah", "Priya", "Shah", "declined"),
            ("Tom Berg", "Tom", "Berg", "waitlist"),
            ("Ben Lee", "Ben", "Lee", "pending_approval"),
            ("Chen Li", "Chen", "Li", "invited"),
        ],
        start=1,
    )
)
EVENTBRITE_HEADER = (
    "Order #,Order Date,First Name,{last},Email,Quantity,Price Tier,Ticket Type,Attendee #,"
    "Group,Order Type,Currency,Total Paid,Fees Paid,Eventbrite Fees,"
    "Eventbrite Payment Processing,Attendee Status\n"
)
EVENTBRITE_ROWS = (
    "1001,11/20/26 09:12,Dana,Reyes,dana@example.org,1,,General Admission,2001,,Free Order,NZD,"
    "0,0,0,0,Attending\n"
    "1002,11/20/26 10:40,Eli,Okafor,eli@example.org,1,,General Admission,2002,,Free Order,NZD,"
    "0,0,0,0,Checked In\n"
    "1003,11/21/26 08:05,Farah,Haddad,farah@example.org,1,,General Admission,2003,,Free Order,"
    "NZD,0,0,0,0,Not Attending\n"
    "1004,11/21/26 11:30,Gus,Moana,gus@example.org,1,,General Admission,2004,,Free Order,NZD,"
    "0,0,0,0,Deleted\n"
)
# Humanitix: the fields its exports and API document for each ticket (first and last name,
# ticket type, order and ticket ids, a complete or cancelled status), with its event columns.
HUMANITIX = (
    "Event name,Event date,Order ID,Order name,Ticket ID,Ticket type,First Name,Last Name,"
    "Email,Mobile,Status,Checked in\n"
    "Reading group,2026-11-26,o1,HSXCXQ3K,t1,General,Hana,Kato,hana@example.org,,Complete,No\n"
    "Reading group,2026-11-26,o2,KQ7ZP2MD,t2,General,Ivan,Petrov,ivan@example.org,,Cancelled,No\n"
)
GOOGLE_FORMS = (
    "Timestamp,Email Address,What's your name?,Company name,"
    "Which event name should we put on the badge?,Will you bring a laptop?\n"
    "2026/11/20 10:00:00 AM GMT+13,kiri@example.org,Kiri Walker,Acme,Reading group,Yes\n"
    "2026/11/20 11:15:00 AM GMT+13,lu@example.org,Lu Chen,,Reading group,No\n"
)


def test_meetup_honours_rsvp_and_keeps_two_members_with_one_name(tmp_path: Path) -> None:
    rsvps = read_rsvps(write(tmp_path, MEETUP))
    assert rsvps.listed == ["João P.", "João P. (2)", "Rob"]
    assert [(s.name, s.why, s.line) for s in rsvps.skipped] == [
        ("Mere K.", "not coming (RSVP: No)", 4),
        ("Sam T.", "on the waitlist (RSVP: Waitlist)", 5),
        ("João P.", "listed twice (same person as line 2)", 7),
    ]


def test_luma_lists_only_approved_guests_and_joins_first_and_last(tmp_path: Path) -> None:
    rsvps = read_rsvps(write(tmp_path, LUMA))
    assert rsvps.listed == ["Aroha Ngata", "Wei Zhang"]
    assert {s.name: s.why for s in rsvps.skipped} == {
        "Priya Shah": "not coming (approval_status: declined)",
        "Tom Berg": "on the waitlist (approval_status: waitlist)",
        "Ben Lee": "not confirmed (approval_status: pending_approval)",
        "Chen Li": "not confirmed (approval_status: invited)",
    }


@pytest.mark.parametrize("last", ["Last Name", "Surname"])  # Eventbrite in the US and the UK
def test_eventbrite_attendee_report(tmp_path: Path, last: str) -> None:
    rsvps = read_rsvps(write(tmp_path, EVENTBRITE_HEADER.format(last=last) + EVENTBRITE_ROWS))
    assert rsvps.listed == ["Dana Reyes", "Eli Okafor"]
    assert [s.why for s in rsvps.skipped] == [
        "not coming (Attendee Status: Not Attending)",
        "cancelled (Attendee Status: Deleted)",
    ]


def test_humanitix_lists_valid_tickets_and_never_the_event_name(tmp_path: Path) -> None:
    rsvps = read_rsvps(write(tmp_path, HUMANITIX))
    assert rsvps.listed == ["Hana Kato"]
    assert [(s.name, s.why) for s in rsvps.skipped] == [
        ("Ivan Petrov", "cancelled (Status: Cancelled)")
    ]


def test_google_forms_question_header(tmp_path: Path) -> None:
    rsvps = read_rsvps(write(tmp_path, GOOGLE_FORMS))
    assert rsvps.listed == ["Kiri Walker", "Lu Chen"]
    assert rsvps.columns == "'What's your name?'"


@pytest.mark.parametrize(
    "header", ["Event Name", "Ticket Name", "Company name", "Order name", "Username"]
)
def test_a_name_of_something_else_is_not_a_name_column(tmp_path: Path, header: str) -> None:
    with pytest.raises(AttendeesError, match="no name column"):
        read_attendees(write(tmp_path, f"Email,{header}\nx@example.org,Reading group\n"))


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path: Path) -> None:
    text = "Name\tEmail\r\nZoë Ōtaki\tzoe@example.org\r\n李雷\tli@example.org\r\n"
    path = write(tmp_path, text.encode("utf-16"))  # with a BOM, as Excel writes it
    assert read_attendees(path) == ["Zoë Ōtaki", "李雷"]
    bare = write(tmp_path, text.encode("utf-16-le"), "no-bom.csv")
    assert read_attendees(bare) == ["Zoë Ōtaki", "李雷"]


def test_excel_csv_on_windows_is_cp1252(tmp_path: Path) -> None:
    text = "Name,Email\r\nAoife O’Brien,aoife@example.org\r\nJosé Müller,jose@example.org\r\n"
    assert read_attendees(write(tmp_path, text.encode("cp1252"))) == [
        "Aoife O’Brien",
        "José Müller",
    ]


def test_the_same_person_twice_without_ids_is_listed_once(tmp_path: Path) -> None:
    rsvps = read_rsvps(write(tmp_path, "Name\nZoë Ōtaki\nZOE  OTAKI\n"))
    assert rsvps.listed == ["Zoë Ōtaki"]
    assert rsvps.skipped[0].why == "listed twice (same person as line 2)"


def test_control_characters_in_names_are_shown_not_obeyed(tmp_path: Path) -> None:
    path = write(tmp_path, "Name,RSVP\nEve\x1b]0;pwned\x07,Yes\n\u202eMal,No\n")
    assert read_attendees(path) == ["Eve\x1b]0;pwned\x07"]  # data; screens show it cleaned
    result = cli("attendees", path)
    assert result.returncode == 0
    assert "Eve\\x1b]0;pwned\\x07" in result.stdout and "\\u202eMal" in result.stdout
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout


# -- `facilitator attendees` ---------------------------------------------------------------------


def test_attendees_command_says_who_and_why(tmp_path: Path) -> None:
    result = cli("attendees", write(tmp_path, MEETUP))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Pre-listed (3), from 'Name'; status: 'RSVP':",
        "  João P.",
        "  João P. (2)",
        "  Rob",
        "Skipped (3):",
        "  Mere K.: not coming (RSVP: No), line 4",
        "  Sam T.: on the waitlist (RSVP: Waitlist), line 5",
        "  João P.: listed twice (same person as line 2), line 7",
        "3 people from rsvps.csv; 3 skipped (1 not coming, 1 on the waitlist, 1 listed twice)",
    ]


def test_attendees_command_json_for_scripts(tmp_path: Path) -> None:
    result = cli("attendees", write(tmp_path, LUMA), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == {
        "listed": ["Aroha Ngata", "Wei Zhang"],
        "skipped": [
            {"name": "Priya Shah", "why": "not coming (approval_status: declined)"},
            {"name": "Tom Berg", "why": "on the waitlist (approval_status: waitlist)"},
            {"name": "Ben Lee", "why": "not confirmed (approval_status: pending_approval)"},
            {"name": "Chen Li", "why": "not confirmed (approval_status: invited)"},
        ],
    }


def test_attendees_command_bad_file_is_one_line(tmp_path: Path) -> None:
    err = assert_clean_error(cli("attendees", tmp_path / "nope.csv"))
    assert "nope.csv: no such file" in err and len(err.strip().splitlines()) == 1


def test_run_pre_lists_with_the_same_reader(tmp_path: Path) -> None:
    """`run --attendees` takes the file through read_attendees: Meetup's No and waitlist are
    not expected, the two João P. are."""
    from facilitator.live import open_session

    live = open_session(
        ROOT / "sessions" / "llm-interpretability.toml",
        record=tmp_path / "r.jsonl",
        attendees=write(tmp_path, MEETUP),
    )
    try:
        expected = live.engine.state.expected
    finally:
        live.journal.close()
    assert {"João P.", "João P. (2)"} <= set(expected)
    assert not {"Mere K.", "Sam T."} & set(expected)
