"""Variants of the sample plans in the shapes users also have (DESIGN.md).

Each function takes a web copy's text and returns the same plan as another kind of
copy would show it. They are deterministic, so tests can assert exact results.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata

SIG_272 = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\nLương Trọng Quỳnh\n"


def _body_272(text: str) -> list[str]:
    """The 272 sample's lines from its title to its last paragraph (no chrome, no header)."""
    lines = text.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.strip() == "KẾ HOẠCH")
    end = next(i for i, ln in enumerate(lines) if ln.startswith("| TM."))
    return lines[start:end]


def pdf_text(text: str, blank_number: bool = False, width: int = 88) -> str:
    """Text pulled from the signed PDF: header one cell per line, lines wrapped
    mid-sentence, page numbers between paragraphs and inside them."""
    number = "Số: /KH-UBND" if blank_number else "Số: 272/KH-UBND"
    out = [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LẠNG SƠN",
        "",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "",
        number,
        "",
        "Lạng Sơn, ngày 24 tháng 12 năm 2024",
        "",
    ]
    page = 1
    for n, line in enumerate(_body_272(text)):
        wrapped = textwrap.wrap(line, width=width, break_long_words=False) or [""]
        # textwrap never starts a line with a list label here; a PDF may, but rarely.
        for k, w in enumerate(wrapped):
            out.append(w)
            if k == 1 and n % 17 == 5:
                page += 1
                out.append(str(page))
        if n % 11 == 10:
            page += 1
            out += ["", str(page), ""]
    out += [
        "",
        "Nơi nhận:",
        "- Bộ Nông nghiệp và PTNT;",
        "- TT Tỉnh ủy, HĐND tỉnh;",
        "- Lưu: VT, KT.",
        "",
    ]
    out += SIG_272.split("\n")
    return "\n".join(out) + "\n"


def markdown(text: str) -> str:
    """Markdown converted from a web page: front matter, pipe-table title block,
    bold headings (some opening on one line and closing on another), escapes."""
    out = [
        "---",
        'title: "Kế hoạch 272/KH-UBND"',
        "source: web",
        "---",
        "",
        "| ỦY BAN NHÂN DÂN<br>TỈNH LẠNG SƠN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc |",
        "|---|---|",
        "| Số: 272/KH-UBND | *Lạng Sơn, ngày 24 tháng 12 năm 2024* |",
        "",
    ]
    body = _body_272(text)
    for i, line in enumerate(body):
        if line == "KẾ HOẠCH":
            out += ["# KẾ HOẠCH", ""]
        elif i == 1:
            out += [f"**{line}**", ""]
        elif re.match(r"^[IVX]+\. ", line):
            out += [f"## {line}", ""]
        elif re.match(r"^\d+\.\d+\. ", line):
            out += [f"**{line}**", ""]
        elif re.match(r"^\d+\. ", line):
            num, rest = line.split(". ", 1)
            out += [f"{num}\\. **{rest}**", ""]
        elif line.startswith("- ") and i % 3 == 0:
            out += ["* " + line[2:], ""]
        else:
            out += [line, ""]
    out += [
        "| **TM. ỦY BAN NHÂN DÂN**<br>**KT. CHỦ TỊCH**<br>**PHÓ CHỦ TỊCH**<br><br>**Lương Trọng Quỳnh** |",
        "",
    ]
    return "\n".join(out)


def document_lines(text: str) -> list[str]:
    """A web copy's lines from its title block to just before its signature or cut."""
    lines = text.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("ỦY BAN NHÂN DÂN"))
    end = next(
        (
            i
            for i, ln in enumerate(lines)
            if i > start and (ln.startswith(("| TM.", "Nơi nhận", "[...]")))
        ),
        len(lines),
    )
    return [ln.replace("|", " ").strip() for ln in lines[start:end]]


def reflowed(text: str, cut: int | None = None) -> str:
    """A crawl that reflowed the text into long CRLF lines, headings run inline."""
    flat = " ".join(ln for ln in document_lines(text) if ln and not set(ln) <= set("-"))
    if cut is not None:
        flat = flat[:cut]
    # Long lines of about 2,500 characters, broken at a space.
    parts: list[str] = []
    while len(flat) > 2500:
        k = flat.rfind(" ", 0, 2500)
        parts.append(flat[:k])
        flat = flat[k + 1 :]
    parts.append(flat)
    return "\r\n".join(parts) + "\r\n"


def department(text: str) -> str:
    """The same plan issued by a department (KH-SCT) under its province."""
    body = "\n".join(_body_272(text))
    head = (
        "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\nSỞ CÔNG THƯƠNG\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n\nSố: 45/KH-SCT\n\nLạng Sơn, ngày 24 tháng 12 năm 2024\n\n"
    )
    sig = "\nNơi nhận:\n- UBND tỉnh;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\n\nNguyễn Văn An\n"
    return head + body + "\n" + sig


def decision_with_plan(text: str) -> str:
    """A Quyết định that issues the plan, the plan following its signature."""
    qd = (
        "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n\nSố: 2345/QĐ-UBND\n\n"
        "Lạng Sơn, ngày 24 tháng 12 năm 2024\n\nQUYẾT ĐỊNH\n\n"
        "Ban hành Kế hoạch thực hiện Chiến lược phát triển ngành nghề nông thôn tỉnh Lạng Sơn đến năm 2030\n\n"
        "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\n\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\n"
        "Căn cứ Quyết định số 1058/QĐ-TTg ngày 14/9/2023 của Thủ tướng Chính phủ phê duyệt Chiến lược phát "
        "triển ngành nghề nông thôn đến năm 2030, tầm nhìn đến năm 2045;\n\n"
        "Theo đề nghị của Giám đốc Sở Nông nghiệp và Phát triển nông thôn tại Tờ trình số 99/TTr-SNN "
        "ngày 01/12/2024.\n\nQUYẾT ĐỊNH:\n\n"
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Chiến lược phát triển ngành nghề "
        "nông thôn tỉnh Lạng Sơn đến năm 2030, tầm nhìn đến năm 2045.\n\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\n"
        "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở, ban, ngành; Chủ tịch UBND các huyện, "
        "thành phố chịu trách nhiệm thi hành Quyết định này./.\n\n"
        "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\nHồ Tiến Thiệu\n\n"
    )
    body = _body_272(text)
    plan = [
        body[0],
        body[1],
        "(Ban hành kèm theo Quyết định số 2345/QĐ-UBND ngày 24/12/2024 của UBND tỉnh Lạng Sơn)",
    ]
    plan += body[2:]
    return qd + "\n".join(plan) + "\n\n" + SIG_272


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def pipe_table_appendix(text: str) -> str:
    """The Lào Cai appendix (one cell per line, empty cells as no-break spaces) rewritten as
    a Markdown pipe table, row by row, as a converter from PDF would print it."""
    lines = text.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("PHỤ BIỂU 01"))
    end = next(i for i, ln in enumerate(lines) if ln.startswith("Đã xem"))
    cells = [("" if ln.strip() == "" else ln.strip()) for ln in lines[start + 3 : end] if ln != ""]
    label = re.compile(r"^(?:[A-Z]|[IVX]+|\d{1,2})$")
    rows: list[list[str]] = [[]]
    for i, c in enumerate(cells):
        nxt = cells[i + 1] if i + 1 < len(cells) else ""
        if label.match(c) and re.search(r"[^\W\d_]{2,}", nxt) and not label.match(nxt) and rows[-1]:
            rows.append([])
        rows[-1].append(c)
    table = ["| " + " | ".join(r) + " |" for r in rows]
    table.insert(1, "|---|---|---|---|---|")
    return "\n".join([*lines[: start + 3], "", *table, "", *lines[end:]]) + "\n"


def pdf_any(text: str, width: int = 90) -> str:
    """Any web-copy sample as PDF text: two header columns run together on one line,
    body lines wrapped mid-sentence, a page number every 40 lines, signature block."""
    out: list[str] = []
    for n, line in enumerate(document_lines(text)):
        wrapped = textwrap.wrap(line, width=width, break_long_words=False) or [""]
        out.extend(wrapped)
        if n % 40 == 39:
            out += ["", str(n // 40 + 2), ""]
    return "\n".join([*out, "", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Nguyễn Văn A", ""])


def markdown_any(text: str) -> str:
    """Any web-copy sample as Markdown from a web page: front matter, headings marked up,
    bold that opens on a heading line and closes on the next, '*' bullets."""
    out = ["---", "source: web", "---", ""]
    lines = document_lines(text)
    for i, line in enumerate(lines):
        if re.match(r"^[IVX]+\. ", line):
            out += [f"## {line}", ""]
        elif re.match(r"^\d+\.\d+\. ", line):
            out += [f"### {line}", ""]
        elif re.match(r"^\d+\. ", line):
            num, rest = line.split(". ", 1)
            out += [f"**{num}\\. {rest}", "**" if i % 2 else "", ""]
        elif re.match(r"^[a-zđ]\) ", line):
            out += [f"*{line[:2]}* {line[3:]}", ""]
        elif line.startswith("- "):
            out += ["* " + line[2:], ""]
        else:
            out += [line, ""]
    return "\n".join(out) + "\n"


def _head_cells(text: str) -> tuple[list[str], list[str], str, str, list[str]]:
    """(issuer cells, motto cells, number line, date line, lines from the doc type on)."""
    lines = document_lines(text)
    start = next(i for i, ln in enumerate(lines) if ln in ("KẾ HOẠCH", "CHƯƠNG TRÌNH"))
    raw = text.split("\n")
    first = next(i for i, ln in enumerate(raw) if ln.startswith("ỦY BAN NHÂN DÂN"))
    cells: list[str] = []
    for ln in raw[first:]:
        if ln.strip() in ("KẾ HOẠCH", "CHƯƠNG TRÌNH"):
            break
        cells += [c.strip() for c in ln.split("|") if c.strip() and not set(c.strip()) <= set("-")]
    motto = [c for c in cells if re.search(r"CỘNG HÒA|Độc lập", c)]
    number = next((c for c in cells if c.startswith("Số")), "Số:")
    date = next((c for c in cells if ", ngày" in c), "")
    issuer = [c for c in cells if c not in (*motto, number, date)]
    return issuer, motto, number, date, [ln for ln in lines[start:] if ln]


def crawl(text: str, width: int = 90) -> str:
    """A crawl as legal-document websites' crawlers store it: the title block's cells run
    together ('ỦY BAN NHÂN DÂN TỈNH X ------- CỘNG HÒA ... Số: ...'), every paragraph break
    lost, the text wrapped every ~90 characters with CRLF, headings mid-line."""
    issuer, motto, number, date, body = _head_cells(text)
    head = [*issuer, "-------", *motto, "---------------", number, date]
    flat = " ".join([*head, *body])
    return "\r\n".join(textwrap.wrap(flat, width=width, break_long_words=False)) + "\r\n"


def web_markdown(text: str, width: int = 80) -> str:
    """Markdown saved from a web page by an extractor such as Trafilatura: the title block
    as a table printed one cell per line between '|' lines, each paragraph wrapped over
    several lines with a blank line between paragraphs, bold that opens on one line and
    closes on the next ('**1.' / 'Sở Y tế:**')."""
    issuer, motto, number, date, body = _head_cells(text)
    out = ["|", f"**{issuer[0]}**", *issuer[1:], "-------", "|", f"**{motto[0]}**", *motto[1:]]
    out += ["---------------", "|", "|", number, "|", f"*{date}*", "|", ""]
    for line in body:
        m = re.match(r"^(\d+\.|[IVX]+\.)\s+(.*)$", line)
        if m and len(m.group(2)) < 60:  # the number alone in bold, the title on the next line
            out += [f"**{m.group(1)}", f"{m.group(2)}**", ""]
            continue
        out += [*textwrap.wrap(line, width=width, break_long_words=False), ""]
    return "\n".join(out) + "\n"
