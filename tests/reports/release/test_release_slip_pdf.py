"""物品放行条: the slip as printed (its data), and the PDF read back part by part as the paper reads."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from models.audit import AuditLog
from models.errors import NotAllowed
from models.release import gate, issuing
from models.release.issuing import GoodsLine
from models.release.printed import slip_for
from models.users import Actor
from reports.pdf.release.parts import part
from reports.pdf.release.slip import build_slip
from tests.reports.release.conftest import OWNER_ID, OWNER_PHONE, TENANT_ID, owner_input
from tests.reports.release.slip_pages import A4, fragments, halves, page_texts, squash, text_width

TODAY = dt.date.today()
TODAY_CN = f"{TODAY.year}年{TODAY.month}月{TODAY.day}日"
MASKED_OWNER = "1101**********7774"


def test_the_printed_slip_is_gathered_from_the_slip(approved_slip, clerk, supervisor):
    doc = slip_for(clerk, approved_slip.id)
    assert (doc.serial, doc.office, doc.room_label) == (f"FX{TODAY.year}-000001", "阳光花园管理处", "3栋2单元1201")
    assert (doc.person_name, doc.role_label, doc.id_type) == ("张伟", "业主", "居民身份证")
    assert [(g.name, g.quantity, g.note) for g in doc.goods] == [("沙发", 1, ""), ("纸箱", 12, "书籍")]
    assert (doc.plate, doc.urgent, doc.whole_household, doc.clerk) == ("粤B12345", True, False, "李静")
    assert (doc.issued_text, doc.valid_text) == (TODAY_CN, TODAY_CN)
    assert doc.arrears_months == 4 and doc.arrears_line.startswith("欠物业管理费 4 个月 共 ¥")
    assert "请业主尽快" in doc.arrears_notice
    assert doc.approval.director == "孙主任" and doc.approval.line.endswith("批准：已承诺月底前缴清")
    assert doc.consent is None
    assert doc.qr_payload == gate.qr_payload(approved_slip) == f"{doc.serial}/{doc.check_code}"
    # Unsigned (the command line's account) the ID is masked on both parts; a supervisor, and a signed-in
    # clerk who issues slips (FORMS.md: the full number on the part the person signs), see it in full on
    # the stub, never on the gate's part, and each such print is recorded.
    from dataclasses import replace
    assert doc.id_stub == doc.id_gate == MASKED_OWNER
    viewings = AuditLog.select().where(AuditLog.action == "personal.view").count()
    for actor in (supervisor, replace(clerk, user_id=7)):
        full = slip_for(actor, approved_slip.id)
        assert (full.id_stub, full.id_gate) == (OWNER_ID, MASKED_OWNER)
    assert AuditLog.select().where(AuditLog.action == "personal.view").count() == viewings + 2


def test_the_arrears_line_is_the_slips_own_not_todays(approved_slip, clerk):
    from models.money import cashier
    from models.money.arrears import arrears_of_room
    owed = arrears_of_room(approved_slip.room_id).lines
    cashier.take_payment(clerk, approved_slip.room_id, cashier.Payment(
        payer="张伟", method="cash", amount=sum(f for _c, f in owed), charge_ids=[c.id for c, _f in owed]))
    assert issuing.fee_arrears(approved_slip.room_id).fen == 0
    assert slip_for(clerk, approved_slip.id).arrears_months == 4


def test_only_who_may_see_slips_prints_them(plain_slip):
    with pytest.raises(NotAllowed):
        slip_for(Actor("周卫东", "gate"), plain_slip.id)


def test_both_parts_on_one_a4_read_back(approved_slip, supervisor):
    doc = slip_for(supervisor, approved_slip.id)
    data = build_slip(doc)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1 and [round(float(x)) for x in reader.pages[0].mediabox[2:]] == list(A4)
    stub, gate_part = halves(data)
    for text in (stub, gate_part):
        for words in ("阳光花园管理处", "物品放行条", f"No.{doc.serial}", "房号3栋2单元1201", "放行人张伟（业主）",
                      "序号物品名称数量备注", "1沙发1", "2纸箱12书籍", "合计共2项，13件", f"放行日期{TODAY_CN}",
                      f"有效期至{TODAY_CN}", "车牌号粤B12345", "整户搬迁否", "欠费提示欠物业管理费4个月共¥",
                      "请业主尽快到管理处缴清所欠物业管理费", "审批孙主任", "批准：已承诺月底前缴清",
                      "经办人：李静", "放行人签字", "急"):
            assert words in text, words
    assert "第一联存根" in stub and f"证件居民身份证{OWNER_ID}" in stub and "管理处(盖章)" in stub
    assert "第二联门岗联" in gate_part and f"证件居民身份证{MASKED_OWNER}" in gate_part
    assert OWNER_ID not in gate_part and "门岗签字" in gate_part and "放行时间" in gate_part
    # The number and its check code under the QR code, for a guard without a scanner.
    assert f"校验码{doc.check_code}" in gate_part and gate_part.count(f"No.{doc.serial}") == 2
    assert "门岗签字" not in stub and "校验码" not in stub and "作废" not in stub + gate_part


def test_a_slip_with_nothing_owed_prints_no_arrears_line(plain_slip, clerk):
    doc = slip_for(clerk, plain_slip.id)
    assert doc.arrears_line == doc.arrears_notice == "" and doc.approval is None
    text = page_texts(build_slip(doc))[0]
    assert "欠费提示" not in text and "欠物业管理费" not in text and "审批" not in text and "急" not in text
    assert "车牌号无" in text


def test_a_tenants_slip_prints_the_owners_consent_but_not_the_number(tenant_slip, clerk):
    doc = slip_for(clerk, tenant_slip.id)
    assert doc.role_label == "租户" and doc.whole_household and doc.consent.answered_by == "业主本人"
    stub, gate_part = halves(build_slip(doc))
    for text in (stub, gate_part):
        assert "放行人李娜（租户）" in text and "整户搬迁是" in text and issuing.WHOLE_HOUSEHOLD_GOODS in text
        assert "业主确认" in text and "电话征询业主张伟，接听人：业主本人，业主同意放行" in text
        assert "书面委托" in text and OWNER_PHONE not in text and "138****5678" not in text
        assert TENANT_ID not in text and "4403**********0023" in text


def test_a_cancelled_slip_reprints_with_void_across_both_parts(plain_slip, clerk):
    issuing.cancel_slip(clerk, plain_slip.id, "物品写错")
    doc = slip_for(clerk, plain_slip.id)
    data = build_slip(doc)
    stub, gate_part = halves(data)
    for text in (stub, gate_part):
        assert f"作废原因：物品写错（李静{TODAY_CN}作废）" in text
    assert "作废" in squash(PdfReader(io.BytesIO(data)).pages[0].extract_text()).replace("作废原因", "")


def test_a_corrected_slip_names_the_one_it_replaces_and_a_used_one_says_when_it_left(plain_slip, estate, clerk):
    new = issuing.issue_slip(clerk, owner_input(estate, replaces=plain_slip.id, goods=[GoodsLine("冰箱", 1)]))
    assert f"本条更正原放行条No.{plain_slip.serial}（原条作废）" in page_texts(build_slip(slip_for(clerk, new.id)))[0]
    gate.use_slip(Actor("周卫东", "gate"), gate.qr_payload(new))
    text = page_texts(build_slip(slip_for(clerk, new.id)))[0]
    assert "放行（周卫东）" in text and "已于" in text


LONG_NAME = "进口实木雕花双门大衣柜（含顶柜、抽屉及全部配套五金件，已拆卸分装成多个包装）"[:40]
LONG_NOTE = "业主自购家具，附购买发票复印件一份；搬运时请注意楼道墙面及电梯轿厢保护，门岗请逐件核对件数与包装"[:60]
HANGING = "，。、；：！？）》」』】"      # Chinese punctuation may hang at a line's end (标点悬挂)


def _long_slip(estate, clerk, lines: int):
    goods = [GoodsLine(LONG_NAME if i % 3 == 0 else f"纸箱{i}", i, LONG_NOTE if i % 2 == 0 else "")
             for i in range(1, lines + 1)]
    return issuing.issue_slip(clerk, owner_input(estate, goods=goods, note="楼下停车请勿超过三十分钟" * 4))


def _paragraphs(flowable):
    from reportlab.platypus import Paragraph, Table
    if isinstance(flowable, Table):
        for row in flowable._cellvalues:
            for cell in row:
                for item in (cell if isinstance(cell, (list, tuple)) else [cell]):
                    yield from _paragraphs(item)
    elif isinstance(flowable, Paragraph) and hasattr(flowable, "blPara"):
        yield flowable            # (a cell covered by a span is never laid out, nor drawn)


def _lines_of(paragraph):
    """(room left on the line, the line's text): below zero, the line sticks out of its cell."""
    for line in paragraph.blPara.lines:
        if hasattr(line, "extraSpace"):
            yield line.extraSpace, "".join(getattr(w, "text", "") for w in getattr(line, "words", []))
        else:
            yield line[0], "".join(line[1])


def test_long_chinese_names_and_notes_wrap_inside_their_cells(estate, clerk):
    from reportlab.pdfgen.canvas import Canvas
    from reports.pdf.release.parts import SIZE, WIDTH
    doc = slip_for(clerk, _long_slip(estate, clerk, 3).id)
    canvas, wrapped = Canvas(io.BytesIO()), []
    for flowable in part(doc, gate=True):
        flowable.wrapOn(canvas, WIDTH, 10 ** 6)
        for paragraph in _paragraphs(flowable):
            lines = list(_lines_of(paragraph))
            for room, text in lines:
                # A comma may hang past the line's end, inside the cell's padding: its ink is in its left half.
                assert room >= -0.01 or (text[-1:] in HANGING and room > -SIZE / 2), (paragraph.text, text)
            if LONG_NOTE in paragraph.text or LONG_NAME in paragraph.text:
                wrapped.append(len(lines))
    assert wrapped and min(wrapped) >= 2                  # the long name and note take several lines each

    data = build_slip(doc)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    for text in halves(data):
        assert LONG_NOTE in text and LONG_NAME in text and "合计共3项，6件" in text
    _inside_the_margins(data)


def _inside_the_margins(data: bytes) -> None:
    """Nothing stands outside the page's 10 mm margins (the parts' names sit inside the content box)."""
    margin = 10 * 72 / 25.4 - 1
    for page in range(len(PdfReader(io.BytesIO(data)).pages)):
        for text, x, y, size in fragments(data, page):
            assert margin <= x and x + text_width(text, size) <= A4[0] - margin, text
            assert margin <= y <= A4[1] - margin, text


def test_a_list_longer_than_the_slip_goes_on_an_attached_list_for_each_part(estate, clerk):
    doc = slip_for(clerk, _long_slip(estate, clerk, issuing.MAX_LINES).id)
    data = build_slip(doc)
    pages = page_texts(data)
    stub, gate_part = halves(data)
    for text in (stub, gate_part):
        assert "1纸箱11" in text and f"合计共{issuing.MAX_LINES}项" in text and "见附页物品清单" in text
        assert "纸箱29" not in text
    annex = "".join(pages[1:])
    assert annex.count("放行物品清单") >= 2 and annex.count(f"附于物品放行条No.{doc.serial}，共30项，465件") == 2
    assert annex.count("第一联存根") >= 1 and annex.count("第二联门岗联") >= 1
    # Every line once in each part's list (a cell's text is a piece of its own on the page).
    cells = [text.strip() for page in range(1, len(pages)) for text, *_ in fragments(data, page)]
    for line in range(1, issuing.MAX_LINES + 1):
        if line % 3:
            assert cells.count(f"纸箱{line}") == 2, line
    assert annex.count(LONG_NAME) == 2 * (issuing.MAX_LINES // 3)
    assert annex.count(LONG_NOTE) == issuing.MAX_LINES                   # every second line, twice
    assert annex.count("放行人签字") == 2
    _inside_the_margins(data)
