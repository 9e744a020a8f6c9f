"""The money part's report tests: the books they print from (money_books.py)."""
import pytest

from tests.reports.money.money_books import make_books, make_garage


@pytest.fixture
def books(estate, clerk, finance):
    """See ``make_books``: owners in 1202 and 1301, three months charged, three receipts (one voided)."""
    return make_books(estate, clerk, finance)


@pytest.fixture
def garage(books, supervisor, clerk, finance):
    """See ``make_garage``: a parking space and a storage room in garage P1, a shop in building 3."""
    return make_garage(supervisor, clerk, finance)
