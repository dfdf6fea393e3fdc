"""Catalogs, documents, registers and subsystems: the declaration types."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from server.metadata.fields import DocRef, Field, Number, Ref


@dataclass(frozen=True)
class Subsystem:
    """A switchable area of the product (1C functional option)."""

    name: str
    title: str
    depends: tuple[str, ...] = ()
    #: An option of another subsystem (1C functional option): its objects show in that
    #: subsystem's section rather than a section of their own (it must also depend on it).
    within: str = ""


@dataclass(frozen=True)
class Table:
    """A tabular section of a document or a catalog item."""

    name: str
    fields: tuple[Field, ...]
    title: str = ""

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


@dataclass(frozen=True)
class Catalog:
    """Reference data: code, name, deletion mark, optional groups, plus declared fields."""

    name: str
    title: str
    subsystem: str
    fields: tuple[Field, ...] = ()
    hierarchical: bool = False
    code_len: int = 20
    #: Row triggers of rules a declaration cannot say (a deal's stage workflow): each names
    #: ``server/sqlgen/hooks/<name>.sql``, which creates its trigger function and trigger
    #: (installed with the routines after every upgrade).
    triggers: tuple[str, ...] = ()
    #: Tabular sections (1C): table ``cat_<name>_<table>`` keyed by (item_id, line_no), saved
    #: with the item in one transaction (``server/api/catalog_lines.py``).
    tables: tuple[Table, ...] = ()
    #: Routines ``kontora.<name>(p_id bigint)`` run on an item (a segment's refresh), text in
    #: ``server/sqlgen/hooks/<name>.sql``; the catalog's writers may execute them.
    routines: tuple[str, ...] = ()

    @property
    def table(self) -> str:
        return f"cat_{self.name}"

    def lines_table(self, t: Table) -> str:
        return f"cat_{self.name}_{t.name}"

    def tabular(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)


@dataclass(frozen=True)
class Movements:
    """How a document posts to one register: one movement per line of ``table``.

    ``values`` maps each register dimension/resource to a header or line field name, or to an
    SQL expression over the header row ``h`` and the line ``l`` when it starts with ``=``
    (``"=l.quantity - l.reserved"``); ``sign`` is +1 for receipts (income) and -1 for expenses.
    ``where`` is an SQL condition over ``h`` and ``l``: movements only for the lines (or the
    header) it holds for — an order that moves nothing until approved, a cancelled line.
    """

    register: str
    values: dict[str, str]
    table: str | None = None
    sign: int = 1
    where: str | None = None


@dataclass(frozen=True)
class BasedOn:
    """ "Create based on": how a new document is filled from a ``basis`` document.

    Declared on the *new* document. ``header`` maps new-document header fields to basis header
    fields (``{"warehouse": "warehouse"}``); ``lines`` maps each new tabular section to a basis
    section and its field map (``{"lines": ("lines", {"product": "product"})}``). The
    organization is always taken over. Names may differ on the two sides.
    """

    basis: str
    header: dict[str, str] = field(default_factory=dict)
    lines: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)

    def check(self, doc: Document, basis: Document) -> None:
        """Raise ValueError naming the first field that does not exist on either side."""
        for new, old in self.header.items():
            if doc.header_field(new) is None or basis.header_field(old) is None:
                raise ValueError(f"{doc.name} based on {basis.name}: header {new!r} <- {old!r}")
        for new_t, (old_t, fields) in self.lines.items():
            nt = next((t for t in doc.tables if t.name == new_t), None)
            ot = next((t for t in basis.tables if t.name == old_t), None)
            names_n = {f.name for f in nt.fields} if nt else set()
            names_o = {f.name for f in ot.fields} if ot else set()
            for new, old in fields.items():
                if new not in names_n or old not in names_o:
                    raise ValueError(
                        f"{doc.name} based on {basis.name}: {new_t}.{new} <- {old_t}.{old}"
                    )


@dataclass(frozen=True)
class DocumentCommand:
    """A form command that fills the document from the database (``server/api/commands.py``
    holds the handler by ``name``): the form sends its header, gets back its lines."""

    name: str
    title: str
    tooltip: str = ""


def lines_sum_sql(document: str, expr: str, header: str = "h", table: str = "lines") -> str:
    """A scalar subquery: ``expr`` (SQL over the header ``h`` and a line ``l``) summed over the
    ``table`` lines of ``document`` whose header row is ``header`` — an alias in scope; unless
    it is ``h`` itself, the header is joined again for the ``h.…`` the expression reads."""
    lines = f"kontora.doc_{document}_{table} l"
    if header == "h":
        src = f"{lines} WHERE l.doc_id = h.id"
    else:
        src = f"kontora.doc_{document} h JOIN {lines} ON l.doc_id = h.id WHERE h.id = {header}.id"
    return f"(SELECT coalesce(sum({expr}), 0) FROM {src})"


@dataclass(frozen=True)
class Document:
    """A dated business event with number, header, tabular sections and posting rules."""

    name: str
    title: str
    subsystem: str
    number_prefix: str
    header: tuple[Field, ...] = ()
    tables: tuple[Table, ...] = ()
    posting: tuple[Movements, ...] = ()
    based_on: tuple[BasedOn, ...] = ()
    #: plpgsql routines ``kontora.<name>(p_id bigint, p_post boolean)`` the posting calls after
    #: the register movements are written (checks such as a credit limit, cost recalculation);
    #: their text lives in ``server/sqlgen/hooks/<name>.sql``.
    hooks: tuple[str, ...] = ()
    commands: tuple[DocumentCommand, ...] = ()
    #: False: a record that is only saved, never posted (an interaction, a claim): no posting
    #: rules, no Post/Unpost commands or posted state in its forms and lists.
    postable: bool = True
    #: Row triggers of rules a declaration cannot say, as for catalogs
    #: (``server/sqlgen/hooks/<name>.sql`` creates its trigger function and trigger).
    triggers: tuple[str, ...] = ()
    #: The document's amount: SQL over the header ``h`` and a line ``l`` of its first tabular
    #: section, summed over the lines (a trade document: what the customer pays for a line).
    #: Lists show it as their Amount column; postings may move it (:meth:`total_sql`).
    total: str | None = None

    def __post_init__(self) -> None:
        assert self.postable or not (self.posting or self.hooks), f"{self.name}: not postable"

    @property
    def table(self) -> str:
        return f"doc_{self.name}"

    def lines_table(self, t: Table) -> str:
        return f"doc_{self.name}_{t.name}"

    def tabular(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)

    def header_field(self, name: str) -> Field | None:
        return next((f for f in self.header if f.name == name), None)

    def basis(self, name: str) -> BasedOn | None:
        """How this document is filled from a ``name`` document (None: it cannot be)."""
        return next((b for b in self.based_on if b.basis == name), None)

    @property
    def registers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.register for m in self.posting))

    def total_sql(self, header: str = "h") -> str:
        """The document's amount (:attr:`total`) over the header row ``header`` (an alias in
        scope): see :func:`lines_sum_sql`."""
        assert self.total and self.tables, f"{self.name}: no total declared"
        return lines_sum_sql(self.name, self.total, header, self.tables[0].name)


@dataclass(frozen=True)
class Costing:
    """A balance register that keeps the moving-average cost of its quantity (README "How cost
    works"). Outgoing movements (quantity < 0) take ``round(cost × qty / quantity, 2)`` of the
    balance just before them; their cost is recalculated by the posting whenever an earlier
    movement of the key changes. A document's movements leave the ``amount`` resource out (or
    give it) where it is computed.

    ``at_average``: document types whose incoming movements also take the average cost (a stock
    count's surplus). ``transfers``: document types whose incoming side takes the cost of their
    outgoing side (matched by the ``transfer_match`` dimensions, line by line). ``follow``: a
    document type's movements in another register whose resource is the cost of its outgoing
    movements, matched by the ``follow_match`` dimension in line order (sales cost, expenses).
    ``returns``: (document, its DocRef header field, source document): the document's incoming
    movements take the cost its source's outgoing movements of the same ``follow_match`` took,
    in proportion to the quantity (half-up, at most all of it), re-opened whenever that cost
    changes; without a source (or without the product in it) at the average just before.
    """

    quantity: str = "quantity"
    amount: str = "cost"
    at_average: tuple[str, ...] = ()
    transfers: tuple[str, ...] = ()
    transfer_match: tuple[str, ...] = ("product",)
    follow: tuple[tuple[str, str, str], ...] = ()  # (document, register, resource)
    follow_match: str = "product"
    returns: tuple[tuple[str, str, str], ...] = ()


class RegisterKind(enum.Enum):
    BALANCE = "balance"
    TURNOVER = "turnover"


@dataclass(frozen=True)
class AccumulationRegister:
    """Movements over dimensions with resources, plus monthly totals (and balances)."""

    name: str
    title: str
    subsystem: str
    kind: RegisterKind
    dimensions: tuple[Ref | DocRef, ...]
    resources: tuple[Number, ...]
    non_negative: tuple[str, ...] = ()
    costing: Costing | None = None
    #: A derived register (free stock = stock − reserves): no tables of its own and no
    #: document posts to it; its movements are those of the registers named, times the sign,
    #: over its dimensions (columns of the same names in each). Views give it the tables'
    #: names for reading; posting to a component keeps its ``non_negative`` resources at or
    #: above zero at every moment (``server.sqlgen.derived``).
    components: tuple[tuple[str, int], ...] = ()

    @property
    def derived(self) -> bool:
        return bool(self.components)

    def open_rows(self, component: AccumulationRegister, alias: str = "") -> str | None:
        """A derived register's condition on the balances of ``component`` when it has more
        dimensions (reserves, by order, under free stock): rows not zero — a key's open
        reserves, not every order that ever reserved it. The predicate of the partial index
        the schema gives those balances and of every read of them by the derived key; None
        when the component has the derived register's dimensions."""
        if component.dim_columns == self.dim_columns:
            return None
        return "(" + " OR ".join(f"{alias}{c} <> 0" for c in self.res_columns) + ")"

    @property
    def table(self) -> str:
        return f"reg_{self.name}"

    @property
    def totals_table(self) -> str:
        return f"reg_{self.name}_totals"

    @property
    def balance_table(self) -> str:
        return f"reg_{self.name}_balance"

    @property
    def row_type(self) -> str:
        return f"mv_{self.name}"

    @property
    def dim_columns(self) -> list[str]:
        return [d.column for d in self.dimensions]

    @property
    def res_columns(self) -> list[str]:
        return [r.column for r in self.resources]

    @property
    def receipt_columns(self) -> list[str]:
        """A balance register's monthly totals keep, beside each resource's net change, its
        receipts (the sum of the month's positive movements) as ``<resource>_in``: a month's
        expenses are receipts − net. Reports over many months read them instead of the
        movements (1C's turnover totals). A turnover register has none."""
        if self.kind is not RegisterKind.BALANCE:
            return []
        return [f"{c}_in" for c in self.res_columns]

    def field(self, name: str) -> Field:
        return next(f for f in (*self.dimensions, *self.resources) if f.name == name)


@dataclass(frozen=True)
class InformationRegister:
    """Facts by dimensions; periodic ones keep a value per date."""

    name: str
    title: str
    subsystem: str
    dimensions: tuple[Ref, ...]
    resources: tuple[Field, ...]
    periodic: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    #: False: written only by the rules (triggers running as the owner), read by everyone
    writable: bool = True

    @property
    def table(self) -> str:
        return f"inf_{self.name}"
