"""Word (.docx) -> text lines: one paragraph per line, table rows as '| cell | cell |'.

A .docx is a zip of XML; the standard library reads it. What Word shows but the text
runs do not hold is rebuilt: list numbers from numbering.xml ('I.', '1.', 'a)' of
headings numbered automatically), footnotes (a '[n]' mark in the body, '[n] text' lines
after it), tracked changes (insertions kept, deletions dropped). A layout table holding
the title block or the signature block gives its columns one after the other, as they
are read; other tables give pipe rows. Runs typed in an old Vietnamese font (.VnTime,
VNI-Times) are converted to Unicode.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

import regex

from kehoach.read.encodings import font_encoding, to_unicode
from kehoach.read.layout import goes_on

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_PART = 60_000_000  # unpacked bytes of one XML part; more is a zip bomb, not a plan
MAX_RATIO = 200  # unpacked / packed size of one part


class DocxError(Exception):
    """The Word file cannot be read; the message says why in a few words."""


def is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, zlib.error, struct.error):
        return False


def _read(z: zipfile.ZipFile, name: str) -> bytes | None:
    """One part, refusing a zip bomb before unpacking it (sizes from the directory, then
    a capped read in case the directory lies)."""
    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART or (
        info.compress_size and info.file_size / info.compress_size > MAX_RATIO
    ):
        raise DocxError(f"{name} unpacks to {info.file_size:,} bytes (a zip bomb?)")
    with z.open(info) as fh:
        data = fh.read(MAX_PART + 1)
    if len(data) > MAX_PART:
        raise DocxError(f"{name} unpacks to more than {MAX_PART:,} bytes (a zip bomb?)")
    return data


def _xml(data: bytes | None) -> ET.Element | None:
    if data is None:
        return None
    if b"<!ENTITY" in data[:4096]:
        raise DocxError("XML with entity declarations is refused")
    return ET.fromstring(data)


# -- numbering ------------------------------------------------------------------------------


@dataclass
class _Level:
    fmt: str
    text: str
    start: int


@dataclass
class _Numbering:
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId ->
    nums: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> starts
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> numId, ilvl
    counters: dict[str, list[int]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    def label(self, num_id: str, ilvl: int) -> str:
        """The number Word prints before the paragraph ('II.', '2.', 'b)'; '-' for a bullet)."""
        abstract = self.nums.get(num_id)
        if abstract is None or num_id == "0":
            return ""
        levels = self.levels.get(abstract, {})
        lvl = levels.get(ilvl)
        if lvl is None:
            return ""
        if lvl.fmt == "bullet":
            return "-"
        if lvl.fmt == "none":
            return lvl.text.strip()
        counts = self.counters.setdefault(abstract, [0] * 10)
        if num_id not in self.used:
            self.used.add(num_id)
            for k, start in self.overrides.get(num_id, {}).items():
                if 0 <= k < 10:
                    counts[k] = start - 1
                    for deeper in range(k + 1, 10):
                        counts[deeper] = 0
        if 0 <= ilvl < 10:
            counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else lvl.start
            for deeper in range(ilvl + 1, 10):
                counts[deeper] = 0

        def sub(m: regex.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k)
            n = counts[k] if 0 <= k < 10 and counts[k] else (lv.start if lv else 1)
            return _format(n, lv.fmt if lv else "decimal")

        return str(regex.sub(r"%(\d)", sub, lvl.text)).strip()


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip


def _format(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        out, rest = "", max(1, min(n, 3999))
        for value, sym in _ROMAN:
            while rest >= value:
                out, rest = out + sym, rest - value
        return out.upper() if fmt == "upperRoman" else out
    if fmt in ("upperLetter", "lowerLetter"):
        letters = "abcdefghijklmnopqrstuvwxyz"
        s = letters[(n - 1) % 26] * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _numbering(num_xml: ET.Element | None, styles_xml: ET.Element | None) -> _Numbering:
    out = _Numbering()
    if num_xml is not None:
        for ab in num_xml.findall(f"{_W}abstractNum"):
            aid = ab.get(f"{_W}abstractNumId", "")
            levels: dict[int, _Level] = {}
            for lv in ab.findall(f"{_W}lvl"):
                ilvl = _int(lv.get(f"{_W}ilvl"), 0)
                fmt = _val(lv.find(f"{_W}numFmt")) or "decimal"
                text = _val(lv.find(f"{_W}lvlText")) or ""
                levels[ilvl] = _Level(fmt, text, _int(_val(lv.find(f"{_W}start")), 1))
            out.levels[aid] = levels
        for num in num_xml.findall(f"{_W}num"):
            nid = num.get(f"{_W}numId", "")
            out.nums[nid] = _val(num.find(f"{_W}abstractNumId")) or ""
            for ov in num.findall(f"{_W}lvlOverride"):
                start = ov.find(f"{_W}startOverride")
                if start is not None:
                    ilvl = _int(ov.get(f"{_W}ilvl"), 0)
                    out.overrides.setdefault(nid, {})[ilvl] = _int(_val(start), 1)
    if styles_xml is not None:
        for st in styles_xml.findall(f"{_W}style"):
            numpr = st.find(f"{_W}pPr/{_W}numPr")
            if numpr is not None:
                sid = _val(numpr.find(f"{_W}numId"))
                if sid:
                    ilvl = _int(_val(numpr.find(f"{_W}ilvl")), 0)
                    out.styles[st.get(f"{_W}styleId", "")] = (sid, ilvl)
    return out


def _val(el: ET.Element | None) -> str | None:
    return None if el is None else el.get(f"{_W}val")


def _int(s: str | None, default: int) -> int:
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default


# -- text -----------------------------------------------------------------------------------

_SKIP = {f"{_W}{t}" for t in ("del", "moveFrom", "instrText", "delText", "delInstrText")}
LAYOUT_TABLE = regex.compile(
    r"cộng hòa xã hội|cộng hoà xã hội|độc lập\s*[-–]\s*tự do|^số\s*:|nơi nhận|"
    r"^(?:tm|kt|tl|q)\.\s|^t/m\b|^k/t\b",
    regex.IGNORECASE,
)


@dataclass
class _Reader:
    numbering: _Numbering
    notes: dict[str, str]
    fonts: dict[str, str]  # styleId -> font name of the style's runs
    note_order: list[str] = field(default_factory=list)
    encodings: set[str] = field(default_factory=set)
    in_cell: bool = False  # reading a table cell's paragraphs

    def run_text(self, run: ET.Element, style_font: str | None) -> str:
        parts: list[str] = []
        font = style_font
        rpr = run.find(f"{_W}rPr")
        if rpr is not None:
            f = rpr.find(f"{_W}rFonts")
            if f is not None:
                font = f.get(f"{_W}ascii") or f.get(f"{_W}hAnsi") or font
        for node in run:
            tag = node.tag
            if tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif tag in (f"{_W}tab", f"{_W}ptab"):
                parts.append(" ")
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif tag in (f"{_W}footnoteReference", f"{_W}endnoteReference"):
                nid = node.get(f"{_W}id", "")
                kind = "f" if tag.endswith("footnoteReference") else "e"
                self.note_order.append(kind + nid)
                parts.append(f"[{len(self.note_order)}]")
            elif tag == f"{_W}sym":
                parts.append(" ")
        text = "".join(parts)
        enc = font_encoding(font)
        if enc and text:
            self.encodings.add(enc)
            text = to_unicode(text, enc)
        return text

    def para_text(self, p: ET.Element) -> str:
        ppr = p.find(f"{_W}pPr")
        style = _val(ppr.find(f"{_W}pStyle")) if ppr is not None else None
        label = ""
        numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
        if numpr is not None:
            nid = _val(numpr.find(f"{_W}numId"))
            if nid is not None:
                label = self.numbering.label(nid, _int(_val(numpr.find(f"{_W}ilvl")), 0))
        elif style in self.numbering.styles:
            nid, ilvl = self.numbering.styles[style]
            label = self.numbering.label(nid, ilvl)
        style_font = self.fonts.get(style or "") or self.fonts.get("")
        parts: list[str] = []
        self._collect(p, parts, style_font)
        text = "".join(parts)
        if label and text.strip():
            text = f"{label} {text.lstrip()}"
        elif label and label != "-" and self.in_cell:
            # an empty numbered paragraph in a table cell is how Word numbers a table's
            # rows ('STT' / 'TT' column): it prints the number alone
            text = label
        return text

    def _collect(self, el: ET.Element, parts: list[str], font: str | None) -> None:
        for node in el:
            if node.tag in _SKIP:
                continue
            if node.tag == f"{_W}r":
                parts.append(self.run_text(node, font))
            elif node.tag == f"{_W}p":
                parts.append("\n" + self.para_text(node))
            elif node.tag != f"{_W}pPr":
                self._collect(node, parts, font)

    def blocks(self, container: ET.Element, out: list[str]) -> None:
        for block in container:
            if block.tag == f"{_W}p":
                out.extend(_unbreak(self.para_text(block).split("\n")))
            elif block.tag == f"{_W}tbl":
                self.table(block, out)
            elif block.tag not in _SKIP and block.tag != f"{_W}sectPr":
                self.blocks(block, out)  # content controls, custom XML, smart tags

    def cell_lines(self, cell: ET.Element) -> list[str]:
        lines: list[str] = []
        outer, self.in_cell = self.in_cell, True
        self.blocks(cell, lines)
        self.in_cell = outer
        return [" ".join(ln.split()) for ln in lines if ln.strip()]

    def table(self, tbl: ET.Element, out: list[str]) -> None:
        rows = [
            [self.cell_lines(c) for c in tr.findall(f"{_W}tc")] for tr in tbl.findall(f"{_W}tr")
        ]
        ncol = max((len(r) for r in rows), default=0)
        layout = (
            ncol <= 3
            and len(rows) <= 4
            and any(LAYOUT_TABLE.search(ln) for r in rows for c in r for ln in c)
        )
        if layout:
            # The title block or signature block: each column read top to bottom.
            for k in range(ncol):
                for r in rows:
                    if k < len(r):
                        out.extend(r[k])
            return
        for r in rows:
            out.append("| " + " | ".join(" ".join(c) for c in r) + " |")


def _unbreak(parts: list[str]) -> list[str]:
    """Parts of one paragraph split by manual line breaks; a part that goes on in lower
    case continues the one before (a title or sentence broken by hand)."""
    out: list[str] = []
    for part in parts:
        if out and out[-1].strip() and goes_on(part.strip()):
            out[-1] = out[-1].rstrip() + " " + part.strip()
        else:
            out.append(part)
    return out


def _style_fonts(styles_xml: ET.Element | None) -> dict[str, str]:
    fonts: dict[str, str] = {}
    if styles_xml is None:
        return fonts
    default = styles_xml.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}rFonts")
    if default is not None:
        name = default.get(f"{_W}ascii") or default.get(f"{_W}hAnsi")
        if name:
            fonts[""] = name
    for st in styles_xml.findall(f"{_W}style"):
        f = st.find(f"{_W}rPr/{_W}rFonts")
        if f is not None:
            name = f.get(f"{_W}ascii") or f.get(f"{_W}hAnsi")
            if name:
                fonts[st.get(f"{_W}styleId", "")] = name
    return fonts


def _notes(root: ET.Element | None, kind: str, reader: _Reader) -> dict[str, str]:
    out: dict[str, str] = {}
    if root is None:
        return out
    for note in root:
        nid = note.get(f"{_W}id", "")
        if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        lines: list[str] = []
        reader.blocks(note, lines)
        out[kind + nid] = " ".join(" ".join(ln.split()) for ln in lines if ln.strip())
    return out


@dataclass(frozen=True)
class DocxText:
    lines: list[str]
    encoding: str  # 'docx', or 'docx+tcvn3' when runs in an old font were converted


def docx_to_lines(data: bytes) -> DocxText:
    """Paragraphs and tables of the document body in order, then its footnotes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            doc = _xml(_read(z, "word/document.xml"))
            numbering = _xml(_read(z, "word/numbering.xml"))
            styles = _xml(_read(z, "word/styles.xml"))
            foot = _xml(_read(z, "word/footnotes.xml"))
            end = _xml(_read(z, "word/endnotes.xml"))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        OSError,
        ValueError,
        zlib.error,
        struct.error,
    ) as exc:
        raise DocxError(f"damaged zip ({type(exc).__name__}: {exc})") from None
    except ET.ParseError as exc:
        raise DocxError(f"damaged XML ({exc})") from None
    except NotImplementedError as exc:
        raise DocxError(f"unsupported zip ({exc})") from None
    if doc is None:
        raise DocxError("no word/document.xml")
    reader = _Reader(_numbering(numbering, styles), {}, _style_fonts(styles))
    notes = _notes(foot, "f", reader) | _notes(end, "e", reader)
    reader.note_order.clear()
    reader.numbering.counters.clear()
    reader.numbering.used.clear()
    body = doc.find(f"{_W}body")
    lines: list[str] = []
    if body is not None:
        reader.blocks(body, lines)
    for k, nid in enumerate(reader.note_order, start=1):
        if notes.get(nid):
            lines.append(f"[{k}] {notes[nid]}")
    enc = "docx" + "".join(f"+{e}" for e in sorted(reader.encodings))
    return DocxText(lines, enc)


def docx_to_text(data: bytes) -> str:
    return "\n".join(docx_to_lines(data).lines) + "\n"
