"""Encodings are detected and repaired, or refused with the reason; never stored as mojibake.

The sentences are invented for these tests (demo text).
"""

from __future__ import annotations

import pytest

from pukara.errors import InputError
from pukara.ingest.decode import decode_text

ES = (
    "La policía destruyó un laboratorio de cocaína cerca de Pichari, según la Dirección "
    "Antidrogas; los niños del caserío no sufrieron daños. "
)  # invented (demo text)
EN = "Police destroyed a cocaine laboratory near Pichari on Monday, officials said. "


@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("utf-8", ES.encode("utf-8")),
        ("utf-8 with BOM", b"\xef\xbb\xbf" + ES.encode("utf-8")),
        ("utf-16 with BOM", ES.encode("utf-16")),
        ("utf-16-le without BOM", ES.encode("utf-16-le")),
        ("utf-16-be without BOM", ES.encode("utf-16-be")),
        ("utf-32 with BOM", ES.encode("utf-32")),
        ("latin-1", ES.encode("latin-1")),
        ("windows-1252", ES.encode("cp1252")),
        ("short latin-1", "Operación en Pichari: niños".encode("latin-1")),
    ],
)
def test_encodings_are_repaired(label: str, data: bytes) -> None:
    text = decode_text(data, "x.txt")
    assert text.strip() == (
        "Operación en Pichari: niños" if label == "short latin-1" else ES.strip()
    )


def test_windows_1252_quotes_and_dashes_are_read_as_such() -> None:
    data = "“Comillas” — guion y €".encode("cp1252")
    assert decode_text(data, "x.txt") == "“Comillas” — guion y €"


def test_utf8_with_a_stray_latin1_byte_keeps_its_utf8_and_repairs_the_byte() -> None:
    data = (ES * 5).encode("utf-8") + "Informe del día".encode("latin-1")
    text = decode_text(data, "x.txt")
    assert text == ES * 5 + "Informe del día"


def test_double_encoded_utf8_is_repaired() -> None:
    mojibake = (ES * 3).encode("utf-8").decode("latin-1").encode("utf-8")
    assert decode_text(mojibake, "x.txt") == ES * 3
    mojibake_1252 = (ES * 3).encode("utf-8").decode("cp1252").encode("utf-8")
    assert decode_text(mojibake_1252, "x.txt") == ES * 3


def test_a_russian_windows_1251_text_is_read() -> None:
    ru = "Полиция уничтожила лабораторию кокаина в регионе сегодня утром. " * 3
    assert decode_text(ru.encode("cp1251"), "x.txt") == ru


def test_utf8_with_many_broken_bytes_is_refused_with_the_place() -> None:
    data = bytearray((EN * 20).encode("utf-8"))
    for i in range(40, len(data), 37):
        data[i] = 0xC3  # a lead byte without its continuation, every 37 bytes
    with pytest.raises(InputError) as err:
        decode_text(bytes(data), "x.txt")
    assert err.value.where == "byte 40"
    assert "not valid UTF-8" in err.value.reason
    assert "UTF-8" in err.value.reason


def test_high_bytes_that_no_encoding_explains_are_refused() -> None:
    with pytest.raises(InputError) as err:
        decode_text(b"Informe: " + bytes(range(0x80, 0x100)) * 40, "x.txt")
    assert err.value.where.startswith("byte ")


def test_broken_utf16_is_refused() -> None:
    data = b"\xff\xfe" + ES.encode("utf-16-le")[:-1] + b"\x00\xd8"
    with pytest.raises(InputError) as err:
        decode_text(data, "x.txt")
    assert "UTF-16" in err.value.reason


def test_binary_is_refused() -> None:
    with pytest.raises(InputError) as err:
        decode_text(b"\x00\x01\x02\x03" * 500, "x.bin")
    assert "binary" in err.value.reason
