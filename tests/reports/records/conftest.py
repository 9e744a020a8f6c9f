"""The records part's report tests: the counts a refused roster must leave as they were."""
import pytest

from tests.reports.records.roster_files import counts


@pytest.fixture
def before(estate):
    return counts()
