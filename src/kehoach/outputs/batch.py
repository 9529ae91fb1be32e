"""Many plans at once: which files, where each output goes, worker processes, the cache.

Workers read, parse and write one plan each and send back a few numbers, so memory stays
flat however many files there are; results come back in input order, so a run with one
worker and a run with many write the same bytes and report the same lines.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path, PurePath
from typing import TypeVar

from kehoach import __version__
from kehoach.outputs.words import count
from kehoach.read.load import TEXT_SUFFIXES, InputError

CACHE_NAME = ".kehoach-cache"

T = TypeVar("T")
R = TypeVar("R")


@dataclass
class Found:
    """Input files with the output path each gets, relative to the output folder."""

    files: list[tuple[Path, PurePath]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was left out, one line each


def discover(
    paths: Iterable[Path], suffixes: tuple[str, ...] = TEXT_SUFFIXES, recursive: bool = False
) -> Found:
    """Files as given; folders give their plan files sorted, subfolders only when recursive.

    Files of other types and unread subfolders are noted (never silently dropped); names
    starting with '.' (editor and cache files) are ignored.
    """
    found = Found()
    for p in paths:
        if not p.is_dir():
            found.files.append((p, PurePath(p.name)))
            continue
        before = len(found.files)
        _walk(p, p, suffixes, recursive, found)
        if len(found.files) == before:
            shown = ", ".join(
                x for x in suffixes if x not in (".markdown", ".text", ".htm", ".yml")
            )
            raise InputError(
                f"{p}: no plan files ({shown})"
                + (
                    ""
                    if recursive or not _subfolders(p)
                    else "; add --recursive to read its subfolders"
                )
            )
    return found


def _subfolders(p: Path) -> list[Path]:
    return sorted(d for d in p.iterdir() if d.is_dir() and not d.name.startswith("."))


def _walk(
    root: Path, folder: Path, suffixes: tuple[str, ...], recursive: bool, found: Found
) -> None:
    other: Counter[str] = Counter()
    subs: list[Path] = []
    for f in sorted(folder.iterdir()):
        if f.name.startswith("."):
            continue
        if f.is_dir():
            subs.append(f)
        elif f.suffix.lower() in suffixes:
            found.files.append((f, PurePath(f.relative_to(root))))
        else:
            other[f.suffix.lower() or "(no suffix)"] += 1
    if other:
        kinds = ", ".join(f"{n} {s}" for s, n in sorted(other.items()))
        skipped = count(sum(other.values()), "files of other types", "file of another type")
        found.notes.append(f"{folder}: skipped {skipped} ({kinds})")
    if recursive:
        for d in subs:
            _walk(root, d, suffixes, recursive, found)
    elif subs:
        names = ", ".join(d.name for d in subs[:5]) + (", …" if len(subs) > 5 else "")
        found.notes.append(
            f"{folder}: skipped {count(len(subs), 'subfolders')} ({names}); --recursive reads them"
        )


def output_names(files: list[tuple[Path, PurePath]], ext: str) -> list[PurePath]:
    """Output path per input: 'plan.yaml', or 'plan.md.yaml' where stems collide.

    plan.md, plan.txt and plan.docx in one folder would otherwise overwrite each other's
    output. Raises InputError when two inputs still map to one output (same name in two
    folders given side by side).
    """
    stems = Counter(rel.with_suffix("") for _, rel in files)
    out: list[PurePath] = []
    seen: dict[PurePath, Path] = {}
    for src, rel in files:
        stem = rel.with_suffix("")
        name = (
            rel.with_name(f"{rel.name}.{ext}")
            if stems[stem] > 1
            else stem.with_name(f"{stem.name}.{ext}")
        )
        if name in seen:
            raise InputError(
                f"{seen[name]} and {src} would both be written to {name}; "
                "give their folders one at a time, or their parent with --recursive"
            )
        seen[name] = src
        out.append(name)
    return out


@cache
def parser_version() -> str:
    """The package version plus a digest of its code and data: any rule change shows."""
    digest = hashlib.sha256()
    root = resources.files("kehoach")
    for sub in ("", "read", "structure", "facts", "outputs", "data"):
        folder = root.joinpath(sub) if sub else root
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith((".py", ".yaml")):
                digest.update(f"{sub}/{entry.name}\0".encode())
                digest.update(entry.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def cpu_count() -> int:
    """Cores this process may use (respects CPU affinity and containers' limits)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def pmap(fn: Callable[[T], R], items: list[T], jobs: int) -> Iterator[R]:
    """fn over items in worker processes, results in input order, streamed as they finish."""
    if jobs <= 1 or len(items) <= 1:
        yield from map(fn, items)
        return
    import multiprocessing

    jobs = min(jobs, len(items))
    chunk = max(1, min(8, len(items) // (jobs * 16)))
    context = multiprocessing.get_context()
    if context.get_start_method() == "fork":
        warm_up()  # forked workers start with the parser loaded and its patterns compiled
    with context.Pool(jobs) as pool:
        yield from pool.imap(fn, items, chunksize=chunk)


_WARM_UP = (
    "KẾ HOẠCH\nThử\n\nI. MỤC TIÊU\n1. Sở Y tế chủ trì: đến năm 2030 đạt 50% trước ngày 15/12.\n"
)


def warm_up() -> None:
    """Load the parser and build its caches (data files, compiled patterns, gazetteer) in
    this process, so that workers forked from it do not each build them again."""
    from kehoach.pipeline import parse
    from kehoach.read.load import load_bytes

    parse(load_bytes(_WARM_UP.encode(), "warm-up.txt"))


@dataclass(frozen=True)
class Task:
    src: str
    dest: str
    fmt: str
    known: str | None  # cache key recorded for dest by an earlier run
    version: str
    ocr: bool = False  # read scanned PDFs by OCR


@dataclass(frozen=True)
class Done:
    src: str
    dest: str
    key: str | None = None
    error: str | None = None
    facts: int = 0
    warnings: int = 0
    cached: bool = False


def cache_key(data: bytes, task: Task) -> str:
    """Same input bytes, path, format and parser: same output bytes."""
    ocr = " ocr" if task.ocr else ""
    return f"{hashlib.sha256(data).hexdigest()} {task.version} {task.fmt} {task.src}{ocr}"


def parse_one(task: Task) -> Done:
    """Worker: one input file to one output file (skipped when the cache says so)."""
    from kehoach.read.load import load_bytes, read_input

    try:
        data = read_input(Path(task.src))
    except InputError as exc:
        return Done(task.src, task.dest, error=str(exc))
    key = cache_key(data, task)
    if (
        task.known is not None
        and task.known.startswith(key + _OUT)
        and _unchanged(task.dest, task.known)
    ):
        return Done(task.src, task.dest, key=task.known, cached=True)
    from kehoach.outputs.io import dump, write_atomic  # the parser is loaded only when needed
    from kehoach.pipeline import parse

    try:
        plan = parse(load_bytes(data, task.src, task.ocr))
    except InputError as exc:
        return Done(task.src, task.dest, error=str(exc))
    text = dump(plan, task.fmt)
    try:
        write_atomic(Path(task.dest), text)
    except OSError as exc:
        why = f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
        return Done(task.src, task.dest, error=f"{task.dest}: cannot write ({why})")
    key += _OUT + _digest(text.encode("utf-8"))
    return Done(task.src, task.dest, key, None, fact_count(plan), len(plan.warnings))


_OUT = " out:"  # the cache also keeps a digest of the output written


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _unchanged(dest: str, known: str) -> bool:
    """Is the output still what this parser wrote there (not deleted, not edited)?"""
    try:
        written = Path(dest).read_bytes()
    except OSError:
        return False
    return known.endswith(_OUT + _digest(written))


def fact_count(plan: object) -> int:
    from kehoach.model import Plan

    assert isinstance(plan, Plan)
    return (
        len(plan.walk())
        + len(plan.references)
        + len(plan.targets)
        + len(plan.assignments)
        + len(plan.deadlines)
    )


@dataclass
class Cache:
    """What earlier runs wrote into an output folder: dest -> key, facts, warnings."""

    folder: Path
    entries: dict[str, tuple[str, int, int]] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> Cache:
        entries: dict[str, tuple[str, int, int]] = {}
        try:
            text = (folder / CACHE_NAME).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return cls(folder)
        for line in text.splitlines():
            parts = line.split("\t")
            if len(parts) == 4 and parts[2].isdigit() and parts[3].isdigit():
                entries[parts[0]] = (parts[1], int(parts[2]), int(parts[3]))
        return cls(folder, entries)

    def known(self, dest: PurePath) -> str | None:
        got = self.entries.get(str(dest))
        return got[0] if got else None

    def record(self, dest: PurePath, done: Done) -> Done:
        """Remember a fresh result; a cached one gets its earlier counts back."""
        if done.cached:
            _, facts, warnings = self.entries[str(dest)]
            return Done(done.src, done.dest, done.key, None, facts, warnings, True)
        if done.key is not None:
            self.entries[str(dest)] = (done.key, done.facts, done.warnings)
        else:
            self.entries.pop(str(dest), None)
        return done

    def write(self) -> None:
        from kehoach.outputs.io import write_atomic

        lines = [f"{d}\t{k}\t{f}\t{w}\n" for d, (k, f, w) in sorted(self.entries.items())]
        write_atomic(self.folder / CACHE_NAME, "".join(lines))


@dataclass
class Tally:
    files: int = 0
    written: int = 0
    cached: int = 0
    failed: int = 0
    facts: int = 0
    warnings: int = 0
    stale: list[str] = field(default_factory=list)  # earlier outputs of these inputs


def parse_to_folder(
    files: list[tuple[Path, PurePath]],
    out_dir: Path,
    fmt: str,
    jobs: int,
    force: bool = False,
    on_done: Callable[[Done], None] = lambda d: None,
    ocr: bool = False,
) -> Tally:
    """Parse every file into out_dir, skipping those the cache vouches for."""
    names = output_names(files, fmt)
    earlier = Cache.read(out_dir)
    cache_ = Cache(out_dir) if force else earlier
    version = parser_version()
    tasks = [
        Task(
            str(src),
            str(out_dir / name),
            fmt,
            None if force else cache_.known(name),
            version,
            ocr,
        )
        for (src, _), name in zip(files, names, strict=True)
    ]
    tally = Tally(files=len(tasks))
    try:
        for name, done in zip(names, pmap(parse_one, tasks, jobs), strict=False):
            done = cache_.record(name, done)
            if done.error:
                tally.failed += 1
            else:
                tally.written += 1
                tally.cached += done.cached
                tally.facts += done.facts
                tally.warnings += done.warnings
            on_done(done)
    finally:
        out_dir.mkdir(parents=True, exist_ok=True)
        cache_.write()
    tally.stale = stale_outputs(earlier, {str(src) for src, _ in files}, set(map(str, names)))
    return tally


def stale_outputs(earlier: Cache, sources: set[str], written: set[str]) -> list[str]:
    """Files an earlier run wrote for these same inputs under another name: a format
    given then (.yaml, now .json), or a name since made longer by a sibling of another
    type ('plan.yaml', now 'plan.txt.yaml' beside 'plan.pdf.yaml'). They are reported,
    not deleted: they are the user's files."""
    out = []
    for dest, (key, _, _) in sorted(earlier.entries.items()):
        parts = key.rsplit(_OUT, 1)[0].split(" ", 3)
        src = parts[3].removesuffix(" ocr") if len(parts) == 4 else ""
        if src in sources and dest not in written and (earlier.folder / dest).exists():
            out.append(dest)
    return out
