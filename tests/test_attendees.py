"""RSVP lists: names from a CSV's name column, and one clear line for every bad file."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.attendees import AttendeesError, read_attendees
from facilitator.errors import FacilitatorError


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
    csv = "\ufeffName,Email\nDana,d@x\n,blank@x\ndana,again@x\n\nEli\nFarah,f@x\n"
    path = write(tmp_path, csv)
    assert read_attendees(path) == ["Dana", "Eli", "Farah"]


def test_unicode_names_and_quoted_commas_and_newlines(tmp_path: Path) -> None:
    csv = 'Name,Note\n"Ngā, Tama",hi\n"José\nMaría",x\n李雷,y\n'
    assert read_attendees(write(tmp_path, csv)) == ["Ngā, Tama", "José María", "李雷"]


def test_semicolon_separated(tmp_path: Path) -> None:
    assert read_attendees(write(tmp_path, "Name;RSVP\nGus;yes\nHana;no\n")) == ["Gus", "Hana"]


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.csv"
    with pytest.raises(AttendeesError, match=r"nope\.csv: no such file") as info:
        read_attendees(path)
    assert "\n" not in str(info.value)


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "Name\nRob\nJos\xe9\n".encode("latin-1"))
    with pytest.raises(AttendeesError, match=r"rsvps\.csv:3: not UTF-8"):
        read_attendees(path)


def test_no_name_column_lists_what_was_found(tmp_path: Path) -> None:
    path = write(tmp_path, "RSVP ID,Member,Guests\n1,Rob,0\n")
    with pytest.raises(AttendeesError) as info:
        read_attendees(path)
    assert str(info.value) == f"{path}:1: no 'name' column (found: RSVP ID, Member, Guests)"


@pytest.mark.parametrize("content", ["", "\n\n  \n", "Name\n", "Name,Email\n,x@y\n"])
def test_empty(tmp_path: Path, content: str) -> None:
    with pytest.raises(AttendeesError, match=r"rsvps\.csv: ") as info:
        read_attendees(write(tmp_path, content))
    assert "\n" not in str(info.value)
    assert isinstance(info.value, FacilitatorError)


def test_a_folder(tmp_path: Path) -> None:
    with pytest.raises(AttendeesError, match="is a folder"):
        read_attendees(tmp_path)
