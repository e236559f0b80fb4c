"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else a legacy single-byte code page
(cp1251 for Cyrillic, cp1252 for Western text) chosen by charset-normalizer.

Broken bytes never stop a document: they are replaced and reported as a warning. Empty or binary input
raises `DecodeError` naming the problem.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from sitroom.errors import DecodeError

STAGE = "decode"
VERSION = "1"

# Share of control characters above which the bytes are taken for a binary file, not a text.
_BINARY_CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = {"\n", "\r", "\t", "\f", "\v"}


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, *, name: str = "input") -> Decoded:
    """Decode `data` into text; raise DecodeError for empty or binary input."""
    if not data or not data.strip():
        raise DecodeError(f"{name}: the file is empty")
    if data.startswith(codecs.BOM_UTF8):
        return _with_replacement(data[len(codecs.BOM_UTF8) :], "utf-8", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _with_replacement(data, "utf-16", name)
    if b"\x00" in data[:4096]:
        raise DecodeError(f"{name}: looks like a binary file (NUL bytes), not a text report")
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"), name)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    legacy = _guess_legacy(data)
    if legacy is not None:
        return _checked(Decoded(data.decode(legacy, errors="replace"), legacy), name)
    decoded = _with_replacement(data, "utf-8", name)
    decoded.warnings.insert(0, f"{name}: not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start})")
    return decoded


def _with_replacement(data: bytes, encoding: str, name: str) -> Decoded:
    text = data.decode(encoding, errors="replace")
    if encoding == "utf-16" and text.startswith("\ufeff"):
        text = text[1:]
    decoded = Decoded(text, encoding)
    broken = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    if broken > 0:
        decoded.warnings.append(f"{name}: {broken} undecodable byte sequence(s) replaced by U+FFFD")
    return _checked(decoded, name)


def _guess_legacy(data: bytes) -> str | None:
    """A single-byte code page for `data`, or None when it does not look like one."""
    from charset_normalizer import from_bytes  # imported here: only legacy files pay for it

    best = from_bytes(data, cp_isolation=["cp1251", "cp1252", "iso8859_1", "koi8_r", "cp1250"]).best()
    if best is None:
        return None
    encoding = best.encoding
    if encoding in {"iso8859_1", "latin_1"}:
        encoding = "cp1252"
    return encoding


def _checked(decoded: Decoded, name: str) -> Decoded:
    text = decoded.text
    sample = text[:20000]
    controls = sum(1 for ch in sample if ch < " " and ch not in _ALLOWED_CONTROLS)
    if sample and controls / len(sample) > _BINARY_CONTROL_SHARE:
        raise DecodeError(f"{name}: looks like a binary file ({controls} control characters), not a text report")
    if not text.strip():
        raise DecodeError(f"{name}: the file holds no text")
    return decoded
