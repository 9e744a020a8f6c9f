"""钥匙登记簿 and 交房预约表 read back from their PDFs: every key held in hook order with its state and who has
it, overdue and ended entrustments marked; the column heads repeated and the pages numbered; a day's
appointments in time order with a column to sign in."""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil

import pytest
from pypdf import PdfReader

from models.db import write_tx
from models.errors import InvalidInput
from models.handover.printed import register_for
from reports.pdf.registry import make_document
from tests.domain.handover.conftest import TODAY
from tests.reports.handover.conftest import TOMORROW, cn
from tests.reports.release.slip_pages import fragments, page_texts


def _page_size(data: bytes) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


# --- 钥匙登记簿 ------------------------------------------------------------------------------------------


def test_the_register_lists_every_key_held_with_its_state_and_who_has_it(lent, clerk):
    data = make_document(clerk, "key_register", "")
    text, = page_texts(data)
    assert _page_size(data) == (842, 595)                    # landscape A4
    late = lent["late"].due_at
    for expected in ("钥匙登记簿", "阳光花园管理处", "共3个挂钩、4把钥匙；在柜1个，借出2个（逾期1个），遗失0个",
                     "序号挂钩号钥匙牌钥匙（房号/区域）类别数量状态借用人应还时间委托及备注",
                     "1A-001K0000013栋2单元101入户门空置房1借出刘师傅（安居维修）13711112222",
                     "2B-001K0000023栋配电房配电房门公共区域2借出王电工（工程部）",
                     f"{late:%Y-%m-%d%H:%M}逾期",
                     f"3C-001K0000033栋2单元1201入户门业主委托1在柜张伟委托至{TODAY + dt.timedelta(days=7):%Y-%m-%d}维修水管时使用",
                     "第1页共1页", "核对人：", "经办人："):
        assert expected in text, expected


def test_a_lost_key_stays_on_the_register_and_one_given_back_leaves_it(lent, clerk, supervisor):
    from models.handover.keys import report_lost, retire
    from models.handover.tables import Key
    report_lost(clerk, "A-001", "lock_changed", "已换锁")
    retire(supervisor, "C-001", "委托到期，已交还业主")
    text, = page_texts(make_document(clerk, "key_register", ""))
    assert "A-001K0000013栋2单元101入户门空置房1遗失" in text and "C-001" not in text
    assert "共2个挂钩、3把钥匙；在柜0个，借出1个（逾期1个），遗失1个" in text
    assert Key.select().count() == 3                         # nothing was deleted


def test_an_ended_entrustment_is_marked(lent, clerk):
    from models.handover.tables import Key
    with write_tx():
        Key.update(entrusted_until=TODAY - dt.timedelta(days=1)).where(Key.hook == "C-001").execute()
    row = [r for r in register_for(clerk).rows if r.hook == "C-001"][0]
    assert row.entrusted_over and row.entrusted.endswith("（已过期）")
    assert "（已过期）" in page_texts(make_document(clerk, "key_register", ""))[0]


SCOPE = "仅限紧急情况（漏水、火警）时使用，使用前须先电话联系业主本人或其家属，并由两名员工同时在场，用后立即归还"


@pytest.fixture
def crowded(lent, clerk, supervisor):
    """C-001 entrusted with a long scope and a note, ended yesterday; A-001 lent to a long-named contractor."""
    from models.handover.keys import take_back
    from models.handover.tables import Key
    from tests.reports.handover.conftest import contractor_loan
    with write_tx():
        Key.update(entrusted_scope=SCOPE[:100], note="钥匙扣已更换，旧牌作废；业主要求每次使用后短信告知",
                   entrusted_until=TODAY - dt.timedelta(days=1), copies=3).where(Key.hook == "C-001").execute()
    take_back(clerk, "A-001", "刘师傅")
    from models.handover.keys import lend
    given = contractor_loan()
    given.unit = "深圳市消安消防设备维保有限公司第二工程队"
    lend(clerk, given)
    return lent


def _lines_inside(data: bytes, right: float) -> None:
    """No line of text reaches past ``right`` (a full-width mark's blank right half may touch the rule)."""
    from tests.reports.release.slip_pages import text_width
    for page in range(len(PdfReader(io.BytesIO(data)).pages)):
        for text, x, _y, size in fragments(data, page):
            assert x + text_width(text.strip(), size) <= right + size * 0.25, (page, text)


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed")
def test_long_remarks_wrap_inside_their_cell_and_no_date_or_time_breaks(crowded, clerk, tmp_path):
    from reports.pdf import layout as L
    from tests.reports.handover.conftest import dark_share
    from tests.reports.release.slip_pages import render
    data = make_document(clerk, "key_register", "")
    text, = page_texts(data)
    ended = TODAY - dt.timedelta(days=1)
    assert f"张伟委托至{ended:%Y-%m-%d}（已过期）" in text and SCOPE[:40] in text and "钥匙扣已更换" in text
    assert "共3个挂钩、6把钥匙" in text
    right = 842 - L.MARGIN
    _lines_inside(data, right)
    lines = [t.strip() for t, _x, _y, _s in fragments(data)]
    assert f"张伟 委托至 {ended:%Y-%m-%d}（已过期）" in lines           # on one line, never broken
    due = [line for line in lines if re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", line)]
    assert len(due) == 2                                              # each moment due on one line
    png, = render(data, tmp_path, "register", dpi=100)
    rows = [y for t, _x, y, _s in fragments(data) if t.strip() in ("A-001", "C-001")]      # the table's rows
    band = (min(rows) - 5, max(rows) + 5)
    assert dark_share(png, (right + 2, band[0], 842 - 4, band[1]), dpi=100, page_height=595) < 0.001   # none past
    assert dark_share(png, (right - 2, band[0], right + 1, band[1]), dpi=100, page_height=595) > 0.3   # the border


def test_a_mark_closing_a_line_stays_inside_the_cell(lent, clerk, supervisor):
    """Chinese punctuation that may not start a line hangs past the end of the line it closes: notes of every
    length, each ending in such a mark, and none of them reaches past the table's right border."""
    from models.handover.keys import KeyInput, add_key
    from models.handover.tables import PUBLIC
    from reports.pdf import layout as L
    words = "备用钥匙另存于消防控制室保险柜内由值班长保管借用须登记并经主任同意后方可取用"
    for n in range(8, 40):
        for digits in ("", "2", "12"):                  # a figure is half a character: every line's slack
            add_key(supervisor, KeyInput(f"E{digits or 0}-{n:03d}", PUBLIC, "天台门", area="会所",
                                         note=digits + words[:n] + "。"))
    data = make_document(clerk, "key_register", "")
    _lines_inside(data, 842 - L.MARGIN)


def test_a_long_register_repeats_its_heads_on_each_numbered_page(thirty_keys, lent, clerk):
    from models.handover.keys import KeyInput, add_key
    from models.handover.tables import PLANT
    from models.users import CS_SUPERVISOR, Actor
    for n in range(31, 61):
        add_key(Actor("王芳", CS_SUPERVISOR), KeyInput(f"D-{n:03d}", PLANT, "水泵房门", area=f"{n % 9 + 1}栋地下室"))
    pages = page_texts(make_document(clerk, "key_register", ""))
    assert len(pages) >= 2
    heads = "序号挂钩号钥匙牌钥匙（房号/区域）类别数量状态借用人应还时间委托及备注"
    assert all(heads in page for page in pages)
    assert all(f"第{n}页共{len(pages)}页" in page for n, page in enumerate(pages, 1))
    hooks = [t.strip() for p in range(len(pages)) for t, _x, _y, _s in fragments(
        make_document(clerk, "key_register", ""), p) if t.strip()[:2] in ("A-", "B-", "C-", "D-")]
    assert hooks[:3] == ["A-001", "B-001", "C-001"] and hooks[3:] == [f"D-{n:03d}" for n in range(1, 61)]


def test_the_register_takes_no_number(lent, clerk):
    with pytest.raises(InvalidInput, match="钥匙登记簿不用填编号"):
        make_document(clerk, "key_register", "A-001")


# --- 交房预约表 ------------------------------------------------------------------------------------------


def test_the_day_s_appointments_in_time_order_with_a_column_to_sign_in(booked, clerk):
    data = make_document(clerk, "appointments", "", {"date": str(TOMORROW)})
    text, = page_texts(data)
    weekday = "一二三四五六日"[TOMORROW.weekday()]
    for expected in ("交房预约表", f"日期：{cn(TOMORROW)}（星期{weekday}）", "共3户，已预约2户",
                     "序号时间房号业主联系电话状态备注签到",
                     "109:003栋2单元1202陈晓明13922223333已预约",
                     "210:303栋2单元101欧阳娜娜13900001111已预约带购房合同原件，需开具发票",
                     "315:003栋2单元1202陈晓明13922223333已取消业主改期"):
        assert expected in text, expected


def test_the_day_s_rooms_and_times_stand_whole_inside_the_page(booked, clerk):
    from reports.pdf import layout as L
    data = make_document(clerk, "appointments", "", {"date": str(TOMORROW)})
    _lines_inside(data, 595 - L.MARGIN)
    lines = [t.strip() for t, _x, _y, _s in fragments(data)]
    assert {"3栋2单元1202", "3栋2单元101", "09:00", "10:30", "15:00"} <= set(lines)     # each on one line


def test_a_day_with_none_says_so_and_today_is_the_default(booked, clerk):
    text, = page_texts(make_document(clerk, "appointments", ""))
    assert f"日期：{cn(TODAY)}" in text and "当日无交房预约。" in text and "共0户" in text


def test_a_day_that_is_not_one_is_refused(booked, clerk):
    with pytest.raises(InvalidInput, match="2026-13-45"):
        make_document(clerk, "appointments", "", {"date": "2026-13-45"})


def test_phones_are_masked_for_a_role_without_them(booked, engineer):
    text, = page_texts(make_document(engineer, "appointments", "", {"date": str(TOMORROW)}))
    assert "139****1111" in text and "13900001111" not in text
