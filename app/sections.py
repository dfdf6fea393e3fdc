"""Sections and navigation commands derived from the declarations and the subsystem switches.

Pure Python (no Qt): one section per switched-on subsystem that declares catalogs, documents or
accumulation registers (each register gets its balance-and-turnover report), then a "Reports"
section gathering every visible report, then (for administrators only) the "Administration"
section of :data:`ADMIN_ITEMS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from server.api.lists import ObjectKind
from server.api.reports import REPORT_TITLES
from server.config.reports import TRADE_REPORTS
from server.metadata import Registry

NavKind = ObjectKind | Literal["admin"]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Mark ``text`` for translation; the window translates it when it shows it."""
    return text


#: Reference data comes after the working sections, as in 1C's "Master data".
LAST = ("core",)
REPORTS = "reports"
ADMIN = "admin"
#: The Administration section: (form name, title); main_window opens forms/admin_<name>.py.
ADMIN_ITEMS: tuple[tuple[str, str], ...] = (
    ("subsystems", QT_TRANSLATE_NOOP("Sections", "Subsystems")),
    ("period", QT_TRANSLATE_NOOP("Sections", "Period closing")),
    ("users", QT_TRANSLATE_NOOP("Sections", "Users")),
    ("mail", QT_TRANSLATE_NOOP("Sections", "Mail server")),
    ("audit", QT_TRANSLATE_NOOP("Sections", "Audit")),
    ("fields", QT_TRANSLATE_NOOP("Sections", "Additional fields")),
    ("backup", QT_TRANSLATE_NOOP("Sections", "Backups")),
)
ADMIN_TITLE = QT_TRANSLATE_NOOP("Sections", "Administration")
#: Forms of a subsystem's section besides its lists: (subsystem, form name, title, heading);
#: they open like the administration forms (workspace.ADMIN_FORMS) and show under the heading
#: of that navigation group ("admin": Settings, "report": Reports).
SECTION_FORMS: tuple[tuple[str, str, str, str], ...] = (
    ("sales", "prices", QT_TRANSLATE_NOOP("Sections", "Prices"), "admin"),
    ("crm", "analytics", QT_TRANSLATE_NOOP("Sections", "Analytics"), "report"),
    ("crm", "my_tasks", QT_TRANSLATE_NOOP("Sections", "My tasks"), "document"),
    ("payroll", "pay_rates", QT_TRANSLATE_NOOP("Sections", "Pay rates"), "admin"),
    ("payroll", "work_calendar", QT_TRANSLATE_NOOP("Sections", "Work calendar"), "admin"),
)


@dataclass(frozen=True)
class NavItem:
    """A command of the navigation panel: opens one list, report or administration form.

    ``template``: a report's title in context ``Sections`` around its register's ``title``."""

    kind: NavKind
    name: str
    title: str
    template: str = ""
    group: str = ""  # the navigation heading it shows under, if not its kind's

    @property
    def heading(self) -> str:
        return self.group or self.kind

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.name}"


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    items: tuple[NavItem, ...]


def section_items(
    reg: Registry, subsystem: str, enabled: dict[str, str] | None = None
) -> tuple[NavItem, ...]:
    """Documents, then catalogs, then the register reports of one subsystem and of its
    switched-on options (``enabled``: all when None)."""
    own_names = {subsystem} | {
        s.name
        for s in reg.subsystems.values()
        if s.within == subsystem and (enabled is None or s.name in enabled)
    }
    docs = [NavItem("document", d.name, d.title) for d in reg.documents.values()]
    cats = [NavItem("catalog", c.name, c.title) for c in reg.catalogs.values()]
    reps = [
        NavItem("report", r.name, r.title, REPORT_TITLES[r.kind]) for r in reg.registers.values()
    ]
    reps += [NavItem("report", t.name, t.title) for t in TRADE_REPORTS]
    owner = {
        **{("document", d.name): d.subsystem for d in reg.documents.values()},
        **{("catalog", c.name): c.subsystem for c in reg.catalogs.values()},
        **{("report", r.name): r.subsystem for r in reg.registers.values()},
        **{("report", t.name): t.subsystem for t in TRADE_REPORTS},
    }
    forms = [
        NavItem("admin", name, title, group=group)
        for sub, name, title, group in SECTION_FORMS
        if sub in own_names
    ]
    own = tuple(i for i in (*docs, *cats, *reps) if owner[(i.kind, i.name)] in own_names)
    return (*own, *forms)


def build_sections(reg: Registry, enabled: dict[str, str], *, admin: bool = False) -> list[Section]:
    """Sections for the switched-on subsystems (``enabled``: name -> title), plus Reports,
    plus Administration when the user is an ``admin``."""
    names = [
        n for n, s in reg.subsystems.items() if n in enabled and n not in LAST and not s.within
    ]
    names += [n for n in LAST if n in enabled]
    out = []
    for n in names:
        items = section_items(reg, n, enabled)
        if items:
            out.append(Section(n, enabled[n], items))
    reports = tuple(i for s in out for i in s.items if i.kind == "report")
    if reports:
        out.append(Section(REPORTS, QT_TRANSLATE_NOOP("Sections", "Reports"), reports))

    if admin:
        items = tuple(NavItem("admin", name, title) for name, title in ADMIN_ITEMS)
        out.append(Section(ADMIN, ADMIN_TITLE, items))
    return out
