"""物品放行条 as printed, gathered from a slip (plain frozen data, no ReportLab).

``slip_for(actor, slip_id)`` is what a printout asks for, from the window or the command line
alike: it checks that the actor may see release slips, then gathers everything the paper shows.
Printed words are Chinese whatever the screen language (FORMS.md).

Personal data on paper as the office needs it (FORMS.md): the 存根 stays in the office's book
and shows the full ID number only to a role that may see it (each such print is recorded as a
viewing, as the owner card's is); the 门岗联 goes to the gate and always shows it masked. The
owner's phone number, called for a tenant's release, is never printed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models import settings
from models import validation as v
from models.i18n import _
from models.money.printed import printed_room_label
from models.records.estate import get_room
from models.release import gate
from models.release.issuing import FeeArrears
from models.release.slips import (BY_TENANT, CANCELLED, USED, ReleaseItem, ReleaseSlip)
from models.validation import format_date_cn

PRINTED_ROLES = {"owner": "业主", "tenant": "租户"}
PRINTED_ID_TYPES = {"mainland_id": "居民身份证", "passport": "护照", "hk_macau": "港澳居民来往内地通行证",
                    "taiwan": "台湾居民来往大陆通行证", "foreign_pr": "外国人永久居留身份证", "other": "其他证件"}
# Seed 004 场景五: the clerk reminds the owner of any arrears; the slip carries the reminder.
ARREARS_REMINDER = "请业主尽快到管理处缴清所欠物业管理费"


def _moment(value: dt.datetime | None) -> str:
    """2026年11月24日 10:05."""
    return f"{format_date_cn(value)} {value:%H:%M}" if value else ""


@dataclass(frozen=True)
class PrintedGoods:
    """One line of goods: 物品名称, 数量, 备注."""
    name: str
    quantity: int
    note: str


@dataclass(frozen=True)
class PrintedApproval:
    """审批: the office director's word when the room owed more than the setting's months."""
    director: str
    at: dt.datetime | None
    note: str

    @property
    def line(self) -> str:
        """孙主任 2026年11月24日 10:20 批准：已承诺月底前缴清."""
        text = f"{self.director} {_moment(self.at)} 批准".strip()
        return f"{text}：{self.note}" if self.note else text


@dataclass(frozen=True)
class PrintedConsent:
    """The owner's consent by phone to a tenant's release: when, who answered (never the number)."""
    owner: str
    called_at: dt.datetime
    answered_by: str
    written_authorisation: bool

    @property
    def line(self) -> str:
        """2026年11月24日 10:05 电话征询业主张伟，接听人：业主本人，业主同意放行 (a cell's text: no final 。)."""
        text = f"{_moment(self.called_at)} 电话征询业主{self.owner}，接听人：{self.answered_by}，业主同意放行"
        return text + "；租户另持业主书面委托" if self.written_authorisation else text


@dataclass(frozen=True)
class PrintedSlip:
    """物品放行条: one slip as both its parts (存根 / 门岗联) print it."""
    serial: str                        # FX2026-000123
    office: str                        # the letterhead
    room_label: str                    # 3栋2单元1201
    person_name: str                   # 放行人
    role: str                          # owner / tenant
    id_type: str                       # 居民身份证 …
    id_stub: str                       # the number on the 存根: full only for a role that may see it
    id_gate: str                       # the number on the 门岗联: always masked
    goods: tuple[PrintedGoods, ...]
    whole_household: bool              # 整户搬迁
    plate: str                         # 车牌号, "" if none
    issued_on: dt.date                 # 放行日期
    valid_until: dt.date               # 有效期至
    issued_at: dt.datetime
    arrears_months: int                # kept on the slip at issue, never recomputed
    arrears_fen: int
    clerk: str                         # 经办人
    urgent: bool                       # 急
    note: str
    state: str                         # issued / used / cancelled
    qr_payload: str                    # FX2026-000123/K7Q2MA: what the gate's scanner reads
    check_code: str                    # K7Q2MA
    approval: PrintedApproval | None = None
    consent: PrintedConsent | None = None
    replaces: str = ""                 # the serial of the slip this one corrects
    cancel_reason: str = ""
    cancelled_by: str = ""
    cancelled_at: dt.datetime | None = None
    used_by: str = ""
    used_at: dt.datetime | None = None

    @property
    def role_label(self) -> str:
        return PRINTED_ROLES.get(self.role, self.role)

    @property
    def issued_text(self) -> str:
        return format_date_cn(self.issued_on)

    @property
    def valid_text(self) -> str:
        return format_date_cn(self.valid_until)

    @property
    def cancelled(self) -> bool:
        return self.state == CANCELLED

    @property
    def used(self) -> bool:
        return self.state == USED

    @property
    def arrears_line(self) -> str:
        """欠物业管理费 4 个月 共 ¥1,234.00; "" when nothing was owed."""
        return FeeArrears(self.arrears_months, self.arrears_fen).line()

    @property
    def arrears_notice(self) -> str:
        """The 欠费提示 as printed: the arrears and the reminder to pay; "" when nothing was owed."""
        line = self.arrears_line
        return f"{line}。{ARREARS_REMINDER}" if line else ""

    @property
    def cancel_line(self) -> str:
        """作废原因：物品写错（李静 2026年11月24日 作废）."""
        if not self.cancelled:
            return ""
        return f"作废原因：{self.cancel_reason}（{self.cancelled_by} {format_date_cn(self.cancelled_at)} 作废）"

    @property
    def used_line(self) -> str:
        """已于 2026年11月24日 14:30 放行（周卫东）."""
        return f"已于 {_moment(self.used_at)} 放行（{self.used_by}）" if self.used else ""


def _approval(slip: ReleaseSlip) -> PrintedApproval | None:
    if slip.approval_id is None:
        return None
    approval = slip.approval
    return PrintedApproval(approval.decided_by or "", approval.decided_at, approval.decision_note or "")


def _consent(slip: ReleaseSlip) -> PrintedConsent | None:
    if slip.person_role != BY_TENANT or slip.owner_call_id is None:
        return None
    call = slip.owner_call
    return PrintedConsent(call.owner.name, call.called_at, call.answered_by, bool(call.written_authorisation))


def slip_document(slip_id: int, reveal_id: bool = False) -> PrintedSlip:
    """The slip as printed; ``reveal_id`` prints the full ID number on the 存根."""
    slip = ReleaseSlip.get_or_none(ReleaseSlip.id == slip_id)
    if slip is None:
        from models.errors import NotFound
        raise NotFound(_("No such release slip."))
    payload = gate.qr_payload(slip)
    goods = tuple(PrintedGoods(item.name, item.quantity, item.note or "")
                  for item in slip.items.order_by(ReleaseItem.line))
    masked = v.mask_id(slip.id_number)
    return PrintedSlip(
        serial=slip.serial, office=settings.office_name(), room_label=printed_room_label(get_room(slip.room_id)),
        person_name=slip.person_name, role=slip.person_role,
        id_type=PRINTED_ID_TYPES.get(slip.id_type, slip.id_type),
        id_stub=slip.id_number if reveal_id else masked, id_gate=masked, goods=goods,
        whole_household=bool(slip.whole_household), plate=slip.plate or "", issued_on=slip.issued_on,
        valid_until=slip.valid_until, issued_at=slip.issued_at, arrears_months=slip.arrears_months,
        arrears_fen=slip.arrears_fen, clerk=slip.clerk, urgent=bool(slip.urgent), note=slip.note or "",
        state=slip.state, qr_payload=payload, check_code=payload.rsplit("/", 1)[1],
        approval=_approval(slip), consent=_consent(slip),
        replaces=slip.replaces.serial if slip.replaces_id else "",
        cancel_reason=slip.cancel_reason or "", cancelled_by=slip.cancelled_by or "", cancelled_at=slip.cancelled_at,
        used_by=slip.used_by or "", used_at=slip.used_at)


def slip_for(actor, slip_id: int) -> PrintedSlip:
    """The slip as ``actor`` prints it (the window's preview and the command line's ``print release``).

    The full ID number prints on the 存根, the part the person signs and the office keeps with the ID
    copy (FORMS.md), for a role with ``personal.view`` and for a signed-in user who issues slips (the
    clerk read it off the document shown); each such print is recorded in the audit log as a
    viewing, as the owner card's is. The computer's account prints it masked.
    """
    from models import audit
    from models.users import revealed
    actor.require("release.view")
    reveal = "id" in revealed(actor) or (actor.is_person and actor.can("release.issue"))
    printed = slip_document(slip_id, reveal_id=reveal)
    if reveal:
        audit.record_viewing(actor, "personal.view", entity="release_slip", entity_id=slip_id,
                             summary=_("Release slip {number} printed with the full ID number").format(
                                 number=printed.serial))
    return printed
