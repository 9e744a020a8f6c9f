"""Users, roles, the command-line actor, global search and lists."""
import pytest

from models import users
from models.records import search
from models.errors import Conflict, NotAllowed
from models.listing import format_cell, get_list


def test_first_administrator_then_sign_in(db):
    assert not users.has_users()
    admin = users.create_first_administrator("admin", "陈主管", "secret1")
    assert admin.role == users.ADMIN and admin.password_hash.startswith("scrypt$")
    assert "secret1" not in admin.password_hash
    assert users.authenticate("admin", "secret1").id == admin.id
    with pytest.raises(NotAllowed, match="用户名或密码错误"):
        users.authenticate("admin", "wrong")
    with pytest.raises(Conflict):
        users.create_first_administrator("admin2", "x", "secret1")


def test_roles_are_checked_in_the_domain(db, clerk, admin):
    with pytest.raises(NotAllowed):
        users.create_user(clerk, "li", "李静", users.CLERK, "secret1")
    user = users.create_user(admin, "li", "李静", users.CLERK, "secret1")
    assert users.authenticate("li", "secret1").role == users.CLERK
    users.set_user_active(admin, user.id, False)
    with pytest.raises(NotAllowed, match="停用"):
        users.authenticate("li", "secret1")


def test_command_line_actor_never_prompts(db, admin):
    actor = users.cli_actor(None, env={})
    assert actor.via == "cli" and "（命令行）" in actor.name
    users.create_user(admin, "wang", "王芳", users.CS_SUPERVISOR, "secret1")
    assert users.cli_actor("wang", env={"PMDESK_PASSWORD": "secret1"}).name == "王芳"
    with pytest.raises(NotAllowed, match="PMDESK_PASSWORD"):
        users.cli_actor("wang", env={})


@pytest.mark.parametrize("typed", ["3-2-1201", "3栋2单元1201", "3-2-12", "3栋2单元"])
def test_search_by_room(estate, typed):
    hits = search.search(typed)
    assert hits and hits[0].kind == "room" and hits[0].title.startswith("3栋2单元1")


@pytest.mark.parametrize("typed, name", [("张", "张伟"), ("zw", "张伟"), ("5678", "张伟"), ("7774", "张伟"),
                                         ("0023", "李娜"), ("李娜", "李娜")])
def test_search_by_name_initials_phone_or_id_tail(estate, typed, name):
    hits = search.search(typed)
    assert [h.title for h in hits if h.kind == "person"] == [name]
    assert "3栋2单元1201" in hits[0].detail


def test_search_by_room_number_alone(estate):
    assert [h.title for h in search.search("1201")] == ["3栋2单元1201"]


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


def test_the_last_administrator_stays(db):
    first = users.create_first_administrator("admin", "陈主管", "secret1")
    actor = users.Actor.for_user(first)
    with pytest.raises(Conflict, match="最后一个"):
        users.set_user_active(actor, first.id, False)
    with pytest.raises(Conflict):
        users.set_user_active(actor, first.id, True, role=users.CLERK)
    assert users.User.get_by_id(first.id).role == users.ADMIN


def test_id_tail_with_x(db, clerk):
    from models.records import people as p
    p.create_person(clerk, p.PersonInput("周芷若", id_number="11010519491231002X"))
    assert [h.title for h in search.search("002x")] == ["周芷若"]


def test_people_list_sorts_names_by_pinyin(db, clerk):
    """Issue 14 item 6: 丁 after 万 (code-point order) is not how a Chinese list reads."""
    from models.records import people as p
    from models.listing import get_list
    for name in ("万艳", "于欣艳", "丁凤佳", "何岚", "李娜", "林强"):
        p.create_person(clerk, p.PersonInput(name))
    spec = get_list("people")
    names = [row[0] for row in spec.iter_rows(sort="name")]
    assert names == ["丁凤佳", "何岚", "李娜", "林强", "万艳", "于欣艳"]


def test_search_and_filters_survive_what_cannot_be_typed(estate):
    """Issue 14 item 4: a lone surrogate raised UnicodeEncodeError; a NUL in a filter matched everything."""
    from models.listing import get_list
    from models.records.search import search
    assert search("张\ud800") == search("张") != []
    spec = get_list("people")
    assert spec.count(text="李\x00") == spec.count(text="李") == 1
    assert spec.count(text="\x00") == spec.count()
