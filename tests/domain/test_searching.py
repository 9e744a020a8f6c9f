"""The toolbar's search: the parts' providers asked in order, until the pop-up is full."""
import pytest

from models import searching
from models.searching import PROVIDERS, Hit, register_search_provider


@pytest.fixture
def providers():
    added = []

    def register(key, title, fn, order):
        register_search_provider(key, title, fn, order=order)
        added.append(key)
    yield register
    for key in added:
        PROVIDERS.pop(key, None)


def _keys(prefix, count):
    return lambda text, limit: [Hit(prefix, i, f"{prefix}-{i:03d}", text) for i in range(count)][:limit]


def test_providers_are_asked_in_their_order_and_tag_their_hits(db, providers):
    providers("key", "[Key]", _keys("key", 2), 5)
    providers("matter", "[Matter]", _keys("matter", 1), 900)
    keys = [p.key for p in searching.providers()]
    assert keys[0] == "key" and keys[-1] == "matter" and {"room", "person"} <= set(keys)
    hits = searching.search("K-0")
    assert [h.title for h in hits] == ["key-000", "key-001", "matter-000"]     # nothing of records' for "K-0"
    assert PROVIDERS["key"].title == "[Key]" and hits[0].detail == "K-0"


def test_a_full_pop_up_asks_no_further_provider(db, providers):
    asked = []
    providers("key", "[Key]", _keys("key", 50), 1)
    providers("matter", "[Matter]", lambda text, limit: asked.append(limit) or [], 2)
    assert len(searching.search("K")) == searching.LIMIT and asked == []
    assert [h.title for h in searching.search("K", limit=3)] == ["key-000", "key-001", "key-002"]
