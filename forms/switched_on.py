"""Which subsystems are switched on, as the client last read them (the main window keeps it).

Commands built once per form (such as "Create based on") consult it when their menu opens, so a
subsystem switched off meanwhile takes its commands away without the form being rebuilt. Forms
showing fields (header editors, list columns) :func:`subscribe` to hear of a change: a field
whose target object belongs to a switched-off subsystem is hidden (:func:`field_shown`),
derived from the declarations, and shown again with its value when the subsystem comes back.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable

from server.metadata import Field, Registry
from server.metadata.switched import field_on, off_names

_enabled: frozenset[str] | None = None
_listeners: list[weakref.WeakMethod] = []


def set_enabled(names: set[str] | frozenset[str]) -> None:
    global _enabled
    changed = _enabled != frozenset(names)
    _enabled = frozenset(names)
    if changed:
        _notify()


def enabled() -> frozenset[str] | None:
    """The switched-on subsystems (None before the client has read them: assume all)."""
    return _enabled


def reset() -> None:
    """Forget what was read (a new connection, or between tests)."""
    global _enabled
    _enabled = None
    _listeners.clear()


def subscribe(method: Callable[[], None]) -> None:
    """Call the bound ``method`` after every change (held weakly: a closed form drops out)."""
    _listeners.append(weakref.WeakMethod(method))  # type: ignore[arg-type]


def _notify() -> None:
    alive = []
    for ref in list(_listeners):
        method = ref()
        if method is None:
            continue
        try:
            method()
        except RuntimeError:  # its Qt object was deleted
            continue
        alive.append(ref)
    _listeners[:] = alive


def field_shown(reg: Registry, f: Field) -> bool:
    """False for a field referring to an object of a switched-off subsystem."""
    return field_on(reg, f, _enabled)


def off_fields(reg: Registry, fields: Iterable[Field]) -> set[str]:
    """Names of the ``fields`` hidden because their target's subsystem is off."""
    return off_names(reg, fields, _enabled)
