"""An uploaded file becomes text in whatever encoding a teacher's editor saved it,
or a clear error: never a crash, never mojibake passed on silently."""

import codecs

import pytest

from texts.parsing import ParseError, decode_upload

LIMIT = 1024 * 1024
TEXT = "Laat de brutalen niet voordringen\n\n(1) Een warm moment, café ‘doet’ “zo”."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode("utf-8"), TEXT),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), TEXT),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), TEXT),
        ("café ‘quote’ – “zo”".encode("cp1252"), "café ‘quote’ – “zo”"),
        ("Crème brûlée\r\nnaïef".encode("cp1252"), "Crème brûlée\r\nnaïef"),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16 le", "utf-16 be", "windows-1252", "cp1252 crlf"],
)
def test_it_reads_the_encodings_teachers_save_in(data, expected):
    assert decode_upload(data, max_bytes=LIMIT) == expected


def test_a_byte_order_mark_never_ends_up_in_the_text():
    text = decode_upload(codecs.BOM_UTF8 + b"Titel", max_bytes=LIMIT)
    assert text == "Titel"
    assert not text.startswith("\ufeff")


def test_a_file_over_the_limit_is_refused_with_the_limit_in_the_error():
    with pytest.raises(ParseError) as caught:
        decode_upload(b"a" * 2049, max_bytes=2048)
    assert caught.value.code == "too_large"
    assert caught.value.params == {"max_kb": 2}


def test_a_file_exactly_at_the_limit_is_read():
    assert decode_upload(b"a" * 2048, max_bytes=2048) == "a" * 2048


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"   \n\t\r\n  ", "empty"),
        (codecs.BOM_UTF8 + b"  \n", "empty"),
        (codecs.BOM_UTF16_LE + " \n ".encode("utf-16-le"), "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
        (b"Titel\n\nEen\x00twee", "binary"),
        (b"Titel\x07\x08\x1b", "binary"),
        (codecs.BOM_UTF16_LE + "Een\x00twee".encode("utf-16-le"), "binary"),
        (b"\x81\x8d\x8f\x90\x9d", "encoding"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "encoding"),  # a lone surrogate
    ],
    ids=[
        "nothing",
        "white space",
        "only a BOM",
        "utf-16 white space",
        "png",
        "nul",
        "control characters",
        "utf-16 nul",
        "neither utf-8 nor cp1252",
        "broken utf-16",
    ],
)
def test_a_file_that_is_no_text_gets_a_clear_error(data, code):
    with pytest.raises(ParseError) as caught:
        decode_upload(data, max_bytes=LIMIT)
    assert caught.value.code == code


def test_a_word_line_break_is_no_binary_data():
    assert decode_upload(b"Een regel\x0bnog een\x0cpagina", max_bytes=LIMIT) == (
        "Een regel\x0bnog een\x0cpagina"
    )
