"""The toolbar's search box asks the parts' providers: each hit tagged with its provider's title,
in the providers' order; Enter hands the chosen hit to the window."""
import pytest
from PySide6.QtCore import Qt

from models.searching import PROVIDERS, Hit, register_search_provider
from ui.widgets.search_box import GlobalSearch


@pytest.fixture
def box(qtbot, estate):
    register_search_provider("gadget", "[Gadget]", lambda text, limit: [Hit("gadget", 7, "钥匙 K-007", "3栋2单元1201")]
                             if text.upper().startswith("K") else [], order=5)
    widget = GlobalSearch()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    PROVIDERS.pop("gadget", None)


def test_each_hit_reads_with_its_provider_s_tag(box, qtbot):
    qtbot.keyClicks(box, "3-2-1201")
    assert box.popup_model.stringList() == ["【房屋】 3栋2单元1201    张伟"]
    box.clear()
    qtbot.keyClicks(box, "zw")
    lines = box.popup_model.stringList()
    assert lines[0].startswith("【人员】 张伟") and "3栋2单元1201" in lines[0]


def test_a_part_s_provider_answers_in_the_same_box(box, qtbot):
    qtbot.keyClicks(box, "K-0")
    assert box.popup_model.stringList() == ["[Gadget] 钥匙 K-007    3栋2单元1201"]     # the part's own words
    with qtbot.waitSignal(box.hit_chosen) as chosen:
        qtbot.keyClick(box, Qt.Key_Return)
    assert chosen.args[0] == Hit("gadget", 7, "钥匙 K-007", "3栋2单元1201")


def test_nothing_found_says_so(box, qtbot):
    qtbot.keyClicks(box, "qqqq")
    assert box.popup_model.stringList() == ["没有找到"]
