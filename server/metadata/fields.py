"""Field kinds of the metadata: each knows its column, its database check and its validation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from server.errors import QT_TRANSLATE_NOOP, Grouped, InvalidValue, Owner

QTY_SCALE = 3
QTY_LIMIT = Decimal("1e12")
MONEY_SCALE = 2
MONEY_LIMIT = Decimal("1e13")


@dataclass(frozen=True)
class Field:
    """A named, typed attribute of a catalog, document header, tabular section or register."""

    name: str
    title: str = ""
    required: bool = False
    indexed: bool = False  # looked up by value (barcodes, tax ids): gets an index
    sql_type: ClassVar[str] = "text"

    @property
    def label(self) -> str:
        return self.title or self.name.replace("_", " ").capitalize()

    @property
    def column(self) -> str:
        return self.name

    def db_checks(self, value: str | None = None) -> dict[str, str]:
        """Named SQL CHECK expressions (constraint suffix -> expression) for this column, or
        for ``value`` (``VALUE`` in a domain's checks)."""
        return {}

    def validate(self, value: Any, owner: Owner) -> Any:
        """Return the value converted to its Python type, or raise InvalidValue."""
        if value is None or value == "":
            if self.required:
                raise InvalidValue(
                    owner, self.label, value, QT_TRANSLATE_NOOP("errors", "is required")
                )
            return None
        return self.convert(value, owner)

    def convert(self, value: Any, owner: Owner) -> Any:
        return value


@dataclass(frozen=True)
class String(Field):
    """Single-line text with a maximum length; never empty when required."""

    max_len: int = 150
    sql_type: ClassVar[str] = "text"

    def db_checks(self, value: str | None = None) -> dict[str, str]:
        c = value or self.column
        checks = {"len": f"char_length({c}) <= {self.max_len}"}
        if self.required:
            checks["nonempty"] = f"btrim({c}) <> ''"
        return checks

    def validate(self, value: Any, owner: Owner) -> Any:
        if isinstance(value, str) and self.required and not value.strip():
            raise InvalidValue(
                owner, self.label, value, QT_TRANSLATE_NOOP("errors", "must not be empty")
            )
        return super().validate(value, owner)

    def convert(self, value: Any, owner: Owner) -> str:
        if not isinstance(value, str):
            raise InvalidValue(
                owner, self.label, value, QT_TRANSLATE_NOOP("errors", "must be text")
            )
        if "\x00" in value:
            raise InvalidValue(
                owner,
                self.label,
                value,
                QT_TRANSLATE_NOOP("errors", "must not contain NUL characters"),
            )
        if len(value) > self.max_len:
            raise InvalidValue(
                owner,
                self.label,
                value,
                QT_TRANSLATE_NOOP("errors", "is {length} characters long; at most {max_len}"),
                length=len(value),
                max_len=self.max_len,
            )
        return value


@dataclass(frozen=True)
class Text(String):
    """Multi-line free text (comments)."""

    max_len: int = 2000


def _to_decimal(field: Field, value: Any, owner: Owner) -> Decimal:
    if isinstance(value, float):
        raise InvalidValue(
            owner,
            field.label,
            value,
            QT_TRANSLATE_NOOP("errors", "must be an exact decimal, not a float"),
        )
    try:
        d = (
            Decimal(str(value).strip().replace(",", "."))
            if isinstance(value, str)
            else Decimal(value)
        )
    except (InvalidOperation, TypeError, ValueError):
        raise InvalidValue(
            owner, field.label, value, QT_TRANSLATE_NOOP("errors", "is not a number")
        ) from None
    if not d.is_finite():
        raise InvalidValue(
            owner, field.label, value, QT_TRANSLATE_NOOP("errors", "must be a finite number")
        )
    return d


def numeric_checks(column: str, scale: int, limit: Decimal) -> str:
    """A CHECK refusing NaN, ±Infinity, too large values and too many decimals (never rounds)."""
    return f"abs({column}) < {limit:f} AND {column} = trunc({column}, {scale})"


@dataclass(frozen=True)
class Number(Field):
    """An exact decimal with a fixed maximal scale."""

    positive: bool = False
    nonnegative: bool = False
    maximum: Decimal | None = None  # an upper bound of its own (percentages: 100)
    #: a line formula (:mod:`server.metadata.formula`): the value is computed, never typed
    formula: str | None = None
    #: summed in a document form's totals line: by default quantities and computed amounts
    #: (a sum of prices means nothing); True for a typed amount (a payment line, an accrual)
    summed: bool | None = None
    scale: ClassVar[int] = QTY_SCALE
    limit: ClassVar[Decimal] = QTY_LIMIT
    sql_type: ClassVar[str] = "numeric"

    @property
    def computed(self) -> str | None:
        """The formula the server stores this value by (None: typed by the user)."""
        return self.formula

    def db_checks(self, value: str | None = None) -> dict[str, str]:
        c = value or self.column
        checks = {"exact": numeric_checks(c, self.scale, self.limit)}
        if self.positive:
            checks["positive"] = f"{c} > 0"
        elif self.nonnegative:
            checks["nonnegative"] = f"{c} >= 0"
        if self.maximum is not None:
            checks["maximum"] = f"{c} <= {self.maximum:f}"
        return checks

    def convert(self, value: Any, owner: Owner) -> Decimal:
        d = _to_decimal(self, value, owner)
        if abs(d) >= self.limit:
            raise InvalidValue(
                owner,
                self.label,
                value,
                QT_TRANSLATE_NOOP("errors", "must be less than {limit}"),
                limit=Grouped(self.limit),
            )
        if d != d.quantize(Decimal(1).scaleb(-self.scale), rounding="ROUND_DOWN"):
            raise InvalidValue(
                owner,
                self.label,
                value,
                QT_TRANSLATE_NOOP("errors", "allows at most {scale} decimals"),
                scale=self.scale,
            )
        if self.positive and d <= 0:
            raise InvalidValue(
                owner, self.label, value, QT_TRANSLATE_NOOP("errors", "must be greater than zero")
            )
        if self.nonnegative and d < 0:
            raise InvalidValue(
                owner, self.label, value, QT_TRANSLATE_NOOP("errors", "must not be negative")
            )
        if self.maximum is not None and d > self.maximum:
            raise InvalidValue(
                owner,
                self.label,
                value,
                QT_TRANSLATE_NOOP("errors", "must be at most {maximum}"),
                maximum=self.maximum,
            )
        return d


@dataclass(frozen=True)
class Qty(Number):
    """A quantity; ``unit_from`` names the product reference whose unit limits the decimals."""

    unit_from: str | None = None
    scale: ClassVar[int] = QTY_SCALE
    limit: ClassVar[Decimal] = QTY_LIMIT


@dataclass(frozen=True)
class Money(Number):
    """An amount of money, 2 decimals; ``product_of`` computes it as a×b rounded half-up,
    ``formula`` by any line formula (:mod:`server.metadata.formula`)."""

    product_of: tuple[str, str] | None = None

    @property
    def computed(self) -> str | None:
        """The formula the server stores this amount by (None: typed by the user)."""
        if self.formula:
            return self.formula
        if self.product_of:
            return f"round({self.product_of[0]} * {self.product_of[1]}, 2)"
        return None

    scale: ClassVar[int] = MONEY_SCALE
    limit: ClassVar[Decimal] = MONEY_LIMIT


@dataclass(frozen=True)
class Int(Field):
    """A whole number within [minimum, maximum]."""

    minimum: int = -(2**31)
    maximum: int = 2**31 - 1
    sql_type: ClassVar[str] = "integer"

    def db_checks(self, value: str | None = None) -> dict[str, str]:
        return {"range": f"{value or self.column} BETWEEN {self.minimum} AND {self.maximum}"}

    def convert(self, value: Any, owner: Owner) -> int:
        if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
            raise InvalidValue(
                owner, self.label, value, QT_TRANSLATE_NOOP("errors", "must be a whole number")
            )
        try:
            i = int(value)
        except (ValueError, OverflowError):  # "abc", "1.5", NaN; ±Infinity
            raise InvalidValue(
                owner, self.label, value, QT_TRANSLATE_NOOP("errors", "must be a whole number")
            ) from None
        if not self.minimum <= i <= self.maximum:
            raise InvalidValue(
                owner,
                self.label,
                value,
                QT_TRANSLATE_NOOP("errors", "must be between {minimum} and {maximum}"),
                minimum=self.minimum,
                maximum=self.maximum,
            )
        return i


@dataclass(frozen=True)
class Bool(Field):
    sql_type: ClassVar[str] = "boolean"

    def convert(self, value: Any, owner: Owner) -> bool:
        if not isinstance(value, bool):
            raise InvalidValue(
                owner, self.label, value, QT_TRANSLATE_NOOP("errors", "must be yes or no")
            )
        return value


PNG_MAGIC, JPEG_MAGIC = b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"


def picture_format(data: bytes) -> str | None:
    """ "png" or "jpeg" by the file's first bytes; None for anything else."""
    if data.startswith(PNG_MAGIC):
        return "png"
    return "jpeg" if data.startswith(JPEG_MAGIC) else None


@dataclass(frozen=True)
class Picture(Field):
    """A picture (an organization's logo): PNG or JPEG bytes, at most ``max_kb`` kilobytes,
    stored as bytea. Lists leave it out; forms show a thumbnail."""

    max_kb: int = 256
    sql_type: ClassVar[str] = "bytea"

    def db_checks(self, value: str | None = None) -> dict[str, str]:
        return {"size": f"octet_length({value or self.column}) <= {self.max_kb * 1024}"}

    def convert(self, value: Any, owner: Owner) -> bytes:
        data = bytes(value) if isinstance(value, bytes | bytearray | memoryview) else None
        if data is None or picture_format(data) is None:
            raise InvalidValue(
                owner, self.label, "…", QT_TRANSLATE_NOOP("errors", "must be a PNG or JPEG picture")
            )
        if len(data) > self.max_kb * 1024:
            raise InvalidValue(
                owner,
                self.label,
                "…",
                QT_TRANSLATE_NOOP("errors", "is {size} KB; at most {max_kb} KB"),
                size=(len(data) + 1023) // 1024,
                max_kb=self.max_kb,
            )
        return data


@dataclass(frozen=True)
class DateField(Field):
    sql_type: ClassVar[str] = "date"

    def convert(self, value: Any, owner: Owner) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise InvalidValue(
                owner, self.label, value, QT_TRANSLATE_NOOP("errors", "is not a date (YYYY-MM-DD)")
            ) from None


@dataclass(frozen=True)
class Moment(Field):
    """A date and time to the second (when a deal entered a stage)."""

    sql_type: ClassVar[str] = "timestamp"

    def convert(self, value: Any, owner: Owner) -> dt.datetime:
        if isinstance(value, dt.datetime):
            return value
        try:
            return dt.datetime.fromisoformat(str(value))
        except ValueError:
            raise InvalidValue(
                owner,
                self.label,
                value,
                QT_TRANSLATE_NOOP("errors", "is not a date and time (YYYY-MM-DD HH:MM:SS)"),
            ) from None


BIGINT_MAX = 2**63 - 1  # ids are positive bigints


@dataclass(frozen=True)
class _Reference(Field):
    """A reference stored as ``<name>_id`` (bigint) to a row of ``ref_table``."""

    target: str = ""
    sql_type: ClassVar[str] = "bigint"
    _table_prefix: ClassVar[str] = "cat_"
    _message: ClassVar[str] = ""

    @property
    def column(self) -> str:
        return f"{self.name}_id"

    @property
    def ref_table(self) -> str:
        return f"{self._table_prefix}{self.target}"

    def convert(self, value: Any, owner: Owner) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= BIGINT_MAX:
            raise InvalidValue(owner, self.label, value, self._message, target=self.target)
        return value


@dataclass(frozen=True)
class Ref(_Reference):
    """A reference to a catalog item; stored as ``<name>_id``.

    ``within`` names another header field the item must belong to: the item's own field of
    that name must equal it (a counterparty of the document's partner); checked by the header
    guard in PostgreSQL when both are filled."""

    within: str | None = None

    _message: ClassVar[str] = QT_TRANSLATE_NOOP("errors", "must reference a {target} item")


@dataclass(frozen=True)
class Choice(String):
    """One of a fixed list of values, stored as its key (statuses, kinds, methods).

    ``options`` pairs each key with its title; ``default`` is what a new object starts with."""

    options: tuple[tuple[str, str], ...] = ()
    default: str | None = None
    max_len: int = 30

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(k for k, _ in self.options)

    def title_of(self, key: str | None) -> str:
        return dict(self.options).get(key or "", key or "")

    def db_checks(self, value: str | None = None) -> dict[str, str]:
        keys = ", ".join("'" + k.replace("'", "''") + "'" for k in self.keys)
        return {"choice": f"{value or self.column} IN ({keys})"}

    def convert(self, value: Any, owner: Owner) -> str:
        v = super().convert(value, owner)
        if v not in self.keys:
            raise InvalidValue(
                owner,
                self.label,
                value,
                QT_TRANSLATE_NOOP("errors", "must be one of: {choices}"),
                choices=", ".join(self.keys),
            )
        return v


@dataclass(frozen=True)
class DocRef(_Reference):
    """A reference to a document of type ``target`` (an order a shipment fulfils); stored as
    ``<name>_id`` with a foreign key to ``doc_<target>``; shown by its number."""

    _table_prefix: ClassVar[str] = "doc_"
    _message: ClassVar[str] = QT_TRANSLATE_NOOP("errors", "must reference a {target} document")
