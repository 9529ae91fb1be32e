"""Word 97-2003 (.doc) -> text lines through antiword, or catdoc where antiword is missing.

Both are small Debian packages; the binary format itself is not worth a reader of our
own. antiword prints tables as '|a |b |' rows: a layout table holding the title block or
the signature block gives its columns one after the other, other tables pipe rows.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

import regex

from kehoach.read.docx import LAYOUT_TABLE
from kehoach.read.layout import goes_on, row_goes_on

TIMEOUT = 60  # seconds; a plan converts in well under one


class DocError(Exception):
    """The .doc cannot be read; the message says why and what to do."""


def is_doc(data: bytes) -> bool:
    return data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def _tool() -> list[str] | None:
    if shutil.which("antiword"):
        return ["antiword", "-w", "0", "-m", "UTF-8.txt"]
    if shutil.which("catdoc"):
        return ["catdoc", "-w", "-d", "utf-8"]
    return None


def doc_to_lines(data: bytes) -> tuple[list[str], str]:
    """(lines, tool name); DocError when no converter is installed or it fails."""
    cmd = _tool()
    if cmd is None:
        raise DocError(
            "an old Word (.doc) file; install antiword or catdoc "
            "(apt-get install antiword), or save it as .docx"
        )
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "in.doc")
        with open(path, "wb") as fh:
            fh.write(data)
        try:
            done = subprocess.run([*cmd, path], capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise DocError(f"{cmd[0]} took more than {TIMEOUT} s") from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        if any("encrypt" in ln.lower() or "password" in ln.lower() for ln in why):
            raise DocError("the .doc file is password-protected")
        last = why[-1] if why else f"exit status {done.returncode}"
        raise DocError(f"{cmd[0]} cannot read it ({last[:120]})")
    text = done.stdout.decode("utf-8", "replace")
    return _lines(text), cmd[0]


_ROW = regex.compile(r"^\s*\|.*\|\s*$")


def _lines(text: str) -> list[str]:
    """antiword output to lines: paragraphs stripped, table runs regrouped."""
    out: list[str] = []
    raw = text.replace("\f", "\n").split("\n")
    i = 0
    while i < len(raw):
        if _ROW.match(raw[i]):
            rows: list[list[str]] = []
            while i < len(raw) and _ROW.match(raw[i]):
                rows.append([c.strip() for c in raw[i].strip().strip("|").split("|")])
                i += 1
            out.extend(_table(rows))
            continue
        ln = " ".join(raw[i].split())
        if goes_on(ln) and out and out[-1] and not out[-1].startswith("|"):
            out[-1] += " " + ln  # a manual line break: antiword puts paragraphs apart
        else:
            out.append(ln)
        i += 1
    return out


def _table(rows: list[list[str]]) -> list[str]:
    ncol = max(len(r) for r in rows)
    if ncol <= 3 and any(LAYOUT_TABLE.search(c) for r in rows for c in r):
        # Title or signature block: each column top to bottom; a cell's text wrapped over
        # several printed rows is one line when the next row continues it in lower case.
        out: list[str] = []
        for k in range(ncol):
            col = [" ".join(r[k].split()) for r in rows if k < len(r) and r[k].strip()]
            for cell in col:
                if out and cell[:1].islower() and _continues(out[-1]):
                    out[-1] += " " + cell
                else:
                    out.append(cell)
        return out
    out = []
    for r in rows:
        row = "| " + " | ".join(" ".join(c.split()) for c in r) + " |"
        joined = row_goes_on(out[-1], row) if out else None
        if joined is not None:
            out[-1] = joined  # antiword prints a cell's wrapped text as more rows
        else:
            out.append(row)
    return out


def _continues(prev: str) -> bool:
    return not prev.endswith((";", ".", ":"))
