"""The records' lists: sorted and filtered in SQL, personal data masked, names in pinyin order."""
from models.listing import format_cell, get_list


def test_rooms_list_sorted_and_filtered_in_sql(estate):
    spec = get_list("rooms")
    ids = spec.ids(sort="area", descending=True)
    rows = spec.fetch(ids)
    areas = [rows[i][4] for i in ids]
    assert areas == sorted(areas, reverse=True)
    assert spec.count(filters={"state": "let"}) == 1
    assert len(spec.ids(text="张")) == 1
    owner_col = spec.column("owners")
    assert format_cell(owner_col, rows[estate["rooms"][0].id][7]) == "张伟"


def test_personal_data_masked_unless_revealed(estate):
    spec = get_list("people")
    col = spec.column("id_number")
    assert format_cell(col, "110101199003077774") == "1101**********7774"
    assert format_cell(col, "110101199003077774", reveal=True) == "110101199003077774"


def test_people_list_sorts_names_by_pinyin(db, clerk):
    """Issue 14 item 6: 丁 after 万 (code-point order) is not how a Chinese list reads."""
    from models.records import people as p
    from models.listing import get_list
    for name in ("万艳", "于欣艳", "丁凤佳", "何岚", "李娜", "林强"):
        p.create_person(clerk, p.PersonInput(name))
    spec = get_list("people")
    names = [row[0] for row in spec.iter_rows(sort="name")]
    assert names == ["丁凤佳", "何岚", "李娜", "林强", "万艳", "于欣艳"]
