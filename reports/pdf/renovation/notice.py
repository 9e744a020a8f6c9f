"""整改通知书 on paper: 第一联 存根 (kept by the office with the receiver's signature) and 第二联 送达联
(handed over, with the office's stamp) on one A4, a dashed cut line between (FORMS.md).

Each part is the whole notice: letterhead, the spaced title with the red ZG number, 致 the room's
owner and/or contractor, then a ruled grid: 检查时间 and the application's number, 经检查发现 (the
finding), 违反规定 (违反《装修管理规定》第 X 条 …), 整改要求, 整改期限 (the deadline, bold), and
逾期后果 (what the office does when the deadline passes: the works stopped and the case reported to
the owners' committee, the residents' committee and the housing authority). The stub is signed by
the inspector and by whoever received the notice (签收人, filled in on a reprint once known); the
part handed over carries the inspector's name, the office's phone and the stamp area. A part too
long for its half of the page (the longest findings) is drawn shrunk, never cut.
"""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from models.renovation.printed import PrintedNotice
from reports.pdf import layout as L
from reports.pdf.fonts import BOLD

TITLE = "整改通知书"
PARTS = ("第一联 存根", "第二联 送达联")
TO = "致：{room} {who}："
OPENING = "管理处依据《装修管理规定》对你户装修施工进行检查，发现以下问题，现通知如下："
INSPECTED, RENOVATION = "检查时间", "装修申请"
FOUND, RULE, REQUIRED, DEADLINE, CONSEQUENCE = "经检查发现", "违反规定", "整改要求", "整改期限", "逾期后果"
DEADLINE_TEXT = "请于 {date} 前整改完毕，并通知管理处复查。"
CONSEQUENCE_TEXT = ("逾期未整改的，管理处将责令停止施工，并将有关情况报告业主委员会、居民委员会及房地产主管部门"
                    "依法处理；由此造成的损失和责任由业主及施工单位承担。")
INSPECTOR, RECEIVER = "检查人", "签收人"
ASK = "如有疑问，请致电管理处：{phone}"
STAMP = "管理处(盖章)"
RECTIFIED, ESCALATED = "已整改", "已上报"

MARGIN = 10 * mm
BOX = L.content_box(margin=MARGIN)
WIDTH = L.part_width(BOX)
COLS = (24 * mm, WIDTH - 24 * mm - 26 * mm - 42 * mm, 26 * mm, 42 * mm)
STAMP_DIAMETER = 25 * mm
FOUND_HEIGHT, REQUIRED_HEIGHT = 14 * mm, 12 * mm     # room to write more by hand, as on the book's form
PADDING = [("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    base = L.styles().text
    return dict(text=base, strong=ParagraphStyle("notice-strong", base, fontName=BOLD),
                to=ParagraphStyle("notice-to", base, fontName=BOLD, fontSize=11.5, leading=15),
                small=L.styles().small, deadline=ParagraphStyle("notice-deadline", base, fontName=BOLD,
                                                                 fontSize=11.5, leading=15))


def _t(value, kind: str = "text") -> Paragraph:
    return L.text(value, _styles()[kind])


def _grid(doc: PrintedNotice) -> Table:
    inspected = f"{L.cn_date(doc.inspected_at)} {doc.inspected_at:%H:%M}"
    blank = Spacer(0, 0)
    rows = [[L.label(INSPECTED), _t(inspected), L.label(RENOVATION), _t(doc.renovation)],
            [L.label(FOUND), L.at_least(FOUND_HEIGHT, _t(doc.finding)), blank, blank],
            [L.label(RULE), _t(doc.rule), blank, blank],
            [L.label(REQUIRED), L.at_least(REQUIRED_HEIGHT, _t(doc.required)), blank, blank],
            [L.label(DEADLINE), _t(DEADLINE_TEXT.format(date=L.cn_date(doc.deadline)), "deadline"), blank, blank],
            [L.label(CONSEQUENCE), _t(CONSEQUENCE_TEXT), blank, blank]]
    spans = [((1, r), (3, r)) for r in range(1, len(rows))]
    shade = [("BACKGROUND", (0, 0), (0, -1), L.HEAD_SHADE), ("BACKGROUND", (2, 0), (2, 0), L.HEAD_SHADE)]
    grid = L.grid(rows, COLS, spans=spans, style=PADDING + shade)
    grid.hAlign = "LEFT"
    return grid


def _foot(doc: PrintedNotice, stub: bool) -> Flowable:
    """The stub: the inspector and the receiver sign; the part handed over: the inspector, the stamp."""
    issued = doc.issued_at.date()
    if stub:
        rows = [[L.Signature(INSPECTOR, name=doc.inspector, date=issued)], [L.Signature(RECEIVER, name=doc.signed_by)]]
        return L.sign_off(rows, WIDTH, stamp=None)
    width = L.SignatureRow.caption_width([L.Signature(INSPECTOR)])
    left = [L.SignatureRow([L.Signature(INSPECTOR, name=doc.inspector, date=issued)], label_width=width),
            _t(ASK.format(phone=doc.office_phone), "small")]
    area = L.StampArea(STAMP, STAMP_DIAMETER)
    table = Table([[left, area]], colWidths=[WIDTH - STAMP_DIAMETER - 12 * mm, STAMP_DIAMETER + 12 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (0, 0), "MIDDLE"), ("ALIGN", (1, 0), (1, 0), "CENTER"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def part(doc: PrintedNotice, stub: bool) -> list[Flowable]:
    """One part's flowables (build afresh for each drawing: a flowable is laid out once)."""
    return [L.heading(TITLE, office=doc.office, serial=doc.serial, title_size=17, office_size=11),
            Spacer(0, 1 * mm), _t(TO.format(room=doc.room_label, who=doc.addressed_to), "to"),
            Spacer(0, 1 * mm), _t(OPENING), Spacer(0, 1.5 * mm), _grid(doc), Spacer(0, 5 * mm), _foot(doc, stub)]


def _mark(c, doc: PrintedNotice, band: L.Box) -> None:
    """A reprint of a notice since rectified (or reported) says so in red in the part's top-left corner."""
    word = {"rectified": RECTIFIED, "escalated": ESCALATED}.get(doc.state)
    if not word:
        return
    c.saveState()
    c.setFillColor(L.RED)
    c.setStrokeColor(L.RED)
    c.setFont(BOLD, 12)
    width = c.stringWidth(word, BOLD, 12) + 4 * mm
    c.rect(band.x, band.top - 8 * mm, width, 7 * mm, stroke=1, fill=0)
    c.drawCentredString(band.x + width / 2, band.top - 6 * mm, word)
    c.restoreState()


def build_notice(doc: PrintedNotice) -> bytes:
    """The notice's two parts on one A4 with a cut line between."""
    def draw(c):
        bands = L.draw_parts(c, [(PARTS[0], part(doc, stub=True)), (PARTS[1], part(doc, stub=False))], BOX,
                             shrink=True)
        for band in bands:
            _mark(c, doc, band)
    return L.canvas_pdf(f"{TITLE} No. {doc.serial}", [draw], author=doc.office)
