"""装修申请表 on paper (FORMS.md): one A4 the owner signs and the office keeps with the papers.

Letterhead, the spaced title with the red ZX number, the day applied and the clerk who took it;
then one ruled grid in sections: the room and the owner (and the owner's agent), the contractor
(施工单位, 营业执照号, 资质证书号, 负责人 and phone), 装修项目 as the checklist with the planned works
ticked, 施工人数 with the workers' names, 工期, 图纸 (attached or not) and the papers brought, the
fees' receipt, 业主承诺 (the owner's undertaking, signed), 工程部审批意见 (the decision and its note
once decided, with who and when) and 管理处意见 (left for the office to write and sign).
"""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from models.renovation.printed import PrintedApplication
from reports.pdf import layout as L
from reports.pdf.blocks import Checklist
from reports.pdf.fonts import BOLD
from reports.pdf.renovation.pieces import stack

TITLE = "装修申请表"
APPLIED, TAKEN_BY = "申请日期：{date}", "受理人：{who}"
ROOM, OWNER, PHONE, AGENT, AGENT_PHONE = "房号", "业主", "联系电话", "代理人", "代理人电话"
APPLICANT, BY_OWNER, BY_AGENT = "申请人", "业主本人", "业主委托代理人"
CONTRACTOR, LICENCE, QUALIFICATION, IN_CHARGE = "施工单位", "营业执照号", "资质证书号", "负责人"
WORKS, WORKERS, PERIOD, DRAWINGS, PAPERS, FEES = "装修项目", "施工人数", "工期", "图纸", "已交资料", "缴费"
PROMISE_LABEL, REVIEW, OFFICE = "业主承诺", "工程部\n审批意见", "管理处意见"
OTHER = "其他：{text}"
WORKERS_TEXT = "{n} 人（{names}）"
PERIOD_TEXT = "{start} 至 {end}，共 {days} 天"
DRAWINGS_YES, DRAWINGS_NO = "有（{n} 份）", "无"
NO_FEES = "尚未缴费"
PROMISE = ("本人已阅读并同意遵守《装修管理规定》及装修协议，保证：不拆改承重墙、梁、柱及剪力墙，不擅自改动燃气、"
           "消防及公共管线；按管理处规定的时间施工，休息时间不进行噪音作业；装修垃圾袋装并运至指定地点，不占用公共"
           "通道；施工人员凭出入证进出。如有违反，愿意接受管理处的整改要求并承担相应责任；因装修造成公共部位或他人"
           "财产损失的，由本人负责修复或赔偿。")
OWNER_SIGN, CONTRACTOR_SIGN = "业主（代理人）签字", "施工单位负责人签字"
DECIDED = "{decision}。{note}"
DECIDED_BY = "审批人"
OFFICE_SIGN = "负责人"
WAITING = "（待工程部审批）"
FOOTNOTE = "注：本表由管理处存档。经工程部审批同意并缴清费用后，凭本表办理装修许可证及施工人员出入证。"

WIDTH = L.PAGE[0] - 2 * L.MARGIN
COLS = (25 * mm, WIDTH / 2 - 25 * mm, 25 * mm, WIDTH / 2 - 25 * mm)
CHECK_COLUMNS = 3
OPINION_HEIGHT = 16 * mm             # room to write the opinion by hand


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    base = L.styles().text
    return dict(text=base, strong=ParagraphStyle("application-strong", base, fontName=BOLD), small=L.styles().small)


def _t(value, kind: str = "text") -> Paragraph:
    return L.text(value, _styles()[kind])


def _people(doc: PrintedApplication) -> list[list]:
    rows = [[ROOM, _t(doc.room_label, "strong"), APPLICANT, _t(BY_AGENT if doc.agent else BY_OWNER)],
            [OWNER, _t(doc.owner_name), PHONE, _t(doc.owner_phone)]]
    if doc.agent:
        rows.append([AGENT, _t(doc.agent), AGENT_PHONE, _t(doc.agent_phone)])
    c = doc.contractor
    return rows + [[CONTRACTOR, _t(c.name, "strong"), "", ""],
                   [LICENCE, _t(c.licence_no), QUALIFICATION, _t(c.qualification_no)],
                   [IN_CHARGE, _t(c.person_in_charge), PHONE, _t(c.phone)]]


def _works(doc: PrintedApplication, width: float) -> list[list]:
    works = [Checklist(doc.works, CHECK_COLUMNS)] + ([_t(OTHER.format(text=doc.works_note))] if doc.works_note else [])
    drawings = DRAWINGS_YES.format(n=doc.drawings) if doc.drawings else DRAWINGS_NO
    period = PERIOD_TEXT.format(start=L.cn_date(doc.start_on), end=L.cn_date(doc.end_on), days=doc.days)
    return [[WORKS, stack(*works), "", ""],
            [WORKERS, _t(WORKERS_TEXT.format(n=len(doc.workers), names="、".join(doc.workers))), "", ""],
            [PERIOD, _t(period), "", ""],
            [DRAWINGS, _t(drawings, "strong" if doc.drawings else "text"), PAPERS, _t("、".join(doc.papers) or "无")],
            [FEES, _t(doc.receipt or NO_FEES), "", ""]]


def _opinion(decision: str, note: str) -> str:
    """同意。按图施工。 — the note alone when the supervisor wrote the decision into it (同意，按图施工)."""
    note = note.strip()
    text = note if note.startswith(decision) else DECIDED.format(decision=decision, note=note)
    return text.rstrip("。；;，, ") + "。"


def _signed(label: str, name: str = "", date=None) -> Flowable:
    return L.SignatureRow([L.Signature(label, name=name, date=date)])


def _opinions(doc: PrintedApplication, width: float) -> list[list]:
    width = L.SignatureRow.caption_width([L.Signature(OWNER_SIGN), L.Signature(CONTRACTOR_SIGN)])
    promise = stack(_t(PROMISE), Spacer(0, 2 * mm), L.SignatureRow([L.Signature(OWNER_SIGN)], label_width=width),
                     L.SignatureRow([L.Signature(CONTRACTOR_SIGN)], label_width=width))
    if doc.decision:
        decided = _t(_opinion(doc.decision, doc.decision_note), "strong")
        date = doc.decided_at.date() if doc.decided_at else None
        review = stack(L.at_least(OPINION_HEIGHT, decided), _signed(DECIDED_BY, doc.decided_by, date))
    else:
        review = stack(L.at_least(OPINION_HEIGHT, _t(WAITING, "small")), _signed(DECIDED_BY))
    office = stack(Spacer(0, OPINION_HEIGHT), _signed(OFFICE_SIGN))
    return [[PROMISE_LABEL, promise, "", ""], [REVIEW, review, "", ""], [OFFICE, office, "", ""]]


def _grid(doc: PrintedApplication) -> Table:
    rows = _people(doc) + _works(doc, WIDTH) + _opinions(doc, WIDTH)
    cells = [[L.label(r[0]), r[1], L.label(r[2]) if r[2] else Spacer(0, 0), r[3] or Spacer(0, 0)] for r in rows]
    wide = [i for i, r in enumerate(rows) if not r[2]]
    spans = [((1, i), (3, i)) for i in wide]
    shade = [("BACKGROUND", (0, 0), (0, -1), L.HEAD_SHADE)]
    shade += [("BACKGROUND", (2, i), (2, i), L.HEAD_SHADE) for i, r in enumerate(rows) if r[2]]
    first_contractor = 3 if doc.agent else 2
    first_works = first_contractor + 3
    first_opinion = first_works + 5
    rules = [("LINEABOVE", (0, i), (-1, i), 1.0, "black") for i in (first_contractor, first_works, first_opinion)]
    return L.grid(cells, COLS, spans=spans, style=shade + rules)


def build_application(doc: PrintedApplication) -> bytes:
    story = [L.heading(TITLE, office=doc.office, serial=doc.serial,
                       left=APPLIED.format(date=L.cn_date(doc.submitted_at)),
                       right=TAKEN_BY.format(who=doc.received_by)),
             Spacer(0, 2 * mm), _grid(doc), Spacer(0, 2 * mm), _t(FOOTNOTE, "small")]
    return L.flowing_pdf(L.fit_one_page(story), title=f"{TITLE} No. {doc.serial}", office=doc.office)
