"""Reading opening balances (期初欠费, 期初押金) from the lists an office kept in Excel before the program.

The file checks (not a workbook, an old .xls, a password, too large, empty), the header row
(found by its column names below any title; no merged or blank names) and the rows under it
(values merged down count for each row) are the core reader's (``reports.excel.sheets``); this
module knows only what offices call the columns of these two lists. The rows go to
``models.money.opening``, which checks and records them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from models.errors import InvalidInput
from models.i18n import _
from models.money import opening
from reports.excel.records.importer import COMMON_ALIASES, PERSON_NAME_ALIASES
from reports.excel.sheets import SheetRead, import_table, read_fields
from reports.excel.sheets import header_lookup as lookup_of

# What offices call each column (data: their own words, so not translated).
_ROOM = {key: COMMON_ALIASES[key] for key in ("room", "building", "entrance")}
HEADER_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "arrears": {
        **_ROOM,
        "item": ("项目", "收费项目", "费用项目", "欠费项目", "费用名称", "收费项目名称", "费项"),
        "month": ("所属月份", "月份", "期间", "所属期间", "欠费月份", "欠费期间", "费用期间", "账期", "计费月份",
                  "所属年月"),
        "amount": ("欠费金额", "金额", "欠款金额", "应收金额", "未缴金额", "欠费"),
        "note": ("备注", "说明"),
    },
    "deposits": {
        **_ROOM,
        "item": ("押金类型", "押金项目", "押金名称", "项目", "收费项目", "押金种类"),
        "payer": ("缴款人", "交款人", "付款人", "交款单位", "缴款单位", "押金人") + PERSON_NAME_ALIASES,
        "quantity": ("数量", "张数", "个数", "把数"),
        "amount": ("金额", "押金金额", "收取金额", "押金"),
        "taken_on": ("收取日期", "日期", "收款日期", "缴款日期", "交款日期", "收取时间"),
        "note": ("备注", "说明"),
    },
}


def header_lookup(kind: str) -> dict[str, str]:
    """Normalised header → field key for one kind of opening list."""
    return lookup_of(opening.OPENING_FIELDS[kind], HEADER_ALIASES[kind])


def read_opening_table(kind: str, path: str | Path, progress: Callable[[int, int], None] | None = None) -> SheetRead:
    """The rows of an opening-balance list, where they came from and the header's row; refuses an unreadable file."""
    if kind not in opening.OPENING_FIELDS:
        raise InvalidInput(_("Unknown kind of opening balance: {kind}").format(kind=kind))
    return read_fields(path, opening.OPENING_FIELDS[kind], HEADER_ALIASES[kind], header_lookup(kind), progress)


def read_opening(kind: str, path: str | Path, progress: Callable[[int, int], None] | None = None):
    """The rows of an opening-balance list and a name for where they came from; refuses an unreadable file."""
    table = read_opening_table(kind, path, progress)
    return table.records, table.source


def import_opening_file(actor, kind: str, path: str | Path, *, skip_invalid: bool = False, dry_run: bool = False,
                        progress: Callable[[int, int], None] | None = None) -> opening.OpeningReport:
    """Import opening arrears or deposits from an xlsx; see ``models.money.opening.import_opening``."""
    return import_table(actor, "money.opening", lambda: read_opening_table(kind, path, progress),
                        lambda records, **how: opening.import_opening(actor, kind, records, **how),
                        skip_invalid=skip_invalid, dry_run=dry_run, progress=progress)
