"""The handover part's papers to print, made through its rules on the small estate (tests/conftest.py;
tests/domain/handover/conftest.py): 3-2-1301 handed over to 张伟 with meters, keys and two defects; the
cabinet's three keys with two of them lent (one overdue); a day of appointments; a cabinet of thirty keys."""
import datetime as dt
from pathlib import Path

import pytest

from tests.domain.handover.conftest import TODAY, cabinet, handed, handover_input, vacant  # noqa: F401
from tests.reports.release.slip_pages import DPI

TOMORROW = TODAY + dt.timedelta(days=1)
LONG_AREA = "深圳市前海新区安居乐业花园二期会所东侧设备间"


def cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def contractor_loan(key="A-001"):
    from models.handover.keys import LoanInput
    return LoanInput(key, "刘师傅", "维修水管", borrower_kind="contractor", unit="安居维修", phone="13711112222")


@pytest.fixture
def lent(cabinet, clerk):  # noqa: F811
    """A-001 out with 刘师傅 (a contractor), B-001 out with 王电工 and two hours overdue; C-001 (entrusted) in."""
    from models.db import write_tx
    from models.handover.keys import LoanInput, lend
    from models.handover.tables import KeyLoan
    first = lend(clerk, contractor_loan())
    late = lend(clerk, LoanInput("B-001", "王电工", "检查配电柜", unit="工程部"))
    with write_tx():
        KeyLoan.update(due_at=dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=2)).where(
            KeyLoan.id == late.id).execute()
    return dict(cabinet, loan=first, late=KeyLoan.get_by_id(late.id))


@pytest.fixture
def booked(estate, clerk):
    """Tomorrow: 欧阳娜娜 for 101 at 10:30 (with a note), 陈晓明 for 1202 at 09:00, one cancelled at 15:00."""
    from models.handover.handing import book, cancel
    rooms = estate["rooms"]
    at = lambda h, m=0: dt.datetime.combine(TOMORROW, dt.time(h, m))  # noqa: E731
    late = book(clerk, rooms[3].id, at(10, 30), "欧阳娜娜", "13900001111", note="带购房合同原件，需开具发票")
    early = book(clerk, rooms[1].id, at(9), "陈晓明", "13922223333")
    dropped = book(clerk, rooms[1].id, at(15), "陈晓明", "13922223333")
    cancel(clerk, dropped.id, "业主改期")
    return dict(early=early, late=late, dropped=dropped)


@pytest.fixture
def thirty_keys(estate, supervisor):
    """Thirty keys on hooks D-001 … D-030, some of a room, some of an area with a long name."""
    from models.handover.keys import KeyInput, add_key
    from models.handover.tables import PLANT, PUBLIC, VACANT_ROOM
    keys = []
    for n in range(1, 31):
        if n % 5 == 0:
            given = KeyInput(f"D-{n:03d}", VACANT_ROOM, "入户门", room_id=estate["rooms"][n % 4].id)
        else:
            given = KeyInput(f"D-{n:03d}", PLANT if n % 2 else PUBLIC, "消防泵房门" if n % 2 else "天台门",
                             area=LONG_AREA if n % 3 == 0 else f"{n % 9 + 1}栋地下室")
        keys.append(add_key(supervisor, given))
    return keys


def copies(data: bytes) -> tuple[str, str]:
    """The handover form's two copies on one A4, each squashed: the office's (第一联), then the owner's.

    The copy is drawn once as a form object shown in both bands, each followed by its part's name, so the
    page's text is the copy, 第一联 管理处存档, the copy again, 第二联 业主留存."""
    from tests.reports.release.slip_pages import page_texts
    text, = page_texts(data)
    office, mark, owners = text.partition("第一联管理处存档")
    assert mark and owners.endswith("第二联业主留存"), text
    return office + mark, owners


def to_pixels(x: float, y: float, dpi: int = DPI, page_height: float = 842) -> tuple[int, int]:
    """A point on the page (from the bottom left, in points) as a pixel of the page rendered at ``dpi``."""
    return round(x * dpi / 72), round((page_height - y) * dpi / 72)


def dark_share(png: Path, box: tuple[float, float, float, float], dpi: int = DPI, page_height: float = 842) -> float:
    """How much of ``box`` (x0, y0, x1, y1 in points) is inked on the rendered page (595 high when landscape)."""
    from PIL import Image
    left, bottom = to_pixels(box[0], box[1], dpi, page_height)
    right, top = to_pixels(box[2], box[3], dpi, page_height)
    with Image.open(png) as image:
        counts = image.convert("L").crop((left, top, right, bottom)).histogram()
    return sum(counts[:128]) / max(sum(counts), 1)


def code128(png: Path) -> list[str]:
    """The Code 128 barcodes a scanner finds on a rendered page, as it would type them."""
    from PIL import Image
    from pyzbar.pyzbar import ZBarSymbol, decode
    with Image.open(png) as image:
        return [found.data.decode("ascii") for found in decode(image.convert("L"), symbols=[ZBarSymbol.CODE128])]
