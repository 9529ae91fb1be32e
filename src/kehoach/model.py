"""Output models: the contract other tools read (see DESIGN.md, 'Output contract')."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SectionKind = Literal[
    "purpose", "objectives", "tasks", "funding", "implementation", "reporting", "appendix", "other"
]
Comparator = Literal["eq", "approx", "min", "max", "range"]
Recurrence = Literal["once", "yearly", "semiannual", "quarterly", "monthly"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """1-based line numbers in the source text, both inclusive."""

    line_start: int = Field(ge=0)
    line_end: int = Field(ge=0)
    page: int | None = Field(
        None,
        ge=1,
        description="Page of the original file (PDF) the span starts on; omitted for text",
        exclude_if=lambda v: v is None,
    )


class Block(_Model):
    kind: Literal["paragraph", "bullet", "row"]
    text: str
    span: Span


class Section(_Model):
    path: str = Field(description="Stable id: 'III.2.1', 'PB01.A.III#2'")
    label: str = Field(description="The number or letter as printed")
    title: str
    kind: SectionKind | None = Field(None, description="Top-level sections only")
    style: str = Field(
        description="Numbering style: roman, arabic, decimal, letter, row, appendix ..."
    )
    heading: str = Field(description="The heading line after its number, in full")
    span: Span
    body: list[Block] = Field(default_factory=list)
    children: list[Section] = Field(default_factory=list)


class Metadata(_Model):
    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    issued_date: dt.date | None = None
    signer: str | None = None
    title: str | None = None
    implements: list[str] = Field(default_factory=list)


class Reference(_Model):
    number: str
    doc_type: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    quote: str
    span: Span


class Target(_Model):
    section: str
    year: int | None = None
    indicator: str
    comparator: Comparator
    value: float
    value_max: float | None = None
    unit: str | None = None
    baseline_year: int | None = None
    change: Literal["increase", "decrease"] | None = Field(
        None,
        description="Set when the value is the size of a change the text asks for "
        "('tăng 10%', 'giảm 1,5%/năm'); null when it is a level to reach "
        "('đạt 90%', 'giảm ... xuống dưới 3%')",
    )
    quote: str
    span: Span


class Duty(_Model):
    text: str
    span: Span


class Assignment(_Model):
    agency: str
    as_written: str
    section: str
    duties: list[Duty] = Field(default_factory=list)
    partners: list[str] = Field(default_factory=list)


class Deadline(_Model):
    section: str
    what: str
    to: str | None = None
    recurrence: Recurrence
    month: int | None = Field(None, ge=1, le=12)
    day: int | None = Field(None, ge=1, le=31)
    date: dt.date | None = None
    quote: str
    span: Span


class Trimmed(_Model):
    line_start: int
    line_end: int
    reason: str


class Source(_Model):
    path: str
    sha256: str
    encoding: str
    lines: int
    pages: int | None = Field(
        None, description="Pages of the original file (PDF)", exclude_if=lambda v: v is None
    )


class Quality(_Model):
    """A self-check of the parse, so that a user with many plans sees which to review."""

    lines_accounted: float = Field(
        description="Share of non-blank input lines placed somewhere: title block, preamble, "
        "a section, signature, footnotes or trimmed"
    )
    unplaced: list[Span] = Field(
        default_factory=list, description="Non-blank lines accounted for nowhere"
    )
    body_lines_in_sections: float = Field(
        description="Share of the body's non-blank lines (preamble and sections) inside a section"
    )
    outline_in_sequence: bool = Field(
        description="Top-level headings numbered I, II, III ... without gaps (A., B. parts too)"
    )
    title_fields: int = Field(description="Title-block fields found, of 7 (not implements)")
    title_fields_missing: list[str] = Field(default_factory=list)
    title_fields_blank: list[str] = Field(
        default_factory=list,
        description="Fields the title block prints but leaves blank ('Số: /KH-UBND', a draft)",
    )
    facts_by_kind: dict[str, dict[str, int]] = Field(
        default_factory=dict,
        description="Per top-level section kind: targets, assignments and deadlines found",
    )
    unknown_agency_like: list[str] = Field(
        default_factory=list, description="Names that look like agencies but are not known"
    )
    review: list[str] = Field(
        default_factory=list, description="Why this plan should be read by a person, if at all"
    )


class Plan(_Model):
    schema_version: Literal["1"] = "1"
    source: Source
    metadata: Metadata
    sections: list[Section]
    targets: list[Target] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    preamble: list[Block] = Field(
        default_factory=list, description="Text between title and first heading"
    )
    trimmed: list[Trimmed] = Field(
        default_factory=list, description="Lines dropped as website chrome"
    )
    title_block: Span | None = Field(None, description="Lines of the title block")
    signatures: list[Span] = Field(
        default_factory=list, description="Signature blocks and distribution lists ('Nơi nhận')"
    )
    footnotes: list[Block] = Field(
        default_factory=list, description="Footnotes: they give references only"
    )
    quality: Quality | None = None
    warnings: list[str] = Field(default_factory=list)

    def walk(self) -> list[Section]:
        out: list[Section] = []
        stack = list(reversed(self.sections))
        while stack:
            s = stack.pop()
            out.append(s)
            stack.extend(reversed(s.children))
        return out
