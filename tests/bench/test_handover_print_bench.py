"""Issue 18 figures: the handover form's PDF (交房确认单, both copies on one A4) in under 30 ms, gathering
from the database and building it, and a sheet of key tags for 200 keys (钥匙牌, nine sheets with a Code 128
barcode each); each against bare ReportLab drawing the same content with plain canvas calls.

A vacant room of the generated estate (none of whose keys is lent out) is handed over (to a buyer registered
at the desk, with the meters, five kinds of key and card, four defects and a note: what must still fit both
copies on one A4) and 200 keys are hung on hooks ZB-001 … ZB-200, inside a transaction rolled back
at the end, so the cached estate is left as it was. Font registration is done once before either side is
timed.

    BENCH_ROOMS=20000 QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -m bench -s \
        tests/bench/test_handover_print_bench.py
"""
from __future__ import annotations

import contextlib
import datetime as dt
import io

import pytest

from tests.bench.conftest import median_ms, report

pytestmark = pytest.mark.bench
ROUNDS = 9
KEYS = 200


def _handed_over() -> int:
    from models.handover.handing import DefectInput, HandoverInput, Reading, checklist, hand_over
    from models.handover.tables import OUT, Key
    from models.records.estate import VACANT, Room
    from models.records.people import PersonInput
    from models.users import CLERK, Actor
    lent = Key.select(Key.room).where((Key.state == OUT) & Key.room.is_null(False))     # a lent key stops a handover
    room = Room.select().where((Room.state == VACANT) & (Room.use == "residential") & Room.id.not_in(lent)
                               ).order_by(Room.id).first()
    assert room is not None, "no vacant room in the estate"
    today = dt.date.today()
    done = hand_over(Actor("李静", CLERK), HandoverInput(
        room.id, None, documents=checklist()[:3],
        readings=[Reading("water", "SB-BENCH-1", "12.5"), Reading("electricity", "DB-BENCH-1", "305"),
                  Reading("gas", "RQ-BENCH-1", "0")],
        keys=[("入户门", 3), ("信报箱", 2), ("电表箱", 1), ("水表箱", 1), ("单元门禁卡", 2)],
        defects=[DefectInput("主卧", "窗框渗水，雨后窗台内侧有明显水迹", "developer", today + dt.timedelta(days=10)),
                 DefectInput("客厅", "墙面裂缝约 30cm", "engineering"),
                 DefectInput("厨房", "燃气表箱门无法关闭", "contractor"),
                 DefectInput("主卫", "地漏排水慢", "contractor")],
        note="物业服务协议业主带回细读，下次交回",
        deed_no="粤(2026)深圳市不动产权第0099999号",
        new_owner=PersonInput("欧阳建华", id_number="110101199003077774", phones=[("13812345678", "mobile")])))
    return done.id


def _keys() -> None:
    from models.handover.keys import KeyInput, add_key
    from models.handover.tables import PLANT, PUBLIC
    from models.users import CS_SUPERVISOR, Actor
    supervisor = Actor("王芳", CS_SUPERVISOR)
    for n in range(1, KEYS + 1):
        add_key(supervisor, KeyInput(f"ZB-{n:03d}", PLANT if n % 2 else PUBLIC, "消防泵房门" if n % 2 else "天台门",
                                     area=f"{n % 30 + 1}栋地下室" if n % 7 else "会所东侧设备间（二期）"))


@contextlib.contextmanager
def _made(database):
    with database.atomic() as tx:            # made for the run, then rolled back
        handover_id = _handed_over()
        _keys()
        yield handover_id
        tx.rollback()


def _median_ms(fn, rounds: int = ROUNDS) -> tuple[float, object]:
    return median_ms(fn, rounds)


# --- the yardsticks: the same pages with plain canvas calls -------------------------------------------

def _cells(c, y: float, x0: float, widths, texts, height: float = 17) -> float:
    """One ruled row of cells with their text (cut to fit by count); returns the row's bottom."""
    x = x0
    for width, value in zip(widths, texts):
        c.rect(x, y - height, width, height)
        c.drawString(x + 3, y - height + 5, str(value)[:int(width / 9.5)])
        x += width
    return y - height


def draw_bare_handover(doc) -> bytes:
    """Both copies: heading, the ruled rows, the checklist's boxes and ticks, signatures, stamp circle."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reports.pdf.fonts import BOLD, REGULAR
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1)
    x0, w = 8 * mm, 187 * mm
    for top in (289 * mm, 148.5 * mm - 4 * mm):
        c.setFont(REGULAR, 10.5)
        c.drawCentredString(105 * mm, top - 4 * mm, doc.office)
        c.setFont(BOLD, 15)
        c.drawCentredString(105 * mm, top - 11 * mm, "交 房 确 认 单")
        c.drawRightString(x0 + w, top - 11 * mm, f"No. {doc.serial}")
        c.setFont(REGULAR, 9.5)
        y = top - 15 * mm
        for row in (("房号", doc.room_label, "建筑面积", doc.area), ("业主", doc.owner_name, "联系电话", doc.owner_phone),
                    ("证件号码", doc.owner_id, "交房日期", str(doc.handed_on)), ("产权证明", doc.deed_no, "", "")):
            y = _cells(c, y, x0, (22 * mm, 71.5 * mm, 22 * mm, 71.5 * mm), row)
        for i, (name, ticked) in enumerate(doc.documents):
            bx, by = x0 + 24 * mm + (i % 3) * 55 * mm, y - 5 * mm - (i // 3) * 5 * mm
            c.rect(bx, by, 3.2 * mm, 3.2 * mm)
            if ticked:
                c.lines([(bx + 0.6 * mm, by + 1.4 * mm, bx + 1.4 * mm, by + 0.3 * mm),
                         (bx + 1.4 * mm, by + 0.3 * mm, bx + 3.4 * mm, by + 3.6 * mm)])
            c.drawString(bx + 5 * mm, by, name)
        y -= 12 * mm
        y = _cells(c, y, x0, (22 * mm, 38 * mm, 33.5 * mm, 65.5 * mm, 28 * mm), ("表计", "表号", "读数", "钥匙种类", "数量"))
        for n in range(max(len(doc.readings), len(doc.keys) + 1)):
            r = doc.readings[n] if n < len(doc.readings) else None
            k = doc.keys[n] if n < len(doc.keys) else ("合计", sum(c for c, _unit in doc.key_totals), "件")
            y = _cells(c, y, x0, (22 * mm, 38 * mm, 33.5 * mm, 65.5 * mm, 28 * mm),
                       (r.meter if r else "", r.meter_no if r else "", f"{r.reading} {r.unit}" if r else "", k[0],
                        f"{k[1]} {k[2]}"))
        y = _cells(c, y, x0, (11 * mm, 30 * mm, 90 * mm, 24 * mm, 32 * mm), ("序号", "位置", "问题", "责任部门", "整改期限"))
        for n, d in enumerate(doc.defects, 1):
            y = _cells(c, y, x0, (11 * mm, 30 * mm, 90 * mm, 24 * mm, 32 * mm),
                       (n, d.location, d.description, d.department, str(d.due_on)))
        c.drawString(x0, y - 6 * mm, "业主签字：________________　日期：____年__月__日")
        c.drawString(x0, y - 13 * mm, f"经办人：{doc.clerk}　　日期：{doc.handed_on}")
        c.circle(x0 + w - 14 * mm, y - 12 * mm, 12 * mm)
    c.setDash(4, 3)
    c.line(0, 148.5 * mm, 210 * mm, 148.5 * mm)
    c.showPage()
    c.save()
    return buf.getvalue()


def draw_bare_keytags(doc) -> bytes:
    """Twenty-four labels a sheet: outline, estate and kind, the hook large, what it opens, the barcode."""
    from reportlab.graphics.barcode.code128 import Code128
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reports.pdf.fonts import BOLD, REGULAR
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1)
    for start in range(0, len(doc.tags), 24):
        for i, tag in enumerate(doc.tags[start:start + 24]):
            x, y = 7.25 * mm + (i % 3) * 66 * mm, 284.1 * mm - (i // 3 + 1) * 33.9 * mm
            c.roundRect(x, y, 63.5 * mm, 33.9 * mm, 2 * mm)
            c.setFont(REGULAR, 7.5)
            c.drawString(x + 3 * mm, y + 28 * mm, doc.short_name)
            c.drawRightString(x + 60 * mm, y + 28 * mm, tag.kind)
            c.setFont(BOLD, 24)
            c.drawString(x + 3 * mm, y + 18 * mm, tag.hook)
            c.setFont(REGULAR, 8.5)
            c.drawString(x + 33 * mm, y + 22 * mm, tag.place)
            c.drawString(x + 33 * mm, y + 18 * mm, tag.label)
            Code128(tag.tag, barWidth=0.3 * mm, barHeight=9.5 * mm, humanReadable=0).drawOn(c, x + 12 * mm, y + 5 * mm)
            c.drawCentredString(x + 31.75 * mm, y + 2 * mm, tag.tag)
        c.showPage()
    c.save()
    return buf.getvalue()


def test_handover_form_and_key_tags_pdf(big_estate):
    from pypdf import PdfReader
    from models.handover.printed import handover_for, keytags_for
    from models.users import CLERK, Actor
    from reports.pdf.fonts import ensure_fonts
    from reports.pdf.handover.handover_form import build_handover
    from reports.pdf.handover.keytags import build_keytags
    clerk = Actor("李静", CLERK)
    ensure_fonts()                                   # registration once, outside both sides' timing
    with _made(big_estate) as handover_id:
        doc = handover_for(clerk, handover_id)
        build_handover(doc), draw_bare_handover(doc)        # warm: the first build loads what it loads once
        gather_ms, doc = _median_ms(lambda: handover_for(clerk, handover_id))
        build_ms, pdf = _median_ms(lambda: build_handover(doc))
        bare_ms, bare = _median_ms(lambda: draw_bare_handover(doc))
        total_ms, _pdf = _median_ms(lambda: build_handover(handover_for(clerk, handover_id)))
        tags = keytags_for(clerk, ("ZB-001", f"ZB-{KEYS:03d}"))
        build_keytags(tags), draw_bare_keytags(tags)
        t_gather_ms, tags = _median_ms(lambda: keytags_for(clerk, ("ZB-001", f"ZB-{KEYS:03d}")), 5)
        t_build_ms, t_pdf = _median_ms(lambda: build_keytags(tags), 5)
        t_bare_ms, t_bare = _median_ms(lambda: draw_bare_keytags(tags), 5)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1 and len(doc.defects) == 4
    assert len(tags.tags) == KEYS and len(PdfReader(io.BytesIO(t_pdf)).pages) == -(-KEYS // 24)
    report("handover form PDF (two copies on one A4)", gather_ms=gather_ms, build_ms=build_ms, total_ms=total_ms,
           bare_reportlab_ms=bare_ms, ratio=build_ms / max(bare_ms, 1e-3), bytes=len(pdf), bare_bytes=len(bare))
    report(f"key tags, {KEYS} keys on {-(-KEYS // 24)} sheets", gather_ms=t_gather_ms, build_ms=t_build_ms,
           total_ms=t_gather_ms + t_build_ms, bare_reportlab_ms=t_bare_ms, ratio=t_build_ms / max(t_bare_ms, 1e-3),
           bytes=len(t_pdf), bare_bytes=len(t_bare))
    assert total_ms < 30
    assert build_ms / max(bare_ms, 1e-3) < 5
    assert t_build_ms / max(t_bare_ms, 1e-3) < 3
