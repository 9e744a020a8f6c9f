"""A small estate for the release rules: room 3-2-1201 (owner 张伟, tenant 李娜), fees raised."""
import datetime as dt

import pytest

TODAY = dt.date.today()
OWNER_ID = "110101199003077774"          # 张伟, owner of 3-2-1201 (tests/conftest.py's estate)
TENANT_ID = "440304198512120023"         # 李娜, its tenant


def owner_slip(estate, **changes):
    """The owner's slip for room 1201 (a sofa and twelve boxes of books), with ``changes`` made to it."""
    from models.release.issuing import GoodsLine, SlipInput
    data = SlipInput(room_id=estate["rooms"][0].id, person_id=estate["owner"].id, id_shown=OWNER_ID,
                     goods=[GoodsLine("沙发", 1), GoodsLine("纸箱", 12, "书籍")])
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def months_back(n):
    index = TODAY.year * 12 + TODAY.month - 1 - n
    return dt.date(index // 12, index % 12 + 1, 1)


def raise_months(finance, count):
    """Raise ``count`` past months of fees (the oldest first), as finance's monthly run does."""
    from models.money import charging
    for n in range(count, 0, -1):
        charging.generate_month(finance, months_back(n))


@pytest.fixture
def room(estate):
    return estate["rooms"][0]
