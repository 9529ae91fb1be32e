"""Stage 1: bytes -> text. Decides the encoding and refuses what is not text."""

from __future__ import annotations

import codecs
import hashlib
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from kehoach.errors import InputError
from kehoach.read.docx import docx_to_text, is_docx
from kehoach.read.html import html_to_text, looks_like_html
from kehoach.text import nfc

# Magic numbers of files users most often feed by mistake.
_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not a text file"),
    (b"\xff\xd8\xff", "a JPEG image, not a text file"),
    (b"GIF8", "a GIF image, not a text file"),
    (b"%PDF", "a PDF file; save it as text first (PDF input is not supported yet)"),
    (b"PK\x03\x04", "a ZIP archive, not a plan (Word .docx files are read; this is not one)"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Excel file; save it as text first (not supported yet)"),
    (b"\x1f\x8b", "a gzip archive, not a text file"),
    (b"\x7fELF", "a program, not a text file"),
]

# C0 controls other than tab, line feed, vertical tab, form feed and carriage return.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm", ".docx")
__all__ = ["TEXT_SUFFIXES", "InputError", "Loaded", "load_bytes", "load_path", "read_input"]


@dataclass(frozen=True)
class Loaded:
    path: str
    text: str
    sha256: str
    encoding: str


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError naming the file."""
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    if data.startswith(codecs.BOM_UTF8):
        raw, enc = data[len(codecs.BOM_UTF8) :], "utf-8-sig"
        return _strict(raw, "utf-8", name), enc
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _strict(data, enc, name), enc
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: {what}")
    if b"\x00" in data[:4096]:
        # UTF-16 without BOM: every other byte is NUL for Vietnamese-with-ASCII text.
        head = data[:4096]
        if head[1::2].count(0) > len(head) // 4:
            return _strict(data, "utf-16-le", name), "utf-16-le"
        if head[0::2].count(0) > len(head) // 4:
            return _strict(data, "utf-16-be", name), "utf-16-be"
        raise InputError(f"{name}: binary data (NUL bytes), not a text file")
    return _strict(data, "utf-8", name), "utf-8"


def _strict(data: bytes, enc: str, name: str) -> str:
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid {enc.upper()} text (byte {exc.start}); re-save the file as UTF-8"
        ) from None
    text = text.lstrip("\ufeff")
    controls = len(_CONTROLS.findall(text, 0, 20000))
    if controls > max(8, len(text[:20000]) // 100):
        raise InputError(f"{name}: binary data (control characters), not a text file")
    return text


def normalise_newlines(text: str) -> str:
    """NFC, and CRLF/CR to LF: line numbers then mean the same in every copy."""
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n"))


def load_bytes(data: bytes, name: str) -> Loaded:
    if is_docx(data):
        try:
            text = docx_to_text(data)
        except (KeyError, ValueError, zipfile.BadZipFile, ET.ParseError) as exc:
            raise InputError(f"{name}: a Word file that cannot be read ({exc})") from None
        return Loaded(
            path=name,
            text=normalise_newlines(text),
            sha256=hashlib.sha256(data).hexdigest(),
            encoding="docx",
        )
    text, enc = decode(data, name)
    if looks_like_html(text):
        # A saved web page: its blocks become lines; line numbers then refer to that text.
        text, enc = html_to_text(text), f"{enc}+html"
    return Loaded(
        path=name,
        text=normalise_newlines(text),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=enc,
    )


def read_input(path: Path) -> bytes:
    """A file's bytes, or InputError saying in one line why not."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def load_path(path: Path) -> Loaded:
    return load_bytes(read_input(path), str(path))
