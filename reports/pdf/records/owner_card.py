"""业主资料卡: the owner record card of a room, one A4 the owner signs and the office files.

Laid out as the pre-printed card: a ruled grid in sections (房屋, 业主, 共有人, 家庭成员,
车辆, 租户, 备注), each named vertically in the left column; empty sections keep blank
rows for handwriting; the owner's declaration, signatures (dates left blank, written by
hand) and the stamp area at the foot. A tenant's household is listed under the tenant
(同住人), not among the owner's family.
"""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from models.records.cards import OwnerCard
from reports.pdf import layout as L

# Printed words: the card is Chinese whatever the screen language (FORMS.md).
TITLE = "业主资料卡"
CREATED = "建卡日期："
SECTIONS = dict(room="房屋", owner="业主", co_owners="共有人", residents="家庭成员", vehicles="车辆",
                tenants="租户", notes="备注")
ROOM = dict(room="房号", area="建筑面积", use="用途", moved_in="入住日期", deed="房产证号")
OWNER = dict(name="姓名", gender="性别", phone="联系电话", id_type="证件类型", id_number="证件号码",
             employer="工作单位", emergency="紧急联系人", relation="关系")
CO_OWNER_HEAD = ("姓名", "性别", "证件类型", "证件号码", "联系电话")
RESIDENT_HEAD = ("姓名", "与业主关系", "联系电话")
VEHICLE_HEAD = ("车牌号", "车位", "使用人")
TENANT_HEAD = ("姓名", "身份", "联系电话", "租期")
TENANT_ROLE = "租户"
HOUSEMATE = "同住人"          # a resident of the tenant's household, listed under the tenant
AREA_UNIT = " m²"
DECLARATION = "本人确认以上信息真实、准确；如有变更，将及时到管理处办理变更登记。"
PRIVACY = "注：本卡由管理处存档，所载个人信息仅用于物业管理服务，不对外提供。"
SIGN_OWNER = "业主签字"
SIGN_CLERK = "经办人"
STAMP = "管理处(盖章)"

WIDTH = L.PAGE[0] - 2 * L.MARGIN
SECTION_COL = 9 * mm
BODY = WIDTH - SECTION_COL
# The six columns of the label/value rows: label, value, label, value, label, value.
SIX = (23 * mm, 36 * mm, 21 * mm, 34 * mm, 21 * mm, BODY - 135 * mm)
# Blank rows left for handwriting when a section has fewer entries.
MIN_ROWS = dict(co_owners=1, residents=4, vehicles=2, tenants=2)
NOTES_MIN_HEIGHT = 24 * mm
CHUNK = 15   # rows of a list section per table (see _list_section)


def _section(name: str, rows: list[list], widths, *, spans=(), header_rows=0, split_in_row=False):
    """One section of the grid: its name down the left column, its rows to the right."""
    body = [[L.section_label(name) if i == 0 else ""] + list(row) for i, row in enumerate(rows)]
    shifted = [((a[0] + 1, a[1]), (b[0] + 1, b[1])) for a, b in spans]
    return L.grid(body, (SECTION_COL, *widths), spans=[((0, 0), (0, len(rows) - 1)), *shifted],
                  header_rows=header_rows, shade_from=1, split_in_row=split_in_row)


def _list_section(name: str, head, entries: list[list], minimum: int, widths) -> list:
    """A sub-table with column heads, padded with blank rows for handwriting.

    A long list becomes several tables of ``CHUNK`` rows, each with its heads, because a
    table cannot break over a page inside the span of its section name.
    """
    entries = entries + [[""] * len(head) for _ in range(max(0, minimum - len(entries)))]
    return [_section(name, [list(head)] + entries[i:i + CHUNK], widths, header_rows=1)
            for i in range(0, len(entries), CHUNK)]


def _room_section(card: OwnerCard):
    lab = L.label
    rows = [
        [lab(ROOM["room"]), card.room_label, lab(ROOM["area"]), f"{card.area}{AREA_UNIT}",
         lab(ROOM["use"]), card.use],
        [lab(ROOM["moved_in"]), L.cn_date(card.moved_in), lab(ROOM["deed"]), card.owner.deed_no, "", ""],
    ]
    return _section(SECTIONS["room"], rows, SIX, spans=[((3, 1), (5, 1))])


def _owner_section(card: OwnerCard):
    o, lab = card.owner, L.label
    rows = [
        [lab(OWNER["name"]), o.name, lab(OWNER["gender"]), o.gender, lab(OWNER["phone"]), o.phone_text],
        [lab(OWNER["id_type"]), o.id_type, lab(OWNER["id_number"]), o.id_number, "", ""],
        [lab(OWNER["employer"]), o.employer, "", "", "", ""],
        [lab(OWNER["emergency"]), o.emergency_name, lab(OWNER["relation"]), o.emergency_relation,
         lab(OWNER["phone"]), o.emergency_phone],
    ]
    return _section(SECTIONS["owner"], rows, SIX, spans=[((3, 1), (5, 1)), ((1, 2), (5, 2))])


def _co_owner_section(card: OwnerCard) -> list:
    widths = (34 * mm, 12 * mm, 36 * mm, 46 * mm, BODY - 128 * mm)
    entries = [[c.name, c.gender, c.id_type, c.id_number, c.phone_text] for c in card.co_owners]
    return _list_section(SECTIONS["co_owners"], CO_OWNER_HEAD, entries, MIN_ROWS["co_owners"], widths)


def _residents_section(card: OwnerCard) -> list:
    widths = (45 * mm, 45 * mm, BODY - 90 * mm)
    entries = [[r.name, r.relation, r.phone] for r in card.residents]
    return _list_section(SECTIONS["residents"], RESIDENT_HEAD, entries, MIN_ROWS["residents"], widths)


def _vehicles_section(card: OwnerCard) -> list:
    widths = (45 * mm, 45 * mm, BODY - 90 * mm)
    entries = [[x.plate, x.parking_space, x.user] for x in card.vehicles]
    return _list_section(SECTIONS["vehicles"], VEHICLE_HEAD, entries, MIN_ROWS["vehicles"], widths)


def _housemate(relation: str) -> str:
    return f"{HOUSEMATE}（{relation}）" if relation else HOUSEMATE


def _tenants_section(card: OwnerCard) -> list:
    widths = (32 * mm, 40 * mm, 32 * mm, BODY - 104 * mm)
    entries = []
    for t in card.tenants:
        entries.append([t.name, TENANT_ROLE, t.phone, t.period])
        entries += [[r.name, _housemate(r.relation), r.phone, ""] for r in t.household]
    return _list_section(SECTIONS["tenants"], TENANT_HEAD, entries, MIN_ROWS["tenants"], widths)


def _notes_section(card: OwnerCard):
    rows = [[L.at_least(NOTES_MIN_HEIGHT, L.text(card.notes))]]
    return _section(SECTIONS["notes"], rows, (BODY,), split_in_row=True)


def build_owner_card(card: OwnerCard, office_name: str | None = None) -> bytes:
    """The card as PDF bytes; ``office_name`` defaults to the office.name setting."""
    story = [
        L.heading(TITLE, office=office_name, serial=card.card_no, right=f"{CREATED}{L.cn_date(card.created_on)}"),
        Spacer(0, 2 * mm),
        _room_section(card),
        _owner_section(card),
        *_co_owner_section(card),
        *_residents_section(card),
        *_vehicles_section(card),
        *_tenants_section(card),
        _notes_section(card),
        Spacer(0, 3 * mm),
        # The signature dates are written by hand when the card is signed: 建卡日期 above is the
        # day the ownership was recorded, not the day anyone signs.
        L.sign_off([[L.Signature(SIGN_OWNER)], [L.Signature(SIGN_CLERK, name=card.clerk)]],
                   WIDTH, stamp=STAMP, before=[L.text(DECLARATION), Spacer(0, 2 * mm)],
                   after=[Spacer(0, 2 * mm), L.text(PRIVACY, L.styles().small)]),
    ]
    return L.flowing_pdf(L.fit_one_page(story), title=f"{TITLE} {card.room_label}", office=office_name)
