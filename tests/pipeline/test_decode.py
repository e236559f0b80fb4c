import codecs

import pytest

from sitroom.errors import DecodeError, InputError
from sitroom.pipeline import extract_bytes
from sitroom.pipeline.decode import decode_bytes
from sitroom.pipeline.html import html_to_text

TEXT = "Миротворцы доставили 62 тонны помощи в Степанакерт."


def test_utf8_is_read_as_is():
    assert decode_bytes(TEXT.encode("utf-8")).text == TEXT


def test_utf8_bom_is_dropped():
    decoded = decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert decoded.text == TEXT


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(encoding):
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    assert decode_bytes(bom + TEXT.encode(encoding)).text == TEXT


def test_cp1251_fallback_for_cyrillic():
    long_text = (TEXT + " Российские миротворцы сопровождают беженцев из Еревана.\n") * 5
    decoded = decode_bytes(long_text.encode("cp1251"))
    assert decoded.text == long_text
    assert decoded.encoding in {"cp1251", "windows-1251"}


def test_cp1252_fallback_for_western_text():
    text = "Caf\u00e9 owners in Stepanakert \u2013 \u201cwe will stay\u201d, they said. " * 4
    assert decode_bytes(text.encode("cp1252")).text == text


def test_broken_utf8_bytes_are_a_warning_not_an_error():
    data = b"Some 5,000 civilians were evacuated." + b"\xff\xfe\xfa" + b" More text follows here."
    decoded = decode_bytes(data, name="x.txt")
    assert "evacuated" in decoded.text
    assert decoded.text  # never fatal


@pytest.mark.parametrize("data", [b"", b"   \n\t "])
def test_empty_input_is_a_decode_error_naming_the_file(data):
    with pytest.raises(DecodeError, match="report.txt.*empty"):
        decode_bytes(data, name="report.txt")


def test_binary_input_is_a_decode_error():
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), name="photo.txt")


def test_unsupported_suffix_is_an_input_error():
    with pytest.raises(InputError, match="unsupported"):
        extract_bytes(b"x", filename="report.pdf")


def test_html_text_drops_scripts_navigation_and_footer():
    html = (
        "<html><head><title>Aid arrives | Example Herald</title><script>var x=1;</script></head><body>"
        "<nav>Home | News</nav><h1>Aid arrives</h1><p>Russian peacekeepers delivered <b>40 tons</b> of aid.</p>"
        "<aside>Most read</aside><footer>&copy; 2020</footer></body></html>"
    )
    text = html_to_text(html)
    assert "delivered 40 tons of aid." in text
    assert "var x" not in text and "Home | News" not in text and "Most read" not in text and "2020" not in text


def test_html_document_spans_index_the_extracted_text():
    html = "<html><body><p>About 2,000 peacekeeping troops were deployed in Karabakh.</p></body></html>"
    doc = extract_bytes(html.encode(), filename="page.html")
    text = html_to_text(html)
    assert doc.figures and all(text[f.span[0] : f.span[1]] == f.text for f in doc.figures)
