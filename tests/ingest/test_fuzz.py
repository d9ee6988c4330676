"""Property tests: any bytes give records or Problems from every reader, nothing else."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pukara.errors import InputError, Problem
from pukara.ingest import (
    clean_plain_text,
    read_csv_observations,
    read_feed,
    read_geojson_observations,
    read_html,
    read_path,
    read_pdf,
    read_text,
)
from pukara.model import Document, Observation

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

texty = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=1500).map(lambda t: t.encode("utf-8")),
    st.text(max_size=500).map(lambda t: ("<html><body><p>" + t + "</p></body></html>").encode()),
    st.text(alphabet='kind,lat,lon,date\n-0123456789.#"; ', max_size=400).map(str.encode),
    st.text(alphabet='{}[]":,-0123456789.typeFeatureCollectionPointgeometry ', max_size=400).map(
        str.encode
    ),
)


def _total(fn: object, data: bytes) -> None:
    try:
        result = fn(data, "fuzz.bin")  # type: ignore[operator]
        items = result if isinstance(result, Document) else list(result)
    except InputError as exc:
        assert str(exc).startswith("fuzz.bin: ")
        return
    for item in [items] if isinstance(items, Document) else items:
        assert isinstance(item, Document | Observation | InputError)


@FUZZ
@given(texty)
def test_read_text_total(data: bytes) -> None:
    _total(read_text, data)


@FUZZ
@given(texty)
def test_read_html_total(data: bytes) -> None:
    _total(read_html, data)


@FUZZ
@given(st.one_of(texty, st.binary(max_size=600).map(lambda b: b"%PDF-1.4\n" + b)))
def test_read_pdf_total(data: bytes) -> None:
    _total(read_pdf, data)


@FUZZ
@given(st.one_of(texty, st.text(max_size=300).map(
    lambda t: f"<rss><channel><item><title>{t}</title><description>{t}</description></item></channel></rss>".encode()
)))  # fmt: skip
def test_read_feed_total(data: bytes) -> None:
    _total(read_feed, data)


@FUZZ
@given(texty)
def test_read_csv_total(data: bytes) -> None:
    _total(read_csv_observations, data)


@FUZZ
@given(texty)
def test_read_geojson_total(data: bytes) -> None:
    _total(read_geojson_observations, data)


@FUZZ
@given(st.text(max_size=3000))
def test_clean_plain_text_is_idempotent_on_its_output(raw: str) -> None:
    once = clean_plain_text(raw)
    assert "\r" not in once.text and "\x00" not in once.text
    twice = clean_plain_text(once.text)
    assert len(twice.text) <= len(once.text)


@FUZZ
@given(texty, st.sampled_from([".txt", ".html", ".pdf", ".xml", ".csv", ".geojson", ".bin", ""]))
def test_read_path_yields_only_records_or_problems(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        for record in read_path(path):
            assert isinstance(record, Document | Observation | Problem)
            if isinstance(record, Problem):
                assert str(record).startswith(str(path))
