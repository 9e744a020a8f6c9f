"""钥匙牌 and 钥匙借用单 read back from their PDFs: every key held gets a label with its hook, what it opens
and its kind, and the barcode a scanner reads off the rendered sheet is the tag's code exactly; ranges of
hooks as a clerk types them; the loan slip's two parts with what the borrower must keep to."""
from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest
from pypdf import PdfReader

from models.errors import InvalidInput, NotFound
from models.handover.printed import keytags_for, loan_for
from reports.pdf.handover import parse_hook_range
from reports.pdf.registry import get_document, make_document
from tests.reports.handover.conftest import LONG_AREA, code128, cn
from tests.reports.release.slip_pages import halves, page_texts, render

needs_poppler = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed")


def _tags(clerk, target: str = "", hook: str = "") -> list[str]:
    return page_texts(make_document(clerk, "keytags", target, {"hook": hook}))


# --- 钥匙牌 ----------------------------------------------------------------------------------------------


def test_every_key_held_gets_a_label_with_its_hook_what_it_opens_and_its_kind(cabinet, clerk):
    sheet, = _tags(clerk)
    for expected in ("A-001", "3栋2单元101", "入户门", "空置房", "B-001", "3栋配电房", "配电房门", "公共区域",
                     "C-001", "3栋2单元1201", "业主委托", "阳光花园", "挂钩A-001至C-001，共3个"):
        assert expected in sheet, expected
    assert all(key.tag in sheet for key in cabinet.values())


def test_a_lost_key_or_one_given_back_gets_no_label(cabinet, clerk, supervisor):
    from models.handover.keys import report_lost, retire
    report_lost(clerk, "A-001", "lock_changed")
    retire(supervisor, "C-001", "委托到期，已交还业主")
    sheet, = _tags(clerk)
    assert "B-001" in sheet and "A-001" not in sheet and "C-001" not in sheet


def test_a_range_of_hooks_prints_those_keys_only_in_hook_order(thirty_keys, clerk):
    doc = keytags_for(clerk, parse_hook_range("D-009-D-012"))
    assert [t.hook for t in doc.tags] == ["D-009", "D-010", "D-011", "D-012"]
    sheet, = _tags(clerk, hook="d-009-012")
    assert "D-009" in sheet and "D-012" in sheet and "D-008" not in sheet and "D-013" not in sheet
    one, = _tags(clerk, target=thirty_keys[4].tag)             # one key, scanned: its label alone
    assert "D-005" in one and "D-004" not in one and "共1个" in one


@pytest.mark.parametrize("typed, hooks", [
    ("A-001-A-040", ("A-001", "A-040")), ("A-001-040", ("A-001", "A-040")), ("a-001 ~ a-040", ("A-001", "A-040")),
    ("A-001至A-040", ("A-001", "A-040")), ("1-40", ("1", "40")), ("A1-A40", ("A1", "A40")), ("A-012", ("A-012", "A-012")),
    ("12", ("12", "12"))])
def test_a_range_of_hooks_is_read_as_a_clerk_types_it(typed, hooks):
    assert parse_hook_range(typed) == hooks


@pytest.mark.parametrize("typed, said", [("A-040-A-001", "终点（A-001）在起点（A-040）之前"), ("40-1", "请先写小的挂钩号"),
                                          ("~A-001", "不是挂钩号范围")])
def test_a_bad_range_of_hooks_is_refused(cabinet, clerk, typed, said):
    with pytest.raises(InvalidInput, match=said):
        make_document(clerk, "keytags", "", {"hook": typed})


def test_a_range_holding_no_key_and_an_empty_cabinet_are_said(db, clerk):
    with pytest.raises(NotFound, match="钥匙柜中没有钥匙"):
        make_document(clerk, "keytags", "")
    with pytest.raises(NotFound, match="K999999"):
        get_document("keytags").find("K999999")


def test_a_range_that_names_no_key_held_is_refused(cabinet, clerk):
    with pytest.raises(NotFound, match="挂钩 Z-001 至 Z-009 上没有在管的钥匙"):
        make_document(clerk, "keytags", "", {"hook": "Z-001-Z-009"})


@needs_poppler
def test_the_barcodes_on_the_rendered_sheets_read_back_as_the_tags(thirty_keys, clerk, tmp_path):
    data = make_document(clerk, "keytags", "")
    first, second = render(data, tmp_path, "tags", dpi=200)
    read = code128(first) + code128(second)
    assert sorted(read) == sorted(key.tag for key in thirty_keys)
    assert len(code128(first)) == 24                         # 3 × 8 labels on a sheet
    texts = page_texts(data)
    assert "第1页共2页" in texts[0] and "第2页共2页" in texts[1]
    assert LONG_AREA[:10] in "".join(texts)                 # a long area wraps on its label, it is not lost


def test_the_labels_stay_inside_the_sheet_s_grid(thirty_keys, clerk):
    from reports.pdf.handover.keytags import LABEL_H, LABEL_W, label_origin
    from tests.reports.release.slip_pages import fragments
    data = make_document(clerk, "keytags", "")
    boxes = [label_origin(i) for i in range(24)]
    for text, x, y, _size in fragments(data):
        if text.strip().startswith("D-"):
            assert any(bx <= x <= bx + LABEL_W and by <= y <= by + LABEL_H for bx, by in boxes), (text, x, y)


# --- 钥匙借用单 ------------------------------------------------------------------------------------------


def test_the_loan_slip_prints_the_key_the_borrower_and_the_times_in_both_parts(lent, clerk):
    loan = lent["loan"]
    stub, borrower = halves(make_document(clerk, "keyloan", loan.serial))
    for part in (stub, borrower):
        for expected in (f"No.{loan.serial}", "钥匙借用单", "钥匙编号A-001（钥匙牌K000001）", "类别空置房",
                         "房号/区域3栋2单元101入户门", "借用人刘师傅（施工单位）", "单位安居维修", "电话13711112222",
                         "事由维修水管", f"借出时间{cn(loan.out_at.date())}{loan.out_at:%H:%M}",
                         f"应还时间{cn(loan.due_at.date())}{loan.due_at:%H:%M}", "归还时间____年____月____日____:____",
                         "归还人", "收回人", "借用须知", "经办人：李静", "借用人签字："):
            assert expected in part, expected
    assert "第一联存根" in stub and "第二联借用人联" in borrower


def test_a_slip_reprinted_after_the_return_says_when_and_by_whom(lent, clerk):
    from models.handover.keys import take_back
    loan = take_back(clerk, "K000001", "刘师傅")
    stub, _borrower = halves(make_document(clerk, "keyloan", loan.serial))
    back = loan.returned_at
    assert f"归还时间{cn(back.date())}{back:%H:%M}" in stub and "归还人刘师傅" in stub and "收回人李静" in stub
    assert f"已于{cn(back.date())}{back:%H:%M}归还（归还人：刘师傅，收回人：李静）" in stub


def test_a_role_without_full_phones_gets_the_borrower_s_masked(lent, engineer):
    assert loan_for(engineer, lent["loan"].id).phone == "137****2222"


def test_a_loan_is_found_by_its_number_and_an_unknown_one_is_said(lent):
    document = get_document("keyloan")
    assert document.find(lent["loan"].serial) == lent["loan"].id
    assert document.name(lent["loan"].id) == f"钥匙借用单 {lent['loan'].serial}"
    with pytest.raises(NotFound, match=f"JY{dt.date.today().year}-000099"):
        document.find(f"JY{dt.date.today().year}-000099")
    with pytest.raises(InvalidInput, match="JY2026-000034"):
        document.find("")


def test_the_slip_is_one_a4(lent, clerk):
    data = make_document(clerk, "keyloan", lent["late"].serial)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
