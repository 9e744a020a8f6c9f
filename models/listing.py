"""A list is a query over ids plus columns declared once.

The Qt list model (ui/widgets/table_model.py) and the xlsx writer
(reports/excel/writer.py) both take a ``ListSpec``, so a list on screen and its
export never disagree. Sorting and filtering happen in SQL; the screen fetches
cells only for the rows it shows.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import peewee as pw

from models import validation as v
from models.amounts import yuan
from models.db import database, is_sqlite


@dataclass(frozen=True)
class Column:
    key: str
    header: str                      # English source, translated when shown
    expr: Any                        # the peewee expression selected for this column
    kind: str = "text"               # text, int, money (fen), area (dm²), date, datetime, percent
    width: int = 12                  # characters: the xlsx width and the view's first width
    personal: str = ""               # "id", "phone" or "record" (audit JSON): masked unless the role may see it
    sort: tuple = ()                 # expressions to sort by, if not ``expr`` itself
    display: Callable[[Any], str] | None = None   # raw value → screen/xlsx text (enum labels)
    sortable: bool = True

    @property
    def numeric(self) -> bool:
        return self.kind in ("int", "money", "area", "percent")


def format_money(fen: int | None) -> str:
    """A money column's text: 1,500.00 (amounts.yuan without the ¥)."""
    return yuan(fen, symbol=False)


_ID_KEYS = {"id_number"}
_PHONE_KEYS = {"phones", "number", "emergency_phone", "phone"}


def _mask_record_json(text: str) -> str:
    """An audit before/after record with its ID and phone numbers masked.

    It stays JSON: the audit list's column display (``audit.describe_record``) turns the
    masked record into 字段名：值 afterwards, on screen and in the export alike.
    """
    import json
    try:
        record = json.loads(text)
    except (TypeError, ValueError):
        return text
    if not isinstance(record, dict):
        return text
    for key, value in record.items():
        if key in _ID_KEYS and isinstance(value, str):
            record[key] = v.mask_id(value)
        elif key in _PHONE_KEYS:
            record[key] = ([v.mask_phone(x) for x in value] if isinstance(value, list)
                           else v.mask_phone(value) if isinstance(value, str) else value)
    return json.dumps(record, ensure_ascii=False)


MASKS = {"id": v.mask_id, "phone": v.mask_phone, "record": _mask_record_json}


def mask(column: Column, value):
    """The value as a user without the right to see personal data sees it (screen and export alike)."""
    if value is None or not column.personal:
        return value
    return MASKS[column.personal](value)


def shown_in_full(column: Column, reveal) -> bool:
    """``reveal`` is True (everything), False (nothing) or the kinds a role sees (``users.revealed``)."""
    if not column.personal:
        return True
    if isinstance(reveal, bool):
        return reveal
    return column.personal in reveal


def format_cell(column: Column, value, reveal=False) -> str:
    """The text a screen shows for a raw value."""
    if value is None:
        return ""
    if not shown_in_full(column, reveal):
        value = mask(column, value)
    if column.display is not None:
        return column.display(value)
    if column.kind == "money":
        return format_money(value)
    if column.kind == "area":
        return v.format_area(value)
    if column.kind == "datetime" and isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if column.kind == "date" and isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    if column.kind == "percent":
        return f"{value:.1%}"
    return str(value)


@dataclass
class ListSpec:
    key: str
    title: str                                            # English source
    base: Callable[[], pw.Select]                         # FROM + joins, built when asked (dialect-aware)
    id_expr: Any
    columns: list[Column]
    default_sort: str
    text_filter: Callable[[pw.Select, str], pw.Select] | None = None
    filters: dict[str, Callable[[pw.Select, Any], pw.Select]] = field(default_factory=dict)
    # How a filter's value is read from typed text (the command line's --filter KEY=VALUE), raising
    # InvalidInput in Chinese; a filter not named here takes the text as typed.
    filter_values: dict[str, Callable[[str], Any]] = field(default_factory=dict)
    permission: str = "records.view"
    default_descending: bool = False                       # registers read newest first
    parametrized: bool = False                             # base(filters) rather than base()

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    def _filtered(self, filters: dict | None, text: str) -> pw.Select:
        # A list whose rows depend on a parameter (arrears as of a date) builds its base from the filters.
        query = self.base(filters or {}) if self.parametrized else self.base()
        for name, value in (filters or {}).items():
            if value not in (None, "") and name in self.filters:
                query = self.filters[name](query, value)
        text = v.clean(v.search_text(text))   # a NUL or lone surrogate is dropped, never matched
        if text and self.text_filter is not None:
            query = self.text_filter(query, text)
        return query

    def _order(self, sort: str | None, descending: bool):
        if sort is None:
            descending = self.default_descending
        col = self.column(sort or self.default_sort)
        exprs = col.sort or (col.expr,)
        ordering = [e.desc() if descending else e.asc() for e in exprs]
        ordering.append(self.id_expr.desc() if descending else self.id_expr.asc())
        return ordering

    def ids(self, filters: dict | None = None, text: str = "", sort: str | None = None,
            descending: bool = False) -> list[int]:
        """Row ids in display order: one indexed query, no cell data."""
        query = self._filtered(filters, text).select(self.id_expr).order_by(*self._order(sort, descending))
        return [row[0] for row in query.tuples().iterator()]

    def fetch(self, ids: list[int], keys: list[str] | None = None, filters: dict | None = None) -> dict[int, tuple]:
        """Raw cell values for these ids (the visible rows), keyed by id."""
        cols = [self.column(k) for k in keys] if keys else self.columns
        out: dict[int, tuple] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            base = self.base(filters or {}) if self.parametrized else self.base()
            query = base.select(self.id_expr, *[c.expr for c in cols]).where(self.id_expr.in_(chunk))
            for row in query.tuples():
                out[row[0]] = row[1:]
        return out

    def iter_rows(self, filters: dict | None = None, text: str = "", sort: str | None = None,
                  descending: bool = False) -> Iterator[tuple]:
        """Every row's raw values in display order, streamed (for exports)."""
        query = (self._filtered(filters, text).select(*[c.expr for c in self.columns])
                 .order_by(*self._order(sort, descending)))
        yield from query.tuples().iterator()

    def count(self, filters: dict | None = None, text: str = "") -> int:
        return self._filtered(filters, text).select(self.id_expr).count()


REGISTRY: dict[str, ListSpec] = {}


def register(spec: ListSpec) -> ListSpec:
    REGISTRY[spec.key] = spec
    return spec


def load_lists() -> dict[str, ListSpec]:
    """Every list: the core's (the audit log) and each part's, registered when first asked for."""
    from models import audit_list, parts  # noqa: F401  (audit_list registers the audit log)
    parts.load("models", "lists")
    return REGISTRY


def get_list(key: str) -> ListSpec:
    return load_lists()[key]


class _GroupConcat(pw.ColumnBase):
    """String aggregation whose SQL is chosen when the query runs, for its database."""

    def __init__(self, expr, separator: str):
        super().__init__()
        self.expr, self.separator = expr, separator

    def __sql__(self, ctx):
        if is_sqlite(database.obj):
            return ctx.sql(pw.fn.GROUP_CONCAT(self.expr, self.separator))
        return ctx.sql(pw.fn.STRING_AGG(pw.Cast(self.expr, "text"), self.separator))


def group_concat(expr, separator: str = "、"):
    return _GroupConcat(expr, separator)


def prefix(expr, text: str):
    """``expr`` starts with ``text``, as a range that an index answers."""
    return (expr >= text) & (expr < text + "\uffff")
