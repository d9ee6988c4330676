"""A Problem line cannot be split or forged: `path: where: reason`, one line, always."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pukara.errors import InputError, Problem, format_problem, parse_problem_line


def test_plain_names_are_shown_as_they_are() -> None:
    line = str(Problem("reports/vraem.csv", "row 14", "latitude 95.2 outside [-90, 90]"))
    assert line == "reports/vraem.csv: row 14: latitude 95.2 outside [-90, 90]"


def test_a_newline_in_a_file_name_cannot_start_a_second_line() -> None:
    line = str(Problem("in/a\nfake.txt: file: empty file", "file", "empty file"))
    assert "\n" not in line
    assert line == '"in/a\\nfake.txt: file: empty file": file: empty file'


def test_a_name_shaped_like_a_problem_cannot_forge_the_format() -> None:
    line = str(Problem("in/evil: file: fake reason", "file", "empty file"))
    assert line == '"in/evil: file: fake reason": file: empty file'
    assert parse_problem_line(line) == ("in/evil: file: fake reason", "file", "empty file")


def test_control_and_invisible_characters_are_escaped_everywhere() -> None:
    # carriage return, escape sequences, a right-to-left override and a line separator
    line = format_problem("a\rb\x1b[31m.txt", "row\t2", "bad\u202evalue\u2028next")
    assert re.search(r"[\x00-\x1f\x7f\u2028\u202e]", line) is None
    assert "\\r" in line and "\\x1b" in line and "\\t" in line
    assert "\\u202e" in line and "\\u2028" in line


def test_undecodable_bytes_in_a_name_are_shown_escaped() -> None:
    name = b"caf\xe9.txt".decode("utf-8", "surrogateescape")
    line = str(Problem(name, "file", "empty file"))
    line.encode("utf-8")  # no lone surrogate left: printing it cannot fail
    assert line == '"caf\\udce9.txt": file: empty file'


def test_input_error_message_is_the_problem_line() -> None:
    exc = InputError("x: y", "file", "empty file")
    assert str(exc) == str(exc.problem()) == '"x: y": file: empty file'


def test_a_name_that_starts_with_a_quote_is_quoted() -> None:
    line = str(Problem('"quoted".txt', "file", "empty file"))
    assert parse_problem_line(line)[0] == '"quoted".txt'


@given(st.text(), st.text(), st.text())
def test_every_problem_is_one_line_that_reads_back(path: str, where: str, reason: str) -> None:
    line = format_problem(path, where, reason)
    assert "\n" not in line and "\r" not in line
    line.encode("utf-8")
    parsed = parse_problem_line(line)
    assert parsed[0] == path and parsed[1] == where
