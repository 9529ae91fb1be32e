"""The one exception users see: a plan that cannot be read, said in one line."""

from __future__ import annotations


class InputError(Exception):
    """Input that cannot be parsed; the message is one line for the user."""
