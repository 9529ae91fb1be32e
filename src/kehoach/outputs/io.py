"""Reading and writing structured plans: YAML/JSON out, atomic writes, safe reads."""

from __future__ import annotations

import errno
import io
import json
import os
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import IO, Any

import yaml
from pydantic import ValidationError

from kehoach.model import Plan
from kehoach.pipeline import parse
from kehoach.read.load import STRUCTURED_SUFFIXES, InputError, load_bytes, load_path

_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader, leaving timestamps as written: an unquoted `2024-13-01` then
    reaches the model, which names the field ('metadata.issued_date: ...'), instead of
    failing inside the YAML reader with no field to name."""


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def dump(plan: Plan, fmt: str) -> str:
    """The plan as YAML or JSON text; the same plan always gives the same bytes."""
    data = plan.model_dump(mode="json")
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    return _yaml_text(data)


def _yaml_text(data: Any) -> str:
    """What yaml.dump(data, sort_keys=False) writes, without PyYAML's generic representer:
    it costs more than the whole C emitter (a fifth of a batch), and a plan's data is only
    JSON types, each a fresh object (so no anchors)."""
    stream = io.StringIO()
    dumper = _Dumper(stream, allow_unicode=True, sort_keys=False, width=100)
    dumper.open()
    dumper.serialize(_node(data))
    dumper.close()
    return stream.getvalue()


_STR, _INT, _FLOAT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_BOOL, _NULL = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def _node(value: Any) -> yaml.Node:
    """SafeRepresenter's node for a JSON value, block style as yaml.dump writes it."""
    if isinstance(value, str):
        return yaml.ScalarNode(_STR, value)
    if isinstance(value, dict):
        pairs = [(_node(k), _node(v)) for k, v in value.items()]
        return yaml.MappingNode(_MAP, pairs, flow_style=False)
    if isinstance(value, list):
        return yaml.SequenceNode(_SEQ, [_node(v) for v in value], flow_style=False)
    if value is None:
        return yaml.ScalarNode(_NULL, "null")
    if isinstance(value, bool):
        return yaml.ScalarNode(_BOOL, "true" if value else "false")
    if isinstance(value, int):
        return yaml.ScalarNode(_INT, str(value))
    if isinstance(value, float):
        return yaml.ScalarNode(_FLOAT, _float_text(value))
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def _float_text(value: float) -> str:
    if value != value:
        return ".nan"
    if value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value).lower()
    return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text


@cache
def umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    """Mode a new file gets under the user's umask (a temporary file would be 0600)."""
    return 0o666 & ~umask()


def make_folder(folder: Path) -> None:
    """mkdir -p, naming the file that stands where a folder must ('/etc/hostname/x.json')
    rather than 'File exists'."""
    for above in [folder, *folder.parents]:
        if above.exists():
            if not above.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(above))
            break
    folder.mkdir(parents=True, exist_ok=True)


def named(exc: OSError, path: Path) -> OSError:
    """The same error about the output the user named, not about the temporary file
    written first ('.p.yaml.e22hp31w.tmp')."""
    return type(exc)(exc.errno, exc.strerror or str(exc), str(path))


def temp_file(path: Path) -> tuple[int, str]:
    """A new private file beside `path`, to be renamed onto it."""
    make_folder(path.parent)
    try:
        return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise named(exc, path) from None


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder and rename: never a half-written file."""
    fd, tmp = temp_file(path)
    try:
        os.fchmod(fd, file_mode())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise named(exc, path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class AtomicWriter:
    """Text to standard output (path None or '-'), or to a file that appears only if all went well."""

    def __init__(self, path: Path | None) -> None:
        self.path = None if path is None or str(path) == "-" else path
        self._fh: IO[str] = sys.stdout
        self._tmp: str | None = None

    def __enter__(self) -> AtomicWriter:
        if self.path is not None:
            fd, self._tmp = temp_file(self.path)
            os.fchmod(fd, file_mode())
            self._fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        return self

    def write(self, text: str) -> None:
        self._fh.write(text)

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        if self._tmp is None or self.path is None:
            self._fh.flush()
            return
        try:
            self._fh.close()
            if kind is None:
                os.replace(self._tmp, self.path)
        except OSError as exc:
            raise named(exc, self.path) from None
        finally:
            Path(self._tmp).unlink(missing_ok=True)


def parse_line(path: str, ocr: bool = False) -> tuple[str | None, str | None]:
    """Worker: (the plan as one JSON line, None) or (None, the one-line error)."""
    try:
        return dump(parse(load_path(Path(path), ocr)), "jsonl"), None
    except InputError as exc:
        return None, str(exc)


def read_data(path: Path) -> Any:
    """A YAML or JSON file's data, read with a safe loader. InputError when it cannot be
    read (missing, not UTF-8, not YAML/JSON); ValueError for a YAML tag refused."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    return parse_data(text, str(path), path.suffix.lower() == ".json")


def parse_data(text: str, name: str, is_json: bool) -> Any:
    """YAML or JSON text's data; InputError (naming `name`) when it does not parse."""
    if is_json:
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{name}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
            ) from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.constructor.ConstructorError as exc:
        raise ValueError(f"refused YAML tag ({exc.problem}); only plain data is read") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise InputError(f"{name}: not valid YAML: {exc.problem or exc.context}{where}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{name}: not valid YAML: {' '.join(str(exc).split())}") from None


def validation_problems(data: Any) -> list[str]:
    """'field.path: message' for each way `data` breaks the Plan model."""
    try:
        Plan.model_validate(data)
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"]) or "(top)"
            out.append(f"{loc}: {err['msg']}")
        return out
    return []


def load_plan(path: Path) -> Plan:
    """A plan from a raw text (parsed now) or from a structured file written by `parse`."""
    if path.suffix.lower() in STRUCTURED_SUFFIXES:
        try:
            data = read_data(path)
        except ValueError as exc:
            raise InputError(f"{path}: {exc}") from None
        return _plan_of(data, str(path))
    return parse(load_path(path))


def _plan_of(data: Any, name: str) -> Plan:
    problems = validation_problems(data)
    if problems:
        raise InputError(f"{name}: not a kehoach plan ({problems[0]})")
    return Plan.model_validate(data)


def is_structured(data: bytes) -> bool:
    """Bytes `parse` wrote as YAML or JSON: standard input has no name to tell them by."""
    head = data[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"schema_version:") or (
        head.startswith(b"{") and b'"schema_version"' in head
    )


def plan_from_bytes(data: bytes, name: str = "<stdin>") -> Plan:
    """A plan from standard input: what `parse` wrote (YAML or JSON), or a plan to parse."""
    if not is_structured(data):
        return parse(load_bytes(data, name))
    try:
        text = data.decode("utf-8-sig")
        return _plan_of(parse_data(text, name, text.lstrip().startswith("{")), name)
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 text") from None
    except ValueError as exc:
        raise InputError(f"{name}: {exc}") from None
