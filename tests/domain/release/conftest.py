"""A small estate for the release rules: room 3-2-1201 (owner 张伟, tenant 李娜), fees raised."""
import datetime as dt

import pytest

TODAY = dt.date.today()


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
