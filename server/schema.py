"""SQLAlchemy tables generated from the metadata registry (schema ``kontora``).

Alembic revisions create these tables; :func:`build_metadata` is also what the schema test
compares the migrated database against, so declarations and migrations cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence as Seq

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Computed,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    PrimaryKeyConstraint,
    Sequence,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import DOMAIN, JSONB, UUID

from server.metadata import (
    AccumulationRegister,
    Catalog,
    DocRef,
    Document,
    Field,
    InformationRegister,
    Number,
    Ref,
    RegisterKind,
    Registry,
    String,
)
from server.metadata import Table as TableDecl
from server.metadata.fields import numeric_checks

SCHEMA = "kontora"
_TYPES = {
    "text": Text,
    "numeric": Numeric,
    "integer": Integer,
    "bigint": BigInteger,
    "boolean": Boolean,
    "date": Date,
    "timestamp": DateTime,
    "bytea": LargeBinary,
}


def field_domain(table: str, f: Field) -> DOMAIN:
    """The domain of a document's number column (revision 0032): numeric with the field's
    checks, each named as its table CHECK was (``ck_<table>_<column>_<rule>``). A domain's
    checks are prepared once per connection; a table's CHECKs were read back from their text
    and planned again by every statement writing the table (a shipment's 14 line CHECKs:
    5 % of its save and post)."""
    return DOMAIN(
        domain_name(table, f.column),
        Numeric(),
        schema=SCHEMA,
        create_type=False,  # made by the revision
    )


def domain_name(table: str, column: str) -> str:
    """``<table>__<column>``: the double underscore parts the table from the column again
    (a refusal names both, see server.errors)."""
    return f"{table}__{column}"


def _column(
    table: str, f: Field, *, nullable: bool | None = None, fk: bool = True, domain: bool = False
) -> list:
    """The column of a field and its named CHECK constraints; ``domain``: a number's checks
    on its own domain instead (:func:`field_domain`)."""
    target: list = []
    if isinstance(f, Ref | DocRef) and fk:
        target.append(ForeignKey(f"{SCHEMA}.{f.ref_table}.id", ondelete="RESTRICT"))
    by_domain = domain and f.sql_type == "numeric" and bool(f.db_checks())
    col = Column(
        f.column,
        field_domain(table, f) if by_domain else _TYPES[f.sql_type](),
        *target,
        nullable=(not f.required) if nullable is None else nullable,
    )
    if by_domain:
        return [col]
    checks = [
        CheckConstraint(expr, name=f"ck_{table}_{f.column}_{rule}")
        for rule, expr in f.db_checks().items()
    ]
    return [col, *checks]


def _fields(table: str, fields: tuple[Field, ...], domains: bool = False) -> list:
    return [item for f in fields for item in _column(table, f, domain=domains)]


def _version_cols() -> list:
    return [
        Column("deletion_mark", Boolean, nullable=False, server_default=text("false")),
        Column("version", Integer, nullable=False, server_default=text("1")),
    ]


def item_required_check(table: str, f: Field) -> CheckConstraint:
    """A required field of a hierarchical catalog binds items only: groups carry no values."""
    return CheckConstraint(
        f"is_group OR {f.column} IS NOT NULL", name=f"ck_{table}_{f.column}_required"
    )


def catalog_table(md: MetaData, c: Catalog) -> Table:
    """A catalog's table. A hierarchical catalog's required fields are nullable with a CHECK
    binding items only; ``client_key`` makes a resent create return the same item."""
    name = c.table
    cols: list = [
        Column("id", BigInteger, Identity(), primary_key=True),
        *_column(name, String("code", max_len=c.code_len)),
        *_column(name, String("name", required=True, max_len=150)),
        *_version_cols(),
        Column("client_key", UUID),
        UniqueConstraint("client_key", name=f"uq_{name}_client_key"),
    ]
    if c.hierarchical:
        cols += [
            Column("is_group", Boolean, nullable=False, server_default=text("false")),
            Column(
                "parent_id",
                BigInteger,
                ForeignKey(f"{SCHEMA}.{name}.id", ondelete="RESTRICT"),
                nullable=True,
            ),
        ]
    for f in c.fields:
        if c.hierarchical and f.required:
            cols += [*_column(name, f, nullable=True), item_required_check(name, f)]
        else:
            cols += _column(name, f)
    indexes = [Index(f"ix_{name}_{f.column}", f.column) for f in c.fields if f.indexed]
    table = Table(name, md, *cols, Index(f"ix_{name}_name", "name"), *indexes)
    for t in c.tables:
        lines_table(md, c.lines_table(t), name, "item_id", t)
    return table


def document_tables(md: MetaData, d: Document) -> list[Table]:
    name = d.table
    header = Table(
        name,
        md,
        Column("id", BigInteger, Identity(), primary_key=True),
        Column("number", Text, nullable=False),
        Column("date", DateTime, nullable=False),
        Column(
            "number_year",
            Integer,
            Computed("(EXTRACT(year FROM date))::integer", persisted=True),
        ),
        Column(
            "organization_id",
            BigInteger,
            ForeignKey(f"{SCHEMA}.cat_organizations.id", ondelete="RESTRICT"),
            nullable=False,
        ),
        Column("posted", Boolean, nullable=False, server_default=text("false")),
        *_version_cols(),
        Column("client_key", UUID, nullable=False),
        Column("last_request", UUID),
        Column("author", Text, nullable=False, server_default=text("SESSION_USER")),
        *_fields(name, d.header, domains=True),
        CheckConstraint("char_length(number) BETWEEN 1 AND 30", name=f"ck_{name}_number_len"),
        UniqueConstraint("client_key", name=f"uq_{name}_client_key"),
        UniqueConstraint("organization_id", "number_year", "number", name=f"uq_{name}_number"),
        Index(f"ix_{name}_date", "date", "id"),
        *(Index(f"ix_{name}_{f.column}", f.column) for f in d.header if f.indexed),
    )
    Sequence(f"{name}_number_seq", metadata=md, schema=SCHEMA)
    return [
        header,
        *(lines_table(md, d.lines_table(t), name, "doc_id", t, domains=True) for t in d.tables),
    ]


def lines_table(
    md: MetaData, lt: str, owner: str, owner_col: str, t: TableDecl, domains: bool = False
) -> Table:
    """A tabular section of a document (``doc_id``) or a catalog item (``item_id``): the
    owner's key and the line number, then the declared fields with their CHECKs and keys
    (a document's numbers: their domains)."""
    return Table(
        lt,
        md,
        Column(
            owner_col,
            BigInteger,
            ForeignKey(f"{SCHEMA}.{owner}.id", ondelete="CASCADE"),
            nullable=False,
        ),
        Column("line_no", Integer, nullable=False),
        *_fields(lt, t.fields, domains),
        PrimaryKeyConstraint(owner_col, "line_no", name=f"pk_{lt}"),
    )


def _dims(table: str, r: AccumulationRegister | InformationRegister, fk: bool = True) -> list:
    """Dimension columns. Register movements, totals and balances carry no foreign keys: they
    are written only by posting, from document lines whose references are already checked,
    and the checks would cost a lookup per key on the hottest path."""
    return [item for d in r.dimensions for item in _column(table, d, nullable=False, fk=fk)]


def exact_domain(res: Number) -> DOMAIN:
    """The domain of a movement's resource (revision 0031): numeric refusing NaN, ±Infinity,
    too large values and too many decimals for its kind (``exact_s<scale>_e<digits>``). A
    domain's check is prepared once per connection; the same CHECK on the table was read back
    and planned again by every statement writing movements (3 % of a posting's server time)."""
    limit = res.limit * 1000
    return DOMAIN(
        f"exact_s{res.scale}_e{limit.adjusted()}",
        Numeric(),
        check=numeric_checks("VALUE", res.scale, limit),
        schema=SCHEMA,
        create_type=False,  # made by the revision
    )


def _resources(table: str, r: AccumulationRegister, exact: bool = True) -> list:
    """Resource columns; ``exact``: of the domain refusing NaN, ±Infinity, too large values
    and too many decimals (:func:`exact_domain`). Movements have it; monthly totals and
    balances do not: they are sums of checked movements, changed only by posting, and
    evaluating those checks cost about a tenth of a posting's server time."""
    return [
        Column(res.column, exact_domain(res) if exact else Numeric, nullable=False)
        for res in r.resources
    ]


def _derived_indexes(
    r: AccumulationRegister, derived: Seq[AccumulationRegister]
) -> list[tuple[str, Index]]:
    """Indexes a posting's check of a derived register reads ``r`` by, when ``r`` has more
    dimensions than it (reserves under free stock): its movements by the derived key and
    moment (is anything of the key later?), its balances by the derived key, rows not zero
    (a key's open reserves, not every order that ever reserved it)."""
    out: list[tuple[str, Index]] = []
    for x in derived:
        nonzero = x.open_rows(r)
        if nonzero is None:
            continue
        out.append((r.table, Index(f"ix_{r.table}_{x.name}_period", *x.dim_columns, "period")))
        out.append(
            (
                r.balance_table,
                Index(
                    f"ix_{r.balance_table}_{x.name}", *x.dim_columns, postgresql_where=text(nonzero)
                ),
            )
        )
    return out


def _posting_seq(md: MetaData, r: AccumulationRegister) -> list[Column]:
    """A costing register's ``seq``: the posting's number (from ``<table>_seq``, one per
    posting, taken under the keys' locks), which orders a key's movements within a moment
    (server/sqlgen/costing.py); last, so that a statement listing every column still fits."""
    if not r.costing:
        return []
    Sequence(f"{r.table}_seq", metadata=md, schema=SCHEMA)
    default = text(f"nextval('{SCHEMA}.{r.table}_seq'::regclass)")
    return [Column("seq", BigInteger, nullable=False, server_default=default)]


def register_tables(
    md: MetaData, r: AccumulationRegister, derived: Seq[AccumulationRegister] = ()
) -> list[Table]:
    """The movements, monthly totals and (balance register) balances of ``r``; ``derived``:
    the derived registers ``r`` is a component of."""
    dims = r.dim_columns
    extra = _derived_indexes(r, derived)
    movements = Table(
        r.table,
        md,
        Column("recorder_type", Text, nullable=False),
        Column("recorder_id", BigInteger, nullable=False),
        Column("line_no", Integer, nullable=False),
        Column("period", DateTime, nullable=False),
        *_dims(r.table, r, fk=False),
        *_resources(r.table, r),
        *_posting_seq(md, r),
        # Movements belong to their recorder: its key is the primary key (no surrogate id).
        PrimaryKeyConstraint("recorder_type", "recorder_id", "line_no", name=f"pk_{r.table}"),
        # A costing register reads a key's movements in moment order (sqlgen/costing.py).
        Index(f"ix_{r.table}_key_period", *dims, "period", *(("seq",) if r.costing else ())),
        # A report's period over all keys (the movements of a month, of the period's edges).
        Index(f"ix_{r.table}_period", "period"),
        *(ix for t, ix in extra if t == r.table),
    )
    totals = Table(
        r.totals_table,
        md,
        Column("month", Date, nullable=False),
        *_dims(r.totals_table, r, fk=False),
        *_resources(r.totals_table, r, exact=False),
        *[Column(c, Numeric, nullable=False) for c in r.receipt_columns],
        PrimaryKeyConstraint(*dims, "month", name=f"pk_{r.totals_table}"),
        # The months of a report's period (or after it: an opening read back) over all keys.
        Index(f"ix_{r.totals_table}_month", "month"),
    )
    tables = [movements, totals]
    if r.kind is RegisterKind.BALANCE:
        bt = r.balance_table
        tables.append(
            Table(
                bt,
                md,
                *_dims(bt, r, fk=False),
                *_resources(bt, r, exact=False),
                *[
                    CheckConstraint(f"{c} >= 0", name=f"ck_{bt}_{c}_nonnegative")
                    for c in r.non_negative
                ],
                PrimaryKeyConstraint(*dims, name=f"pk_{bt}"),
                *(ix for t, ix in extra if t == bt),
            )
        )
    return tables


def info_register_table(md: MetaData, r: InformationRegister) -> Table:
    period = [Column("period", Date, nullable=False)] if r.periodic else []
    keys = [d.column for d in r.dimensions] + (["period"] if r.periodic else [])
    return Table(
        r.table,
        md,
        *period,
        *_dims(r.table, r),
        *_fields(r.table, r.resources),
        PrimaryKeyConstraint(*keys, name=f"pk_{r.table}"),
        *(Index(f"ix_{r.table}_{f.column}", f.column) for f in r.resources if f.indexed),
    )


def platform_tables(md: MetaData) -> None:
    Table(
        "constants",
        md,
        Column("id", Boolean, primary_key=True, server_default=text("true")),
        Column("period_lock_date", Date),
        Column("lock_timeout_ms", Integer, nullable=False, server_default=text("5000")),
        # A sales order over its partner's credit limit: refused, or kept for approval.
        Column("credit_limit_action", Text, nullable=False, server_default=text("'refuse'")),
        # Sales managers see only their own partners' deals and interactions (row-level security).
        Column("own_partners_only", Boolean, nullable=False, server_default=text("false")),
        CheckConstraint("id", name="ck_constants_single_row"),
        CheckConstraint(
            "credit_limit_action IN ('refuse', 'approval')",
            name="ck_constants_credit_limit_action",
        ),
        CheckConstraint("lock_timeout_ms BETWEEN 100 AND 600000", name="ck_constants_lock_timeout"),
    )
    # The outgoing mail server (one row). Its password column is readable by no login: only
    # kontora.mail_account(), granted to the roles that send mail (server/api/mail.py).
    Table(
        "mail_settings",
        md,
        Column("id", Boolean, primary_key=True, server_default=text("true")),
        Column("host", Text, nullable=False),
        Column("port", Integer, nullable=False, server_default=text("25")),
        Column("security", Text, nullable=False, server_default=text("'none'")),
        Column("login", Text),
        Column("password", Text),
        Column("sender", Text, nullable=False),
        CheckConstraint("id", name="ck_mail_settings_single_row"),
        CheckConstraint("port BETWEEN 1 AND 65535", name="ck_mail_settings_port"),
        CheckConstraint(
            "security IN ('none', 'starttls', 'ssl')", name="ck_mail_settings_security"
        ),
    )
    # Each organization's own lock date (constants.period_lock_date: every other one's).
    Table(
        "period_locks",
        md,
        Column(
            "organization_id",
            BigInteger,
            ForeignKey(f"{SCHEMA}.cat_organizations.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column("lock_date", Date, nullable=False),
    )
    Table(
        "subsystems",
        md,
        Column("name", Text, primary_key=True),
        Column("title", Text, nullable=False),
        Column("enabled", Boolean, nullable=False, server_default=text("true")),
    )
    Table(
        "history",
        md,
        Column("id", BigInteger, Identity(), primary_key=True),
        Column("at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
        Column("username", Text, nullable=False, server_default=text("SESSION_USER")),
        Column("table_name", Text, nullable=False),
        Column("row_id", BigInteger),
        Column("op", Text, nullable=False),
        Column("changes", JSONB, nullable=False),
        Index("ix_history_row", "table_name", "row_id", "at"),
    )
    # Fields an administrator added without code (server/extra_fields.py): each is a real
    # column x_<name> of its catalog's or document's table, described here.
    Table(
        "extra_fields",
        md,
        Column("id", BigInteger, Identity(), primary_key=True),
        Column("object_kind", Text, nullable=False),
        Column("object_name", Text, nullable=False),
        Column("name", Text, nullable=False),
        Column("title", Text, nullable=False),
        Column("kind", Text, nullable=False),
        Column("length", Integer),
        Column("precision", Integer),
        Column("scale", Integer),
        Column("target", Text),
        Column("options", JSONB),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
        UniqueConstraint("object_kind", "object_name", "name", name="uq_extra_fields_name"),
        CheckConstraint("object_kind IN ('catalog', 'document')", name="ck_extra_fields_object"),
        CheckConstraint(
            "kind IN ('string', 'number', 'date', 'ref', 'choice')", name="ck_extra_fields_kind"
        ),
        CheckConstraint("name ~ '^x_[a-z][a-z0-9_]{0,40}$'", name="ck_extra_fields_name"),
    )
    Table(
        "user_settings",
        md,
        Column("username", Text, nullable=False, server_default=text("SESSION_USER")),
        Column("key", Text, nullable=False),
        Column("value", JSONB, nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
        PrimaryKeyConstraint("username", "key", name="pk_user_settings"),
        CheckConstraint("char_length(key) BETWEEN 1 AND 200", name="ck_user_settings_key_len"),
    )
    Table(
        "doc_links",
        md,
        Column("doc_type", Text, nullable=False),
        Column("doc_id", BigInteger, nullable=False),
        Column("basis_type", Text, nullable=False),
        Column("basis_id", BigInteger, nullable=False),
        PrimaryKeyConstraint("doc_type", "doc_id", "basis_type", "basis_id", name="pk_doc_links"),
        Index("ix_doc_links_basis", "basis_type", "basis_id"),
    )


def build_metadata(reg: Registry) -> MetaData:
    """All Kontora tables for the declarations in ``reg``."""
    md = MetaData(schema=SCHEMA)
    platform_tables(md)
    for c in reg.catalogs.values():
        catalog_table(md, c)
    for d in reg.documents.values():
        document_tables(md, d)
    for r in reg.stored_registers():  # a derived register has views (sqlgen/derived.py)
        register_tables(md, r, reg.derived_from((r.name,)))
    for ir in reg.info_registers.values():
        info_register_table(md, ir)
    return md
