"""Loads the genre knowledge kept in YAML under kehoach/data (read once per process)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

# libyaml's loader when PyYAML was built with it: the same data, 20x faster than pure Python.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load(name: str) -> Any:
    """Parsed contents of data/<name>.yaml (safe loader only)."""
    text = resources.files("kehoach").joinpath("data", f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_Loader)
