"""业主资料卡: the data gathered for it, and the PDF read back as a clerk would read the paper."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from models.records import cards
from models.records import estate as e
from models.records import people as p
from models.errors import InvalidInput, NotFound
from reports.pdf import layout as L
from reportlab.lib.units import mm
from reports.pdf.records.owner_card import build_owner_card

TODAY = dt.date(2026, 11, 24)
LONG_NOTE = ("业主长期在外地工作，房屋由其父亲张建国代为照看；快递、报纸请放前台代收，"
             "如遇漏水等紧急情况请先联系紧急联系人，再通知工程部上门处理。") * 3
A4_MM = (210, 297)


def _pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def _squash(text: str) -> str:
    """Wrapped lines come back with breaks between them; compare without any whitespace."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def furnished(estate, clerk):
    """The estate's 3-2-1201 with a fuller owner record, two residents and cars."""
    room, owner = estate["rooms"][0], estate["owner"]
    data = dataclasses.replace(p.person_input_of(owner), employer="深圳市南山区科技园某某信息技术有限公司",
                               emergency_name="张建国", emergency_relation="父亲", emergency_phone="13700001111",
                               vehicles=[("粤B12345", "B2-045")], notes=LONG_NOTE)
    p.update_person(clerk, owner.id, data)
    for name, relation, phone in (("王丽", "配偶", "13600003333"), ("张小明", "儿子", "13600002222")):
        person = p.create_person(clerk, p.PersonInput(name, phones=[(phone, "mobile")]))
        p.add_resident(clerk, room.id, person.id, relation, "2020-06-01")
    return estate


def test_card_gathers_the_room_and_its_people(furnished):
    card = cards.owner_card(furnished["rooms"][0].id, "李静", today=TODAY)
    assert (card.room_label, card.area, card.use, card.card_no) == ("3栋2单元1201", "89.50", "住宅", "3-2-1201")
    assert card.owner.name == "张伟" and card.owner.id_number == "110101199003077774"  # full, not masked
    assert (card.owner.gender, card.owner.id_type) == ("男", "居民身份证")
    assert card.owner.phones == ("13812345678",)
    assert (card.owner.emergency_name, card.owner.emergency_relation) == ("张建国", "父亲")
    assert card.co_owners == ()
    assert [(r.name, r.relation, r.phone) for r in card.residents] == [
        ("王丽", "配偶", "13600003333"), ("张小明", "儿子", "13600002222")]
    assert [(x.plate, x.parking_space, x.user) for x in card.vehicles] == [("粤B12345", "B2-045", "张伟")]
    assert [(t.name, t.period) for t in card.tenants] == [("李娜", "2025年1月1日至2026年12月31日")]
    assert card.moved_in == dt.date(2020, 5, 1)
    assert card.owner.deed_no == "粤房证2020-001"
    assert card.notes == LONG_NOTE
    assert (card.created_on, card.clerk) == (TODAY, "李静")


def test_card_for_a_person_is_the_card_of_their_room(furnished):
    card = cards.owner_card_for_person(furnished["owner"].id, "李静", today=TODAY)
    assert card.room_label == "3栋2单元1201"


def test_no_card_without_an_owner(estate):
    with pytest.raises(InvalidInput, match="3栋2单元1202没有登记业主"):
        cards.owner_card(estate["rooms"][1].id)
    with pytest.raises(NotFound, match="李娜目前名下没有房屋"):   # a tenant owns nothing
        cards.owner_card_for_person(estate["tenant"].id)
    with pytest.raises(NotFound):
        cards.owner_card(99999)
    with pytest.raises(InvalidInput):
        cards.owner_card(None)


def test_pdf_carries_the_record_on_one_a4_page(furnished):
    card = cards.owner_card(furnished["rooms"][0].id, "李静", today=TODAY)
    data = build_owner_card(card)
    reader, text = _pdf_text(data)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == A4_MM
    flat = _squash(text)
    for expected in ("阳光花园管理处", "3栋2单元1201", "张伟", "110101199003077774", "13812345678", "89.50",
                     "居民身份证", "王丽", "张小明", "粤B12345", "李娜", "2025年1月1日至2026年12月31日",
                     "2020年5月1日", "建卡日期：2026年11月24日", "No.3-2-1201", "业主签字", "经办人", "李静",
                     "管理处(盖章)"):
        assert expected in flat, expected
    assert _squash(LONG_NOTE) in flat          # wrapped over several lines, nothing cut off


def test_pdf_is_byte_stable(furnished):
    card = cards.owner_card(furnished["rooms"][0].id, "李静", today=TODAY)
    assert build_owner_card(card, "阳光花园管理处") == build_owner_card(card, "阳光花园管理处")


def test_office_name_comes_from_the_argument_or_the_settings(furnished, director):
    from models import settings
    card = cards.owner_card(furnished["rooms"][0].id, today=TODAY)
    assert "翠湖居管理处" in _pdf_text(build_owner_card(card, "翠湖居管理处"))[1]
    settings.set_value(director, "office.name", "碧水湾物业管理处")
    assert "碧水湾物业管理处" in _pdf_text(build_owner_card(card))[1]


def test_three_co_owners_and_long_text_still_fit_and_wrap(estate, clerk, supervisor):
    room = e.create_room(supervisor, e.RoomInput("12", "3", "2803", "143.27"))
    owners = [
        p.create_person(clerk, p.PersonInput(
            "欧阳娜娜·阿卜杜热西提·买买提", id_type="hk_macau", id_number="H12345678",
            phones=[("13811112222", "mobile"), ("13811113333", "work"), ("020-87654321", "home")],
            employer="香港特别行政区某某国际贸易集团有限公司深圳代表处市场营销部" * 2,
            emergency_name="欧阳修远", emergency_relation="兄弟", emergency_phone="13511112222",
            notes=LONG_NOTE * 2)),
        p.create_person(clerk, p.PersonInput("司马相如", id_number="110101199003077731")),
        p.create_person(clerk, p.PersonInput("John Alexander Smith-Williamson", id_type="passport",
                                             id_number="E12345678")),
        p.create_person(clerk, p.PersonInput("诸葛孔明", id_number="440304198512120031")),
    ]
    p.transfer_ownership(clerk, room.id, [o.id for o in owners], "2019-03-15", "粤(2019)深圳市不动产权第0123456号")
    card = cards.owner_card(room.id, "李静", today=TODAY)
    assert [c.name for c in card.co_owners] == ["司马相如", "John Alexander Smith-Williamson", "诸葛孔明"]
    reader, text = _pdf_text(build_owner_card(card))
    assert len(reader.pages) == 1
    flat = _squash(text)
    for expected in ("欧阳娜娜·阿卜杜热西提·买买提", "H12345678", "港澳居民来往内地通行证", "020-87654321",
                     "司马相如", "110101199003077731", "JohnAlexanderSmith-Williamson", "E12345678", "诸葛孔明",
                     "440304198512120031", "粤(2019)深圳市不动产权第0123456号",
                     _squash("香港特别行政区某某国际贸易集团有限公司深圳代表处市场营销部" * 2)):
        assert expected in flat, expected
    assert _squash(LONG_NOTE * 2) in flat


def test_a_note_longer_than_a_page_flows_on_without_loss(estate, clerk):
    owner = estate["owner"]
    note = LONG_NOTE * 15
    p.update_person(clerk, owner.id, dataclasses.replace(p.person_input_of(owner), notes=note))
    card = cards.owner_card(estate["rooms"][0].id, "李静", today=TODAY)
    reader, text = _pdf_text(build_owner_card(card))
    pages = len(reader.pages)
    assert pages > 1
    # Page furniture (page numbers, running head) is drawn last on each page and the section
    # name 备注 sits in one of the pieces; take them out and the note must read on from page
    # to page with nothing lost.
    flat = re.sub(r"第\d+页共\d+页|阳光花园管理处业主资料卡3栋2单元1201（续）|备注", "", _squash(text))
    assert _squash(note) in flat
    assert all(f"第{n}页共{pages}页" in _squash(reader.pages[n - 1].extract_text()) for n in range(1, pages + 1))
    assert "业主签字" in reader.pages[-1].extract_text()
    assert "业主资料卡3栋2单元1201（续）" in _squash(reader.pages[1].extract_text())   # a loose page says whose it is


def test_a_long_household_list_breaks_over_pages_between_rows():
    owner = cards.CardOwner("张伟", "男", "居民身份证", "110101199003077774", ("13812345678",), "", "", "", "",
                            dt.date(2020, 5, 1), "")
    residents = tuple(cards.CardResident(f"住户{i}号", "亲属", f"139{i:08d}") for i in range(45))
    card = cards.OwnerCard("3-2-1201", "3栋2单元1201", "89.50", "住宅", (owner,), residents, (), (),
                           dt.date(2020, 5, 1), "", TODAY, "李静")
    reader, text = _pdf_text(build_owner_card(card, "阳光花园管理处"))
    assert len(reader.pages) > 1
    flat = _squash(text)
    assert all(f"住户{i}号亲属139{i:08d}" in flat for i in range(45))


@pytest.fixture
def tenant_household(furnished, clerk):
    """The tenant 李娜's husband lives with her: a resident whose household head is the tenant."""
    room, tenant = furnished["rooms"][0], furnished["tenant"]
    husband = p.create_person(clerk, p.PersonInput("李文磊", phones=[("13500005555", "mobile")]))
    p.add_resident(clerk, room.id, husband.id, "配偶", "2025-01-01", tenant_id=tenant.id)
    return furnished


def test_a_tenants_household_is_listed_with_the_tenant_not_as_the_owners_family(tenant_household):
    card = cards.owner_card(tenant_household["rooms"][0].id, "李静", today=TODAY)
    assert [r.name for r in card.residents] == ["王丽", "张小明"]          # the owner's family only
    (tenant,) = card.tenants
    assert tenant.name == "李娜"
    assert [(r.name, r.relation, r.phone) for r in tenant.household] == [("李文磊", "配偶", "13500005555")]
    flat = _squash(_pdf_text(build_owner_card(card))[1])
    # The tenant section reads 李娜 租户 …, then 李文磊 同住人（配偶） under her.
    assert "李娜租户13900001111" in flat
    assert "李文磊同住人（配偶）13500005555" in flat
    family = flat[flat.index("家庭成员"):flat.index("车辆")] if "家庭成员" in flat else ""
    assert "李文磊" not in family and flat.count("李文磊") == 1


def test_the_signature_dates_are_left_blank_for_the_hand(furnished):
    card = cards.owner_card(furnished["rooms"][0].id, "李静", today=dt.date(2015, 11, 14))
    flat = _squash(_pdf_text(build_owner_card(card))[1])
    assert flat.count("2015年11月14日") == 1                  # 建卡日期 only, as the office recorded it
    assert "建卡日期：2015年11月14日" in flat
    # Both signature lines end in an empty 日期：____年__月__日.
    assert flat.count("日期：年月日") == 2, flat[flat.index("业主签字"):]


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed")
def test_card_renders_to_a_page_with_ink_and_a_red_serial(furnished, tmp_path):
    from PIL import Image
    card = cards.owner_card(furnished["rooms"][0].id, "李静", today=TODAY)
    pdf = tmp_path / "card.pdf"
    pdf.write_bytes(build_owner_card(card))
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(pdf), str(tmp_path / "card")], check=True)
    png = tmp_path / "card.png"
    assert png.is_file()
    image = Image.open(png).convert("RGB")
    assert abs(image.size[0] - 496) <= 1 and abs(image.size[1] - 702) <= 1   # A4 at 60 dpi
    raw = image.tobytes()
    pixels = [tuple(raw[i:i + 3]) for i in range(0, len(raw), 3)]
    dark = sum(1 for r, g, b in pixels if r + g + b < 200)
    red = sum(1 for r, g, b in pixels if r > 150 and g < 110 and b < 110)
    assert dark > len(pixels) * 0.01       # rules and text, not a blank page
    assert red > 10                        # the card number, printed in red


def test_layout_parts_share_a_page_and_refuse_to_overflow():
    part = [L.heading("收据", office="阳光花园管理处", serial="2026-000123", title_size=16, office_size=11),
            L.grid([[L.label("交款人"), "张伟"]], [30 * mm, 100 * mm])]
    data = L.canvas_pdf("收据", [lambda c: L.draw_parts(c, [("第一联 存根", list(part)), ("第二联 交款人", list(part))])])
    reader, text = _pdf_text(data)
    assert len(reader.pages) == 1
    assert _squash(text).count("No.2026-000123") == 2 and "存根" in _squash(text)
    too_tall = [L.grid([[f"第{i}行"]], [100 * mm]) for i in range(60)]
    with pytest.raises(L.LayoutError):
        L.canvas_pdf("收据", [lambda c: L.draw_parts(c, [("第一联", too_tall), ("第二联", [])])])
