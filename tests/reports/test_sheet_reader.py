"""The core sheet reader (reports/excel/sheets.py, workbook.py) on a list of no part: the header found
below a title, the columns mapped onto a list's fields, values merged down, what it refuses."""
from __future__ import annotations

import pytest

from models.errors import InvalidInput, NotAllowed
from models.imports import ImportField
from reports.excel.sheets import header_lookup, import_table, normalise_header, read_fields, read_table
from tests.reports.sheet_files import CJK, xlsx

FIELDS = (
    ImportField("code", "Code", required=True),
    ImportField("count", "Count"),
    ImportField("phone", "Phone", multiple=True),
)
ALIASES = {"code": ("编号", "代码"), "count": ("数量", "个数"), "phone": ("电话", "手机")}


def _read(path):
    return read_fields(path, FIELDS, ALIASES, header_lookup(FIELDS, ALIASES))


def _refused(path, *words):
    with pytest.raises(InvalidInput) as error:
        _read(path)
    message = str(error.value)
    assert CJK.search(message), message
    for word in words:
        assert word in message, message
    return message


def test_normalised_headers():
    assert normalise_header("建筑面积（㎡）") == "建筑面积"
    assert normalise_header(" 建筑面积 m² ") == "建筑面积"
    assert normalise_header("面积/平方米") == "面积"
    assert normalise_header("手机号码*") == "手机号码"
    assert normalise_header("电话2") == "电话"
    assert normalise_header("房号【必填】") == "房号"
    assert normalise_header("Gross area (m²)") == "grossarea"


def test_a_lookup_takes_the_given_headers_the_labels_and_the_office_s_words_last():
    lookup = header_lookup(FIELDS, {"count": ("编号",)}, {"编号": "code", "旧列": "code"})
    assert lookup["旧列"] == "code" and lookup["code"] == "code" and lookup["phone"] == "phone"
    assert lookup["编号"] == "count"          # the office's words win


def test_a_list_below_a_title_with_values_merged_down(tmp_path):
    path = xlsx(tmp_path / "list.xlsx", [["编号", "个数", "电话1", "电话2"], ["A1", 3, "138", None],
                                         [None, 4, None, "0755"], ["B2", None, None, None]],
                before=[["一份清单"], [None]], merge=["A1:D1", "A4:A5"], title="清单")
    table = _read(path)
    assert table.header_row == 3 and table.source == "list.xlsx"
    assert table.records == [(4, {"code": "A1", "count": 3, "phone": ("138", None)}),
                             (5, {"code": "A1", "count": 4, "phone": (None, "0755")}),
                             (6, {"code": "B2", "count": None, "phone": (None, None)})]


def test_what_the_reader_refuses(tmp_path):
    _refused(xlsx(tmp_path / "a.xlsx", [["个数", "电话"], [1, "138"]]), "编号", "第 1 行")
    _refused(xlsx(tmp_path / "b.xlsx", [["编号", "代码"], ["A", "B"]]), "A（编号）", "B（代码）")
    _refused(xlsx(tmp_path / "c.xlsx", [["编号", None, "个数"], ["A", "x", 1]]), "第 B 列")
    _refused(xlsx(tmp_path / "d.xlsx", [["编号", "个数"]]), "只有表头")
    _refused(tmp_path / "missing.xlsx", "missing.xlsx")


def test_a_table_read_with_a_mapping_of_its_own(tmp_path):
    path = xlsx(tmp_path / "own.xlsx", [["x", "y"], [1, 2], [None, None], [3, 4]])
    table = read_table(path, lambda header_no, header: {"a": [0], "b": [1]}, set())
    assert table.records == [(2, {"a": 1, "b": 2}), (4, {"a": 3, "b": 4})] and table.header_row == 1


def test_an_import_asks_the_permission_before_it_opens_the_file(db, clerk, tmp_path):
    def read():
        raise AssertionError("the file was opened")
    with pytest.raises(NotAllowed):
        import_table(clerk, "records.import", read, lambda records, **how: None)
