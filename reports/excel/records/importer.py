"""Reading a room or owner roster the office already keeps in Excel (.xlsx).

This side knows what an office calls a roster's columns (楼栋, 房号, 建筑面积(㎡), 身份证号...);
the sheet itself is read by the core reader (``reports.excel.sheets``), which refuses a file it
cannot read safely, whole, with a sentence the clerk can act on, before anything is written.
The rows it finds go to ``models.records.importing``, which checks and records them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from models.errors import InvalidInput
from models.i18n import _
from models.listing import get_list
from models.records import importing
from reports.excel.sheets import SheetRead, import_table, normalise_header, read_fields
from reports.excel.sheets import header_lookup as lookup_of

# What offices call each column (data: their own words, so not translated). A header is
# compared after ``normalise_header``: full-width → half-width, no spaces, no units or brackets.
COMMON_ALIASES = {
    "room": ("房号", "房间号", "室号", "门牌号", "房屋编号", "房屋编码", "房号编码", "房屋", "房间", "户号"),
    "building": ("楼栋", "栋", "楼号", "栋号", "幢", "幢号", "楼宇", "楼栋号", "楼座", "座号"),
    "entrance": ("单元", "单元号", "门洞", "梯号"),
    "id_type": ("证件类型", "证件种类", "证件名称"),
    "id_number": ("证件号码", "身份证号", "身份证号码", "证件号", "身份证", "身份证件号码"),
    "phone": ("手机号码", "手机", "手机号", "联系电话", "电话", "电话号码", "联系方式", "移动电话", "固定电话",
              "座机", "备用电话"),
    "start_date": ("入住日期", "交房日期", "入住时间", "交房时间", "收楼日期", "迁入日期", "登记日期"),
    "deed_no": ("房产证号", "产权证号", "房产证编号", "不动产权证号", "不动产证号"),
}
# What offices call the column with the person's name, in every list that has one (rooms roster,
# people roster, opening deposits' payer).
PERSON_NAME_ALIASES = ("姓名", "业主姓名", "业主", "户主", "户主姓名", "业主名称", "业主名字", "住户", "住户姓名",
                       "客户名称", "客户姓名", "客户", "名字", "人员姓名", "产权人", "产权人姓名", "房主")
HEADER_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "rooms": {
        **COMMON_ALIASES,
        "area": ("建筑面积", "面积", "房屋面积", "产权面积"),
        "use": ("用途", "房屋用途", "物业类型", "房屋类型", "类型"),
        "state": ("状态", "房屋状态"),
        "note": ("备注", "说明"),
        "owner_name": PERSON_NAME_ALIASES,
        "phone": COMMON_ALIASES["phone"] + ("业主电话", "业主手机", "业主联系电话"),
        "id_number": COMMON_ALIASES["id_number"] + ("业主身份证号", "业主证件号码"),
    },
    "people": {
        **COMMON_ALIASES,
        "name": PERSON_NAME_ALIASES,
        "role": ("身份", "角色", "人员类型", "住户类型", "类别", "人员类别", "类型", "住户身份"),
        "gender": ("性别",),
        "employer": ("工作单位", "单位", "工作单位名称"),
        "emergency_name": ("紧急联系人", "紧急联系人姓名", "应急联系人"),
        "emergency_relation": ("紧急联系人关系", "与紧急联系人关系", "紧急联系人与本人关系"),
        "emergency_phone": ("紧急联系电话", "紧急联系人电话", "紧急联系人手机", "应急联系电话"),
        "plate": ("车牌", "车牌号", "车牌号码"),
        "parking_space": ("车位", "车位号"),
        "relation": ("关系", "与业主关系", "与户主关系"),
        "lease_start": ("租期开始", "起租日期", "租赁开始日期", "租赁起始日期", "租期起", "起租日"),
        "lease_end": ("租期结束", "到期日期", "租赁到期日", "租期止", "租赁结束日期", "租期至", "租约到期日",
                      "租赁截止日期"),
        "lease_no": ("合同号", "租赁合同号", "租约编号", "合同编号"),
        "notes": ("备注", "说明"),
    },
}
# The columns of our own exports, so that a list exported here reads back in (list column → field).
_EXPORT_COLUMNS = {
    "rooms": ("rooms", {"code": "room", "building": "building", "entrance": "entrance", "area": "area",
                        "use": "use", "state": "state", "note": "note"}),
    "people": ("people", {"name": "name", "gender": "gender", "id_number": "id_number", "phone": "phone",
                          "employer": "employer", "emergency": "emergency_name"}),
}


def header_lookup(kind: str) -> dict[str, str]:
    """Normalised header → field key, for one kind of roster."""
    lookup: dict[str, str] = {}
    list_key, columns = _EXPORT_COLUMNS[kind]
    spec = get_list(list_key)
    for column_key, field_key in columns.items():
        header = spec.column(column_key).header
        lookup[normalise_header(header)] = lookup[normalise_header(_(header))] = field_key
    return lookup_of(importing.FIELDS[kind], HEADER_ALIASES[kind], lookup)


def read_roster(kind: str, path: str | Path, progress: Callable[[int, int], None] | None = None) -> SheetRead:
    """The rows of a roster, where they came from and the header's row; refuses an unreadable file."""
    if kind not in importing.FIELDS:
        raise InvalidInput(_("Unknown kind of roster: {kind}").format(kind=kind))
    return read_fields(path, importing.FIELDS[kind], HEADER_ALIASES[kind], header_lookup(kind), progress)


def read_records(kind: str, path: str | Path, progress: Callable[[int, int], None] | None = None
                 ) -> tuple[list[importing.Record], str]:
    """The rows of a roster and a name for where they came from; refuses an unreadable file."""
    table = read_roster(kind, path, progress)
    return table.records, table.source


def import_file(actor, kind: str, path: str | Path, *, skip_invalid: bool = False, dry_run: bool = False,
                progress: Callable[[int, int], None] | None = None) -> importing.RosterReport:
    """Import a roster: ``kind`` is "rooms" or "people". See ``models.records.importing.import_records``."""
    return import_table(actor, "records.import", lambda: read_roster(kind, path, progress),
                        lambda records, **how: importing.import_records(actor, kind, records, **how),
                        skip_invalid=skip_invalid, dry_run=dry_run, progress=progress)
