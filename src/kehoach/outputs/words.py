"""Counts in messages, in the number they need: '1 plan', '2 plans', '1 duty'."""

from __future__ import annotations


def count(n: int, plural: str, singular: str | None = None) -> str:
    """'1 plan' / '3 plans'; the singular is the plural less its 's' ('duties' -> 'duty')
    unless given."""
    if n != 1:
        return f"{n} {plural}"
    if singular is None:
        singular = plural[:-3] + "y" if plural.endswith("ies") else plural.removesuffix("s")
    return f"{n} {singular}"
