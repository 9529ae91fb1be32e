"""Stage 1: bytes -> text. Decides the encoding and refuses what is not text."""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

import regex

from kehoach.errors import InputError
from kehoach.read.doc import DocError, doc_to_lines, is_doc
from kehoach.read.docx import DocxError, docx_to_lines, is_docx
from kehoach.read.encodings import best_reading, looks_legacy, read_bytes, vietnamese_share
from kehoach.read.html import has_plan, html_to_text, looks_like_html
from kehoach.text import nfc

# Magic numbers of files users most often feed by mistake.
_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not a text file"),
    (b"\xff\xd8\xff", "a JPEG image, not a text file"),
    (b"GIF8", "a GIF image, not a text file"),
    (b"PK\x03\x04", "a ZIP archive, not a plan (Word .docx files are read; this is not one)"),
    (b"\xd0\xcf\x11\xe0", "an Office file that is not a Word document"),
    (b"{\\rtf", "an RTF file; save it as .docx or text"),
    (b"\x1f\x8b", "a gzip archive, not a text file"),
    (b"\x7fELF", "a program, not a text file"),
]

# Databases `kehoach export` writes, which users hand to commands that read plans.
_DATABASES: list[tuple[int, bytes, str]] = [
    (0, b"SQLite format 3\x00", "SQLite"),
    (8, b"DUCK", "DuckDB"),  # after an 8-byte checksum
    (0, b"PAR1", "Parquet"),
]


def _not_a_text(data: bytes, name: str) -> None:
    """Refuse, naming what the file is, the files that are no plan but are often given as
    one: a database written by `export`, a Word file cut short."""
    for at, magic, kind in _DATABASES:
        if data[at : at + len(magic)] == magic:
            raise InputError(
                f"{name}: a {kind} database, not a plan; a kehoach database (from 'kehoach "
                "export') is read by 'kehoach targets', 'assign' and 'summary'"
            )
    if data.startswith(b"PK\x03\x04") and _damaged_word(data):
        raise InputError(
            f"{name}: a damaged Word file (.docx): its ZIP structure is cut short or broken; "
            "open it in Word and save it again"
        )


def _damaged_word(data: bytes) -> bool:
    """A ZIP that does not open and whose local headers name Word parts ('word/...'), or
    that opens as an Office package ('[Content_Types].xml') with no other Office part."""
    import io
    import zipfile

    try:
        zipfile.ZipFile(io.BytesIO(data)).close()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        office = data[30:49] == b"[Content_Types].xml"  # the first entry's name
        return b"word/" in data or (office and not (b"xl/" in data or b"ppt/" in data))
    return False


# C0 controls other than tab, line feed, vertical tab, form feed and carriage return.
_CONTROLS = regex.compile("[\x00-\x08\x0e-\x1f]")
# What `parse` writes (and the other commands read); never a plan's text.
STRUCTURED_SUFFIXES = (".yaml", ".yml", ".json")
TEXT_SUFFIXES = (
    ".txt",
    ".md",
    ".markdown",
    ".text",
    ".html",
    ".htm",
    ".docx",
    ".doc",
    ".pdf",
)
__all__ = ["TEXT_SUFFIXES", "InputError", "Loaded", "load_bytes", "load_path", "read_input"]


@dataclass(frozen=True)
class Loaded:
    path: str
    text: str
    sha256: str
    encoding: str
    pages: int | None = None  # pages of the original file (PDF)
    line_pages: tuple[int, ...] = ()  # page each text line came from (PDF), else empty
    warnings: tuple[str, ...] = ()  # about the reading itself (OCR, converted encoding)


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
    try:
        return _strict(data, "utf-8", name), "utf-8"
    except InputError:
        # Not UTF-8: an old Vietnamese encoding (TCVN3, VNI, Windows-1258) if one reads well.
        got = read_bytes(data)
        if got is None:
            raise
        return got


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


def _from_lines(
    data: bytes,
    name: str,
    lines: list[str],
    encoding: str,
    pages: int | None = None,
    line_pages: list[int] | None = None,
    warnings: tuple[str, ...] = (),
) -> Loaded:
    """A reader's lines as a Loaded text; no line may hold a line break of its own, so
    that line numbers and the page map stay aligned."""
    flat = [_BREAKS.sub(" ", ln) for ln in lines]
    return Loaded(
        path=name,
        text=nfc("\n".join(flat) + "\n"),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        pages=pages,
        line_pages=tuple(line_pages or ()),
        warnings=warnings,
    )


_BREAKS = regex.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


def _load_pdf(data: bytes, name: str, ocr: bool) -> Loaded:
    from kehoach.read.pdf import NoTextLayer, PdfError, pdf_to_lines

    try:
        got = pdf_to_lines(data)
    except PdfError as exc:
        raise InputError(f"{name}: {exc}") from None
    except NoTextLayer as exc:
        if not ocr:
            raise InputError(
                f"{name}: {exc.reason} ({exc.pages} pages); OCR it with "
                f"'kehoach parse --ocr {name}' (needs Tesseract with Vietnamese: "
                "apt-get install tesseract-ocr tesseract-ocr-vie)"
            ) from None
        from kehoach.read.ocr import OcrError, ocr_pdf

        try:
            lines, line_pages, pages = ocr_pdf(data)
        except OcrError as exc2:
            raise InputError(f"{name}: {exc.reason}; OCR failed: {exc2}") from None
        return _from_lines(
            data,
            name,
            lines,
            "pdf+ocr",
            pages,
            line_pages,
            (
                f"text read by OCR (Tesseract, Vietnamese) from {pages} page images: check numbers and names against the original",
            ),
        )
    return _from_lines(data, name, got.lines, "pdf", got.pages, got.line_pages)


def load_bytes(data: bytes, name: str, ocr: bool = False) -> Loaded:
    """Any supported file's bytes as text lines; the format is told by the bytes, not the
    file name (a lying extension does not matter)."""
    if data[:1024].lstrip().startswith(b"%PDF"):
        return _load_pdf(data, name, ocr)
    if is_docx(data):
        try:
            got = docx_to_lines(data)
        except DocxError as exc:
            raise InputError(f"{name}: a Word file that cannot be read: {exc}") from None
        return _from_lines(data, name, got.lines, got.encoding)
    if is_doc(data):
        try:
            lines, tool = doc_to_lines(data)
        except DocError as exc:
            raise InputError(f"{name}: {exc}") from None
        text, enc = _legacy("\n".join(lines), f"doc+{tool}")
        return _from_lines(data, name, text.split("\n"), enc)
    try:
        _not_a_text(data, name)
        text, enc = decode(data, name)
    except InputError as exc:
        kind = _NAMED_FORMATS.get(Path(name).suffix.lower())
        if kind is None or "binary data" not in str(exc):
            raise
        # 'plan.pdf' that holds neither a PDF nor text: say what its name promised
        why = str(exc).removeprefix(f"{name}: ")
        raise InputError(
            f"{name}: not a {kind} (damaged, or not what its name says): {why}"
        ) from None
    if looks_like_html(text):
        # A saved web page: its blocks become lines; line numbers then refer to that text.
        text, enc = html_to_text(text), f"{enc}+html"
        if not has_plan(text):
            raise InputError(
                f"{name}: a web page with no plan in it (no title block, document type "
                "or numbered heading)"
            )
    text, enc = _unescaped(*_legacy(text, enc))
    return Loaded(
        path=name,
        text=normalise_newlines(text),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=enc,
    )


_ESCAPED_BREAK = "\\r\\n"


def _unescaped(text: str, enc: str) -> tuple[str, str]:
    """A page that prints its line breaks escaped, as one legal site serves its texts
    ('Số: 54/KH-UBND \\r\\n | \\r\\n Lạng Sơn, ngày ...'): the breaks restored, so the
    title block and the headings stand on lines of their own. A few escapes are left
    alone (a plan may quote one)."""
    if text.count(_ESCAPED_BREAK) < 5:
        return text, enc
    return text.replace(_ESCAPED_BREAK, "\n"), f"{enc}+unescaped"


_NAMED_FORMATS = {".pdf": "PDF file", ".docx": "Word file", ".doc": "Word 97 file"}


def _legacy(text: str, enc: str) -> tuple[str, str]:
    """Text pasted from an old-encoding document into a Unicode file ('KÕ ho¹ch')."""
    if not looks_legacy(text):
        return text, enc
    got = best_reading(text, vietnamese_share(text.splitlines()))
    if got is None:
        return text, enc
    return got[0], f"{enc}+{got[1]}"


def read_input(path: Path) -> bytes:
    """A file's bytes, or InputError saying in one line why not."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory")
    if path.suffix.lower() in (*STRUCTURED_SUFFIXES, ".jsonl"):
        # read as a plan's text it would give a wrong plan, with no error
        raise InputError(
            f"{path}: a structured plan already (YAML/JSON), not a plan document; "
            "read it with kehoach summary, targets, assign, diff, view or validate"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def load_path(path: Path, ocr: bool = False) -> Loaded:
    return load_bytes(read_input(path), str(path), ocr)
