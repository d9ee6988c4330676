"""Hostile inputs: every reader bounds what its parser can do and turns it into one Problem.

Each case was seen to abort a whole batch with a traceback (RecursionError, shapely's
GeometryTypeError, _csv.Error, ValueError, pypdf's LimitReachedError) or to lose the text.
All texts are invented for these tests (demo text).
"""

from __future__ import annotations

import logging
import os
import re
import zlib
from pathlib import Path

import pytest

from pukara.errors import Problem
from pukara.ingest import iter_files, read_path
from pukara.model import Document, Observation
from tests.ingest.minipdf import make_pdf

GOOD = "Peruvian police destroyed a cocaine laboratory near Pichari in the VRAEM on Monday.\n"
POINT = '{"type":"Feature","geometry":{"type":"Point","coordinates":[-73.9,-12.4]},"properties":{}}'


def _records(tmp_path: Path, name: str, data: bytes) -> list[object]:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_path(path))


def _only_problem(tmp_path: Path, name: str, data: bytes) -> Problem:
    records = _records(tmp_path, name, data)
    assert len(records) == 1, records
    assert isinstance(records[0], Problem), records[0]
    return records[0]


def test_json_nested_100000_deep(tmp_path: Path) -> None:
    problem = _only_problem(tmp_path, "deep.geojson", b"[" * 100_000 + b"]" * 100_000)
    assert "nested" in problem.reason


def test_deep_json_inside_a_feature_spoils_only_that_feature(tmp_path: Path) -> None:
    deep = "[" * 5000 + "]" * 5000
    bad = '{"type":"Feature","geometry":{"type":"Point","coordinates":[-73.9,-12.4]},'
    bad += f'"properties":{{"a":{deep}}}}}'
    problem = _only_problem(tmp_path, "deep.json", f'{{"type":"Feature","x":{deep}}}'.encode())
    assert "nested" in problem.reason
    records = _records(
        tmp_path,
        "mixed.geojson",
        f'{{"type":"FeatureCollection","features":[{POINT},{bad}]}}'.encode(),
    )
    assert len(records) == 1 and isinstance(records[0], Problem)  # the file cannot be parsed


def test_json_nested_within_python_limits_is_bounded_too(tmp_path: Path) -> None:
    deep = "[" * 900 + "]" * 900
    bad = POINT.replace('"properties":{}', f'"properties":{{"a":{deep}}}')
    records = _records(
        tmp_path,
        "deepish.geojson",
        f'{{"type":"FeatureCollection","features":[{POINT},{bad}]}}'.encode(),
    )
    kinds = [type(r) for r in records]
    assert kinds == [Observation, Problem]
    problem = records[1]
    assert isinstance(problem, Problem) and problem.where == "<feature 1>"
    assert "nested" in problem.reason


def test_unknown_geometry_type(tmp_path: Path) -> None:
    blob = POINT.replace('"Point"', '"Blob"')
    records = _records(
        tmp_path,
        "blob.geojson",
        f'{{"type":"FeatureCollection","features":[{POINT},{blob}]}}'.encode(),
    )
    assert isinstance(records[0], Observation)
    problem = records[1]
    assert isinstance(problem, Problem)
    assert str(problem).endswith("<feature 1>: unknown geometry type 'Blob'")


def test_a_5000_digit_integer(tmp_path: Path) -> None:
    feature = POINT.replace("-73.9", "1" * 5000)
    problem = _only_problem(tmp_path, "bigint.geojson", feature.encode())
    assert "5000 digits" in problem.reason


def test_a_deep_geometry_collection(tmp_path: Path) -> None:
    geom = '{"type":"Point","coordinates":[-73.9,-12.4]}'
    for _ in range(50):
        geom = f'{{"type":"GeometryCollection","geometries":[{geom}]}}'
    feature = f'{{"type":"Feature","geometry":{geom},"properties":{{}}}}'
    problem = _only_problem(tmp_path, "gc.geojson", feature.encode())
    assert problem.where == "<feature 0>" and "nested" in problem.reason


def test_a_csv_field_over_the_field_limit(tmp_path: Path) -> None:
    data = ("kind,lat,lon\nx,-12.1,-73.2\ny," + "9" * 200_000 + ",2\nz,-12.3,-73.4\n").encode()
    records = _records(tmp_path, "huge.csv", data)
    assert [type(r) for r in records] == [Observation, Problem, Observation]
    problem = records[1]
    assert isinstance(problem, Problem) and problem.where == "row 3"
    assert "131,072 characters" in problem.reason
    last = records[2]
    assert isinstance(last, Observation) and last.where == "row 4"


def test_csv_rows_are_numbered_by_their_line_even_after_a_multiline_field(tmp_path: Path) -> None:
    data = b'kind,lat,lon,note\nx,-12.1,-73.2,"two\nlines"\ny,95,-73.2,bad\n'
    records = _records(tmp_path, "multi.csv", data)
    problem = records[1]
    assert isinstance(problem, Problem) and problem.where == "row 4"


def _pdf_bomb(megabytes: int) -> bytes:
    comp = zlib.compress(b"0 " * (megabytes * 2**19), 9)
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(comp) + comp + b"\nendstream"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        stream,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_a_pdf_compression_bomb(tmp_path: Path) -> None:
    problem = _only_problem(tmp_path, "bomb.pdf", _pdf_bomb(100))
    assert problem.where == "pdf"
    assert "decompress" in problem.reason and "bomb" in problem.reason


def test_pypdf_warnings_become_problems_not_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    pdf = make_pdf(["Informe sobre erradicación de coca en el Alto Huallaga, Perú."])
    damaged = re.sub(rb"startxref\n\d+", b"startxref\n3", pdf)  # pypdf rebuilds the xref
    records = _records(tmp_path, "damaged.pdf", damaged)
    assert [type(r) for r in records] == [Document, Problem]
    problem = records[1]
    assert isinstance(problem, Problem) and "startxref" in problem.reason
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
    assert logging.getLogger("pypdf").handlers == []


def test_100000_nested_divs_still_give_the_text(tmp_path: Path) -> None:
    body = (
        "<div>" * 100_000 + "La Marina destruyó doce dragas en el río Nanay." + "</div>" * 100_000
    )
    page = f"<html><body><article>{body}</article></body></html>".encode()
    records = _records(tmp_path, "divs.html", page)
    assert len(records) == 1 and isinstance(records[0], Document), records
    assert "doce dragas en el río Nanay" in records[0].text


def test_nested_divs_do_not_lose_the_rest_of_the_page(tmp_path: Path) -> None:
    page = (
        "<html><body><article><p>La policía destruyó un laboratorio cerca de Pichari.</p>"
        + "<div>" * 3000 + "Texto del fondo sobre el VRAEM y la coca." + "</div>" * 3000
        + "<p>Tres personas fueron detenidas durante el operativo.</p></article></body></html>"
    )  # fmt: skip
    records = _records(tmp_path, "divs.html", page.encode())
    assert len(records) == 1 and isinstance(records[0], Document), records
    for part in ("Pichari", "Texto del fondo", "Tres personas"):
        assert part in records[0].text


def test_a_feed_whose_item_holds_deep_html(tmp_path: Path) -> None:
    body = (
        "&lt;div&gt;" * 20_000
        + "Dragas destruidas en el río Nanay, Loreto."
        + "&lt;/div&gt;" * 20_000
    )
    feed = (
        "<rss><channel><title>Demo</title><item><title>Dragas</title>"
        f"<description>{body}</description></item></channel></rss>"
    )
    records = _records(tmp_path, "feed.xml", feed.encode())
    assert len(records) == 1 and isinstance(records[0], Document), records
    assert "río Nanay" in records[0].text


# One folder with every kind of hostile input seen so far, and valid files beside them.
VALID = {
    "report.txt": GOOD.encode(),
    "informe.html": (
        "<html><body><article><h1>Operativo en Pichari</h1><p>La policía destruyó un "
        "laboratorio de cocaína cerca de Pichari, en el VRAEM, el lunes.</p></article></body></html>"
    ).encode(),
    "informe.pdf": make_pdf(["Eradication teams removed coca plots in Tocache during 2023."]),
    "obs.csv": b"kind,lat,lon\nairstrip,-12.4,-73.9\n",
    "strips.geojson": POINT.encode(),
    "utf16.txt": "The navy destroyed twelve dredges on the Nanay river in Loreto.".encode(
        "utf-16-le"
    ),  # no BOM
    "latin1.txt": "La policía destruyó un laboratorio en Pichari, según la Dirección.".encode(
        "latin-1"
    ),
}


def _hostile_folder(root: Path) -> dict[str, str]:
    """Write the folder; return the expected reason fragment per bad file name."""
    outside = root.parent / "outside-secret"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n")
    for name, data in VALID.items():
        (root / name).write_bytes(data)
    (root / "passwd.txt").symlink_to(outside)
    (root / "loop.txt").symlink_to("loop.txt")
    os.mkfifo(root / "pipe.txt")
    (root / "deep.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    (root / "huge.csv").write_bytes(b"kind,lat,lon\ny," + b"9" * 200_000 + b",2\n")
    (root / "bomb.pdf").write_bytes(_pdf_bomb(100))
    bad_utf8 = bytearray((GOOD * 10).encode())
    for i in range(30, len(bad_utf8), 29):
        bad_utf8[i] = 0xFF
    (root / "bad-utf8.txt").write_bytes(bytes(bad_utf8))
    (root / "new\nline: file: forged.txt").write_bytes(b"")
    (root / "evil: file: fake reason.txt").write_bytes(b"\x00\x01\x02" * 100)
    return {
        "passwd.txt": "outside",
        "loop.txt": "loop",
        "pipe.txt": "FIFO",
        "deep.json": "nested",
        "huge.csv": "131,072",
        "bomb.pdf": "bomb",
        "bad-utf8.txt": "not valid UTF-8",
        "new\nline: file: forged.txt": "empty file",
        "evil: file: fake reason.txt": "binary",
    }


def test_a_hostile_folder_reads_every_valid_file_and_names_each_bad_one(tmp_path: Path) -> None:
    root = tmp_path / "hostile"
    root.mkdir()
    expected = _hostile_folder(root)
    records = [r for path in iter_files([root]) for r in read_path(path)]
    good = [r for r in records if isinstance(r, Document | Observation)]
    problems = [r for r in records if isinstance(r, Problem)]
    read = sorted({Path(r.path if isinstance(r, Document) else r.source_path).name for r in good})
    assert read == sorted(VALID)
    assert "root:x" not in " ".join(r.text for r in good if isinstance(r, Document))
    assert sorted(Path(p.path).name for p in problems) == sorted(expected)
    for problem in problems:
        line = str(problem)
        assert "\n" not in line
        assert expected[Path(problem.path).name] in problem.reason, line
        # the line reads back as exactly three fields, whatever the file is called
        head = line[: -len(problem.reason)]
        assert head.endswith(f": {problem.where}: ")
        quoted = head[: -len(f": {problem.where}: ")]
        assert quoted == str(problem.path) or quoted.startswith('"'), line


def test_pukara_ingest_on_the_hostile_folder_exits_1_with_one_line_per_bad_file(
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner

    from pukara.cli import app

    root = tmp_path / "hostile"
    root.mkdir()
    expected = _hostile_folder(root)
    result = CliRunner().invoke(
        app, ["ingest", str(root), "--no-extract", "--db", str(tmp_path / "kb.db")]
    )
    assert result.exit_code == 1, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == len(expected), lines
    for name, fragment in expected.items():
        shown = [ln for ln in lines if fragment in ln]
        assert len(shown) == 1, (name, lines)
    assert "5 new documents" in result.stdout and "2 observations" in result.stdout
