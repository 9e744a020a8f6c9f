"""Issue 16 figure: the release slip's PDF (物品放行条, 存根 + 门岗联 on one A4) in under 30 ms, and within
5x of bare ReportLab drawing the same page with plain canvas calls.

The slips are the generated estate's own when its demo issued some; otherwise twenty are issued for
ready owners (some with the director's approval) inside a transaction rolled back at the end, so the
cached estate is left as it was. Font registration is done once before either side is timed.

    BENCH_ROOMS=2000 QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -m bench -s tests/bench/test_bench_release_pdf.py
"""
from __future__ import annotations

import contextlib
import io
import itertools
import statistics
import time

import pytest

from tests.bench.conftest import report

pytestmark = pytest.mark.bench
SLIPS = 20
ROUNDS = 3


def _issue_for_ready_owners(count: int) -> list[int]:
    from models.records.people import OWNER, Person, RoomParty
    from models.release import approvals, issuing
    from models.release.issuing import GoodsLine, SlipInput
    from models.users import CLERK, DIRECTOR, Actor
    clerk, director = Actor("李静", CLERK), Actor("孙主任", DIRECTOR)
    owners = (RoomParty.select(RoomParty.room, RoomParty.person, Person.id_number).join(Person)
              .where((RoomParty.role == OWNER) & RoomParty.end_date.is_null() & Person.id_number.is_null(False))
              .order_by(RoomParty.room).limit(count * 10))
    goods = [GoodsLine("沙发", 1), GoodsLine("纸箱", 12, "书籍、衣物及厨房用品，已开箱检查"), GoodsLine("冰箱", 1, "业主自购")]
    ids = []
    for party in owners:
        if len(ids) == count:
            break
        room, person = party.room_id, party.person_id
        ready = issuing.readiness(room, person)
        if ready.needs_approval and ready.approval is None and ready.pending is None:
            request = approvals.request_approval(clerk, room, person, "沙发、纸箱、冰箱")
            approvals.decide_approval(director, request.id, True, "已承诺月底前缴清")
        elif not ready.ready:
            continue
        slip = issuing.issue_slip(clerk, SlipInput(room, person, party.person.id_number, goods, plate="粤B12345",
                                                   urgent=len(ids) % 4 == 0))
        ids.append(slip.id)
    return ids


# --- the yardstick: the same page with plain canvas calls -------------------------------------------

def _row(c, y: float, x0: float, cols, texts, height: float, fonts) -> None:
    """One ruled row: its cells' rules and their text (long text cut into lines by count)."""
    from reportlab.lib.units import mm
    x = x0
    c.rect(x0, y - height, sum(cols), height)
    for width, text, font in zip(cols, texts, fonts):
        c.line(x, y, x, y - height)
        per_line = max(int((width - 6) // 10), 1)
        for n, start in enumerate(range(0, len(str(text)), per_line)):
            c.setFont(font, 10)
            c.drawString(x + 3, y - 3.6 * mm - n * 12, str(text)[start:start + per_line])
        x += width


def _bare_qr(c, payload: str, x: float, y: float, size: float) -> None:
    """The QR code's dark runs as filled rectangles, row by row."""
    from reportlab.graphics.barcode import qrencoder
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(payload)
    qr.make()
    box = size / (qr.getModuleCount() + 4)
    for r, row in enumerate(qr.modules):
        column = 0
        for dark, run in itertools.groupby(bool(m) for m in row):
            count = len(list(run))
            if dark:
                c.rect(x + (column + 2) * box, y + size - (r + 3) * box, count * box, box, stroke=0, fill=1)
            column += count


def _bare_heading(c, doc, left: float, width: float, top: float) -> None:
    from reportlab.lib.units import mm
    from reports.pdf.fonts import BOLD
    c.setFont(BOLD, 11)
    c.drawCentredString(left + width / 2, top - 5 * mm, doc.office)
    c.saveState()                        # the title's letter spacing stays with the title
    text = c.beginText(left + width / 2 - 25 * mm, top - 13 * mm)
    text.setFont(BOLD, 16)
    text.setCharSpace(7)
    text.textOut("物品放行条")
    c.drawText(text)
    c.restoreState()
    c.line(left + width / 2 - 27 * mm, top - 15 * mm, left + width / 2 + 27 * mm, top - 15 * mm)
    c.setFillColorRGB(0.75, 0, 0)
    c.setFont(BOLD, 12)
    c.drawRightString(left + width, top - 13 * mm, f"No. {doc.serial}")
    c.setFillColorRGB(0, 0, 0)
    if doc.urgent:
        c.setStrokeColorRGB(0.75, 0, 0)
        c.rect(left, top - 11 * mm, 11 * mm, 11 * mm)
        c.drawCentredString(left + 5.5 * mm, top - 8.5 * mm, "急")
        c.setStrokeColorRGB(0, 0, 0)


def _bare_grid(c, doc, left: float, y: float, gate: bool) -> float:
    """The info rows and the goods beside the side column; returns the grid's bottom."""
    from reportlab.lib.units import mm
    from reports.pdf.fonts import BOLD, REGULAR
    info, goods = (18 * mm, 45 * mm, 18 * mm, 62 * mm), (10 * mm, 53 * mm, 18 * mm, 62 * mm)
    plain, bold = (REGULAR,) * 4, (BOLD, REGULAR, BOLD, REGULAR)
    for texts in (("房号", doc.room_label, "放行人", f"{doc.person_name}（{doc.role_label}）"),
                  ("证件", f"{doc.id_type} {doc.id_gate if gate else doc.id_stub}"),
                  ("放行日期", doc.issued_text, "有效期至", doc.valid_text),
                  ("车牌号", doc.plate or "无", "整户搬迁", "是" if doc.whole_household else "否")):
        _row(c, y, left, info if len(texts) == 4 else (18 * mm, 125 * mm), texts, 5.3 * mm, bold)
        y -= 5.3 * mm
    _row(c, y, left, goods, ("序号", "物品名称", "数量", "备注"), 5.3 * mm, (BOLD,) * 4)
    y -= 5.3 * mm
    for n, line in enumerate(doc.goods, 1):
        height = 5.3 * mm if len(line.note) <= 18 else 9.5 * mm
        _row(c, y, left, goods, (n, line.name, line.quantity, line.note), height, plain)
        y -= height
    pieces = sum(line.quantity for line in doc.goods)
    _row(c, y, left, (10 * mm, 133 * mm), ("合计", f"共 {len(doc.goods)} 项，{pieces} 件"), 5.3 * mm, bold)
    return y - 5.3 * mm


def _bare_side(c, doc, x: float, y: float, side: float, height: float, gate: bool) -> None:
    from reportlab.lib.units import mm
    from reports.pdf.fonts import BOLD, REGULAR
    c.rect(x, y, side, height)
    if gate:
        c.setFont(REGULAR, 8)
        c.drawCentredString(x + side / 2, y + 47 * mm, "门岗扫码核验")
        _bare_qr(c, doc.qr_payload, x + 3.5 * mm, y + 12 * mm, 33 * mm)
        c.setFont(BOLD, 9)
        c.drawCentredString(x + side / 2, y + 7 * mm, f"No. {doc.serial}")
        c.drawCentredString(x + side / 2, y + 3 * mm, f"校验码 {doc.check_code}")
    else:
        c.setDash(2, 2)
        c.circle(x + side / 2, y + 25 * mm, 15 * mm)
        c.setDash()
        c.setFont(REGULAR, 10)
        c.drawCentredString(x + side / 2, y + 4 * mm, "管理处(盖章)")


def _bare_part(c, doc, top: float, gate: bool) -> None:
    from reportlab.lib.units import mm
    from reports.pdf.fonts import BOLD, REGULAR
    left, width, side = 10 * mm, 183 * mm, 40 * mm
    _bare_heading(c, doc, left, width, top)
    y = _bare_grid(c, doc, left, top - 18 * mm, gate)
    _bare_side(c, doc, left + width - side, y, side, top - 18 * mm - y, gate)
    for label, text in (("欠费提示", doc.arrears_notice), ("审批", doc.approval.line if doc.approval else ""),
                        ("业主确认", doc.consent.line if doc.consent else ""), ("备注", doc.note)):
        if text or label == "备注":
            _row(c, y, left, (18 * mm, 165 * mm), (label, text), 5.3 * mm, (BOLD, REGULAR))
            y -= 5.3 * mm
    c.setFont(REGULAR, 10.5)
    rows = [("经办人：", doc.clerk, "放行人签字：")] + ([("门岗签字：", "", "放行时间：")] if gate else [])
    for first, name, second in rows:
        y -= 9 * mm
        c.drawString(left, y, first)
        c.drawCentredString(left + 35 * mm, y, name)
        c.line(left + 20 * mm, y - 2, left + 50 * mm, y - 2)
        c.drawString(left + 95 * mm, y, second)
        c.line(left + 120 * mm, y - 2, left + width, y - 2)
    c.setFont(REGULAR, 9)
    for n, ch in enumerate("第一联存根" if not gate else "第二联门岗联"):
        c.drawCentredString(left + width + 3.5 * mm, top - 50 * mm - n * 10.5, ch)


def draw_bare_slip(doc) -> bytes:
    """The slip's A4 with plain canvas calls: no flowables, no tables, no wrapping but by count."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(f"物品放行条 No. {doc.serial}")
    _bare_part(c, doc, A4[1] - 10 * mm, gate=False)
    c.setDash(4, 3)
    c.line(0, A4[1] / 2, A4[0], A4[1] / 2)
    c.setDash()
    _bare_part(c, doc, A4[1] / 2 - 4 * mm, gate=True)
    c.showPage()
    c.save()
    return buf.getvalue()


@contextlib.contextmanager
def _slips(database, count: int = SLIPS):
    from models.release.slips import ReleaseSlip
    ids = [s.id for s in ReleaseSlip.select(ReleaseSlip.id).order_by(ReleaseSlip.id.desc()).limit(count)]
    if len(ids) == count:
        yield ids
        return
    with database.atomic() as tx:            # issued for the run, then rolled back
        yield _issue_for_ready_owners(count)
        tx.rollback()


def _median_ms(fn, arguments) -> tuple[float, object]:
    times, result = [], None
    for _ in range(ROUNDS):
        for argument in arguments:
            t0 = time.perf_counter()
            result = fn(argument)
            times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def test_release_slip_pdf(big_estate):
    from models.release.printed import slip_for
    from models.users import CS_SUPERVISOR, Actor
    from reports.pdf.fonts import ensure_fonts
    from reports.pdf.release.slip import build_slip
    supervisor = Actor("王芳", CS_SUPERVISOR)       # the stub with the full ID number, as at the desk
    ensure_fonts()                                   # registration once, outside both sides' timing
    with _slips(big_estate) as ids:
        assert ids, "no owner in the estate could be issued a slip"
        docs = [slip_for(supervisor, i) for i in ids]
        build_slip(docs[0]), draw_bare_slip(docs[0])   # warm: the first build loads what it loads once
        gather_ms, _doc = _median_ms(lambda i: slip_for(supervisor, i), ids)
        build_ms, pdf = _median_ms(build_slip, docs)
        bare_ms, bare = _median_ms(draw_bare_slip, docs)
        total_ms, _pdf = _median_ms(lambda i: build_slip(slip_for(supervisor, i)), ids)
    from pypdf import PdfReader
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1 and len(PdfReader(io.BytesIO(bare)).pages) == 1
    ratio = build_ms / max(bare_ms, 1e-3)
    report("release slip PDF (data + 存根/门岗联 A4 with QR)", slips=len(ids), gather_ms=gather_ms,
           build_ms=build_ms, total_ms=total_ms, bare_reportlab_ms=bare_ms, ratio=ratio, bytes=len(pdf),
           bare_bytes=len(bare))
    assert total_ms < 30
    assert ratio < 5
