from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
GOLD = ROOT / "tests" / "gold"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from kehoach.model import Plan  # noqa: E402
from kehoach.pipeline import parse  # noqa: E402
from kehoach.read.load import load_bytes, load_path  # noqa: E402

# The five plans the project started from (the other annotated plans come in other shapes).
SAMPLES = sorted(
    p.stem for p in RAW.glob("*.txt") if p.stem.startswith(("angiang-838", "langson", "laocai-316"))
)


@cache
def sample_text(stem: str) -> str:
    return (RAW / f"{stem}.txt").read_text(encoding="utf-8")


@cache
def parsed(stem: str) -> Plan:
    return parse(load_path(RAW / f"{stem}.txt"))


@cache
def gold(stem: str) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((GOLD / f"{stem}.yaml").read_text(encoding="utf-8"))


def parse_text(text: str, name: str = "test.txt") -> Plan:
    return parse(load_bytes(text.encode("utf-8"), name))


@pytest.fixture(params=SAMPLES)
def sample(request: pytest.FixtureRequest) -> str:
    return str(request.param)
