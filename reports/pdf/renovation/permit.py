"""装修许可证 on paper: posted on the room's door, read from the corridor (FORMS.md).

One A4 in a double frame: the office's name, the title in large type, the ZX number in red; then a
ruled grid in large type: 房号 (largest), 业主 (the ID number masked: the paper is public), 装修项目,
施工期限 from–to, 允许施工时间 (the office's setting), 施工单位, 现场负责人 and phone, and the
office's supervision phone (管理处监督电话); under it what passers-by and workers must know, and the
stamp area with the day the permit was issued. A grid too long for the page (a long list of works,
a long contractor name) is drawn shrunk, never cut.
"""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from models.renovation.printed import PrintedPermit
from reports.pdf import layout as L
from reports.pdf.fonts import BOLD
from reports.pdf.renovation.pieces import stack

TITLE = "装修许可证"
ROOM, OWNER, WORKS, PERIOD, HOURS = "房　　号", "业　　主", "装修项目", "施工期限", "允许施工时间"
CONTRACTOR, IN_CHARGE, SUPERVISION = "施工单位", "现场负责人", "管理处\n监督电话"
PERIOD_TEXT = "{start} 至 {end}"
IN_CHARGE_TEXT = "{name}　电话：{phone}"
RULES = ("1. 本证须张贴于户门外显眼处，以备查验，不得涂改、转借。",
         "2. 施工人员须佩戴装修施工人员出入证进出小区。",
         "3. 请遵守允许施工时间，休息时间不得进行产生噪音的作业；装修垃圾须袋装并运至指定地点。",
         "4. 发现违规装修，欢迎拨打管理处监督电话。")
ISSUED = "发证日期：{date}"
STAMP = "管理处(盖章)"

MARGIN = 14 * mm
FRAME_INSET = 6 * mm                 # the double frame, inside the paper's margin
BOX = L.content_box(margin=MARGIN + FRAME_INSET)
LABEL_WIDTH = 44 * mm
LABEL_SIZE, VALUE_SIZE, ROOM_SIZE = 17, 20, 30
FOOT_RIGHT = 68 * mm                 # the stamp area and the day of issue


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("permit", L.styles().text, fontSize=VALUE_SIZE, leading=VALUE_SIZE * 1.3)
    return dict(
        value=base, strong=ParagraphStyle("permit-strong", base, fontName=BOLD),
        room=ParagraphStyle("permit-room", base, fontName=BOLD, fontSize=ROOM_SIZE, leading=ROOM_SIZE * 1.2),
        label=ParagraphStyle("permit-label", base, fontName=BOLD, fontSize=LABEL_SIZE, leading=LABEL_SIZE * 1.25,
                             alignment=TA_CENTER),
        id=ParagraphStyle("permit-id", base, fontSize=15, leading=19),
        rules=ParagraphStyle("permit-rules", base, fontSize=12, leading=16),
        issued=ParagraphStyle("permit-issued", base, fontSize=13, leading=17, alignment=TA_CENTER))


def _t(value, kind: str = "value") -> Paragraph:
    return L.text(value, _styles()[kind])


class PermitHeading(Flowable):
    """The office's name, 装 修 许 可 证 in large spaced type, the red number under it on the right."""

    def __init__(self, doc: PrintedPermit):
        super().__init__()
        self.office, self.serial = doc.office, doc.serial

    def wrap(self, avail_width, avail_height):
        self.width, self.height = avail_width, 38 * mm
        return self.width, self.height

    def draw(self):
        c, w, h = self.canv, self.width, self.height
        size = 20
        while size > 10 and c.stringWidth(self.office, BOLD, size) > w:
            size -= 1
        c.setFont(BOLD, size)
        c.drawCentredString(w / 2, h - 7 * mm, self.office)
        title_size, space = 50, 18
        text = c.beginText()
        text.setFont(BOLD, title_size)
        text.setCharSpace(space)
        title_w = c.stringWidth(TITLE, BOLD, title_size) + space * (len(TITLE) - 1)
        text.setTextOrigin(w / 2 - title_w / 2, h - 26 * mm)
        text.textOut(TITLE)
        c.saveState()
        c.drawText(text)
        c.restoreState()
        c.setFillColor(L.RED)
        c.setFont(BOLD, 16)
        c.drawRightString(w, h - 36 * mm, f"No. {self.serial}")
        c.setFillColor("black")


def _grid(doc: PrintedPermit) -> Table:
    period = PERIOD_TEXT.format(start=L.cn_date(doc.start_on), end=L.cn_date(doc.end_on))
    owner = stack(_t(doc.owner_name), _t(doc.owner_id, "id")) if doc.owner_id else _t(doc.owner_name)
    rows = [[ROOM, _t(doc.room_label, "room")], [OWNER, owner], [WORKS, _t(doc.works)],
            [PERIOD, _t(period, "strong")], [HOURS, _t(doc.work_hours, "strong")],
            [CONTRACTOR, _t(doc.contractor)],
            [IN_CHARGE, _t(IN_CHARGE_TEXT.format(name=doc.person_in_charge, phone=doc.contractor_phone))],
            [SUPERVISION, _t(doc.office_phone, "room")]]
    cells = [[_t(label, "label"), value] for label, value in rows]
    return L.grid(cells, (LABEL_WIDTH, BOX.width - LABEL_WIDTH), style=[
        ("BACKGROUND", (0, 0), (0, -1), L.HEAD_SHADE), ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 9), ("LEFTPADDING", (0, 0), (-1, -1), 7)])


def _foot(doc: PrintedPermit) -> Table:
    rules = [_t(line, "rules") for line in RULES]
    right = [L.StampArea(STAMP, 38 * mm), Spacer(0, 2 * mm), _t(ISSUED.format(date=L.cn_date(doc.issued_on)),
                                                                  "issued")]
    table = Table([[rules, right]], colWidths=[BOX.width - FOOT_RIGHT, FOOT_RIGHT])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "CENTER"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _frame(c) -> None:
    """A double rule round the page, as a certificate has."""
    w, h = L.PAGE
    outer = MARGIN
    c.saveState()
    c.setLineWidth(2.4)
    c.rect(outer, outer, w - 2 * outer, h - 2 * outer)
    c.setLineWidth(0.8)
    inner = outer + 2.2 * mm
    c.rect(inner, inner, w - 2 * inner, h - 2 * inner)
    c.restoreState()


def build_permit(doc: PrintedPermit) -> bytes:
    def draw(c):
        _frame(c)
        story = [PermitHeading(doc), Spacer(0, 3 * mm), _grid(doc), Spacer(0, 6 * mm), _foot(doc)]
        L.draw_flowables(c, BOX, story, shrink=True)
    return L.canvas_pdf(f"{TITLE} No. {doc.serial}", [draw], author=doc.office)
