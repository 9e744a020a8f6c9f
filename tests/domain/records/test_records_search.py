"""The records' search: rooms and people as the clerk types, through the toolbar's providers too."""
import pytest

from models import searching
from models.records import search


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


def test_id_tail_with_x(db, clerk):
    from models.records import people as p
    p.create_person(clerk, p.PersonInput("周芷若", id_number="11010519491231002X"))
    assert [h.title for h in search.search("002x")] == ["周芷若"]


def test_search_and_filters_survive_what_cannot_be_typed(estate):
    """Issue 14 item 4: a lone surrogate raised UnicodeEncodeError; a NUL in a filter matched everything."""
    from models.listing import get_list
    from models.records.search import search
    assert search("张\ud800") == search("张") != []
    spec = get_list("people")
    assert spec.count(text="李\x00") == spec.count(text="李") == 1
    assert spec.count(text="\x00") == spec.count()


# What clerks type, keystroke by keystroke: room codes, a bare number, names, initials, phone and ID tails.
TYPED = ["3", "3-", "3-2", "3-2-1", "3-2-1201", "3栋", "3栋2单元", "3栋2单元1201", "12", "120", "1201", "5678",
         "7774", "0023", "002", "张", "张伟", "李", "李娜", "z", "zw", "ln", "", "  ", "x", "002x", "3-9-"]


def test_the_toolbar_finds_what_the_records_search_finds(estate):
    for typed in TYPED:
        assert searching.search(typed) == search.search(typed), typed
        assert search.search(typed) == (search.rooms_matching(typed) + search.people_matching(typed))[:search.LIMIT]


def test_records_provide_rooms_then_people(db):
    found = [(p.key, p.title) for p in searching.providers()]
    assert found[:2] == [("room", "[Room]"), ("person", "[Person]")]


def test_a_full_pop_up_of_rooms(estate, supervisor):
    from models.records import estate as e
    for n in range(1, 25):
        e.create_room(supervisor, e.RoomInput("3", "2", f"18{n:02d}", "80"))
    hits = searching.search("3-2-18")
    assert hits == search.search("3-2-18") and len(hits) == search.LIMIT
    assert [h.title for h in hits][:2] == ["3栋2单元1801", "3栋2单元1802"]
