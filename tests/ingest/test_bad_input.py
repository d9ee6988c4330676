"""Every kind of bad input gives one line `path: where: reason`; the batch goes on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pukara.errors import Problem
from pukara.ingest import read_path

GOOD = "Peruvian police destroyed a cocaine laboratory near Pichari in the VRAEM on Monday.\n"


def _problems(path: Path) -> list[Problem]:
    return [r for r in read_path(path) if isinstance(r, Problem)]


@pytest.mark.parametrize(
    ("name", "content", "where", "reason"),
    [
        ("empty.txt", b"", "file", "empty file"),
        ("blank.txt", b"   \n\n  ", "text", "characters of text after cleaning"),
        ("image.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "file",
         "binary file of unknown type"),
        ("binary.txt", b"\x00\x01\x02\x03" * 500, "file", "binary content"),
        ("garbled.txt", b"Informe: " + bytes(range(0x80, 0x100)) * 40, "byte", ""),
        ("broken.html", b"<<<>>> not html at all {{{", "html", "no HTML elements"),
        ("empty.html", b"<html><body><script>alert(1)</script></body></html>", "text",
         "characters of text after cleaning"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF", "pdf", ""),
        ("bad.geojson", b'{"type": "FeatureCollection", "features": [', "line 1", "bad JSON"),
        ("notgeo.json", b'{"hello": "world"}', "file", "not a GeoJSON"),
        ("nokind.csv", b"lat,lon\n-12,-73\n", "line 1", "no kind/type column"),
        ("feed.rss", b"<rss><channel><title>x</title></channel></rss>", "feed", "not an RSS/Atom"),
    ],
)  # fmt: skip
def test_bad_files_give_one_clear_line(
    tmp_path: Path, name: str, content: bytes, where: str, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    (problem,) = _problems(path)
    line = str(problem)
    assert "\n" not in line
    assert line.startswith(f"{path}: {where}")
    assert reason in problem.reason
    assert problem.reason


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("airstrip,2024-01-01,95.2,-73.9", "latitude 95.2 outside [-90, 90]; check lat/lon order"),
        ("airstrip,2024-01-01,-12.4,-273.9", "longitude -273.9 outside [-180, 180]"),
        ("airstrip,2024-01-01,abc,-73.9", "latitude 'abc' is not a number"),
        ("airstrip,someday,-12.4,-73.9", "date 'someday' not understood; use YYYY-MM-DD"),
        ("airstrip,2024-01-01,-12.4", "3 fields, header has 4"),
        ("airstrip,2024-01-01,,", "no coordinates and no place"),
    ],
)
def test_bad_csv_rows_are_named_and_good_rows_kept(tmp_path: Path, row: str, reason: str) -> None:
    path = tmp_path / "obs.csv"
    path.write_text(
        f"kind,date,lat,lon\nseizure,2024-02-02,-12.05,-77.14\n{row}\n", encoding="utf-8"
    )
    records = list(read_path(path))
    assert len(records) == 2
    assert not isinstance(records[0], Problem)
    assert isinstance(records[1], Problem)
    assert str(records[1]) == f"{path}: row 3: {reason}"


def test_bad_geojson_feature_is_named_and_others_kept(tmp_path: Path) -> None:
    path = tmp_path / "strips.geojson"
    path.write_text(
        '{"type":"FeatureCollection","features":['
        '{"type":"Feature","geometry":{"type":"Point","coordinates":[-73.9,-12.4]},"properties":{}},'
        '{"type":"Feature","geometry":{"type":"Point","coordinates":[-12.4,-273.9]},"properties":{}},'
        '{"type":"Feature","geometry":null,"properties":{}}]}',
        encoding="utf-8",
    )
    records = list(read_path(path))
    problems = [str(r) for r in records if isinstance(r, Problem)]
    assert problems == [
        f"{path}: <feature 1>: latitude -273.9 outside [-90, 90]; check lat/lon order",
        f"{path}: <feature 2>: no geometry",
    ]
    assert len(records) == 3


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 1024 * 1024)
    (problem,) = _problems(path)
    assert problem.where == "file"
    assert "50.0 MB is over the 25 MB limit" in problem.reason


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path / "nope.txt")
    assert problem.reason == "no such file"
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # root reads anything; nothing to test then
            return
        (problem,) = _problems(locked)
        assert "cannot read" in problem.reason
    finally:
        locked.chmod(0o644)


def test_hostile_html_yields_text_not_markup(tmp_path: Path) -> None:
    page = (
        "<html><body><article><h1>Operativo en Pichari</h1>"
        "<p>La policía destruyó un laboratorio de cocaína cerca de Pichari, en el VRAEM, "
        "el lunes por la mañana.<script>document.location='http://evil'</script>"
        "<img src=x onerror=alert(1)></p>" + "<div>" * 3000 + "x" + "</div>" * 3000 +
        "</article></body></html>"
    )  # fmt: skip
    path = tmp_path / "hostile.html"
    path.write_text(page, encoding="utf-8")
    records = list(read_path(path))
    assert len(records) == 1
    text = getattr(records[0], "text", "") or str(records[0])
    assert "<script" not in text and "onerror" not in text and "evil" not in text
