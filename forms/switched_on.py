"""Which subsystems are switched on, as the client last read them (the main window keeps it).

Commands built once per form (such as "Create based on") consult it when their menu opens, so a
subsystem switched off meanwhile takes its commands away without the form being rebuilt.
"""

from __future__ import annotations

_enabled: frozenset[str] | None = None


def set_enabled(names: set[str] | frozenset[str]) -> None:
    global _enabled
    _enabled = frozenset(names)


def enabled() -> frozenset[str] | None:
    """The switched-on subsystems (None before the client has read them: assume all)."""
    return _enabled


def reset() -> None:
    """Forget what was read (a new connection, or between tests)."""
    global _enabled
    _enabled = None
