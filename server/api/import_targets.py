"""What the Excel import can fill, derived from the declarations: the columns of each target
are its declared fields (a catalog's form fields, the prices register, the opening stock
document's header and lines), references are resolved by code, name (and a product's SKU).

Targets: ``products``, ``partners`` (a row may bring one counterparty: its fields are the
columns ``counterparty.<field>``), ``prices`` and ``opening_stock``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from server.api.catalogs import form_fields
from server.api.price_list import PERIOD
from server.metadata import Field, Ref, Registry

PART = "counterparty"  # the part of a partner row that is its counterparty

#: Russian (and a few English) headings a sheet may use for a field, by field name.
ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("код",),
    "name": ("наименование", "название", "имя"),
    "parent": ("группа", "папка", "group", "родитель"),
    "unit": ("единица", "ед", "ед изм", "единица измерения", "uom"),
    "article": ("артикул", "sku", "article"),
    "price": ("цена",),
    "barcode": ("штрихкод", "штрих код", "ean"),
    "min_stock": ("минимальный остаток", "мин остаток"),
    "vat_rate": ("ставка ндс", "ндс", "vat"),
    "full_name": ("полное наименование",),
    "tax_id": ("инн", "inn"),
    "kpp": ("кпп",),
    "address": ("адрес", "юридический адрес"),
    "phone": ("телефон",),
    "email": ("почта", "электронная почта", "e mail"),
    "bank_name": ("банк",),
    "bank_bic": ("бик",),
    "bank_account": ("расчетный счет", "р с"),
    "corr_account": ("корр счет", "к с"),
    "is_client": ("клиент",),
    "is_supplier": ("поставщик",),
    "manager": ("менеджер",),
    "credit_limit": ("кредитный лимит",),
    "region": ("регион",),
    "comment": ("комментарий",),
    "legal_form": ("вид контрагента", "правовая форма"),
    "price_type": ("вид цены", "тип цены"),
    "product": ("товар", "номенклатура", "product sku", "item"),
    "period": ("дата", "date", "действует с"),
    "warehouse": ("склад",),
    "quantity": ("количество", "кол во", "qty"),
    "cost": ("себестоимость", "сумма", "стоимость", "amount"),
}
_PART_ALIASES = ("контрагент", "counterparty")


@dataclass(frozen=True)
class Column:
    """One importable field: ``key`` names it in a mapping, ``part`` says whose it is."""

    key: str
    field: Field
    part: str = ""

    @property
    def required(self) -> bool:
        return self.field.required and not self.part


@dataclass(frozen=True)
class Target:
    """An import target: its title, subsystem, columns and the tables it writes."""

    name: str
    title: str
    subsystem: str
    columns: tuple[Column, ...]
    tables: tuple[str, ...]
    part_title: str = ""
    #: the declared titles of what ``tables`` hold, in the same order (a refusal names them)
    table_titles: tuple[str, ...] = ()

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def _catalog_columns(reg: Registry, name: str, skip: tuple[str, ...] = (), part: str = ""):
    prefix = f"{part}." if part else ""
    return tuple(
        Column(prefix + f.name, f, part)
        for f in form_fields(reg.catalogs[name])
        if f.name not in skip
    )


def targets(reg: Registry) -> dict[str, Target]:
    """Every import target, by name (built from the declarations each time: cheap)."""
    cats = reg.catalogs
    prices = reg.info_registers["prices"]
    price = next(f for f in prices.resources if f.name == "price")
    doc = reg.document("opening_stock")
    lines = doc.tabular("lines")
    return {
        "products": Target(
            "products",
            cats["products"].title,
            cats["products"].subsystem,
            _catalog_columns(reg, "products"),
            (cats["products"].table,),
            table_titles=(cats["products"].title,),
        ),
        "partners": Target(
            "partners",
            cats["partners"].title,
            cats["partners"].subsystem,
            _catalog_columns(reg, "partners")
            + _catalog_columns(reg, "counterparties", ("partner", "parent"), PART),
            (cats["partners"].table, cats["counterparties"].table),
            part_title=cats["counterparties"].title,
            table_titles=(cats["partners"].title, cats["counterparties"].title),
        ),
        "prices": Target(
            "prices",
            prices.title,
            prices.subsystem,
            (
                *(Column(f.name, f) for f in prices.dimensions),
                Column("price", price),
                Column("period", PERIOD),
            ),
            (prices.table,),
            table_titles=(prices.title,),
        ),
        "opening_stock": Target(
            "opening_stock",
            doc.title,
            doc.subsystem,
            (
                Column("warehouse", doc.header_field("warehouse")),
                *(Column(f.name, f) for f in lines.fields),
            ),
            (doc.table, doc.lines_table(lines)),
            table_titles=(doc.title, doc.title),
        ),
    }


def norm(text: Any) -> str:
    """A heading or a reference as compared: lower case, letters and digits, single spaces."""
    s = str(text).casefold().replace("ё", "е")
    return " ".join(re.sub(r"[^\w%]+", " ", s).split())


def _candidates(t: Target, c: Column, titles: dict[str, list[str]]) -> set[str]:
    own = {c.field.name, c.field.label, *ALIASES.get(c.field.name, ()), *titles.get(c.key, ())}
    if c.part:
        parts = {*_PART_ALIASES, t.part_title, *titles.get(PART, ())}
        shared = any(m.field.name == c.field.name for m in t.columns if not m.part)
        prefixed = {f"{p} {o}" for p in parts for o in own}
        own = prefixed | (set() if shared else own) | (parts if c.field.name == "name" else set())
    return {norm(x) for x in own if x}


def guess_mapping(
    t: Target, headings: list[str], titles: dict[str, list[str]] | None = None
) -> dict[str, int]:
    """Column key -> heading index, matched by the field's name, title, Russian aliases and the
    translated ``titles`` the client passes (key -> texts; key ``counterparty`` for the part)."""
    titles = titles or {}
    by_heading = {norm(h): i for i, h in reversed(list(enumerate(headings))) if h}
    out: dict[str, int] = {}
    for c in t.columns:
        for cand in _candidates(t, c, titles):
            i = by_heading.get(cand)
            if i is not None and i not in out.values():
                out[c.key] = i
                break
    return out


def remembered(mapping: dict[str, str], headings: list[str]) -> dict[str, int]:
    """A mapping stored by heading text (key -> heading) applied to this sheet's headings."""
    index = {h: i for i, h in reversed(list(enumerate(headings)))}
    return {k: index[h] for k, h in mapping.items() if h in index}


def to_remember(mapping: dict[str, int], headings: list[str]) -> dict[str, str]:
    """What is stored per user and target: key -> heading text."""
    return {k: headings[i] for k, i in mapping.items() if 0 <= i < len(headings)}


def is_ref(c: Column) -> bool:
    return isinstance(c.field, Ref)
