"""Which passes to print, as typed after --workers: a range that names none is refused, never "all"."""
import pytest

from models.errors import InvalidInput
from reports.pdf.renovation import pass_lines


def test_numbers_lists_and_ranges():
    assert pass_lines("3") == (3,) and pass_lines("3，4") == (3, 4) and pass_lines("2-5,4") == (2, 3, 4, 5)
    assert pass_lines("") == ()


@pytest.mark.parametrize("typed", ["6-2", "0", "1-500", "a", "2-"])
def test_a_range_naming_no_pass_is_refused(typed):
    with pytest.raises(InvalidInput):
        pass_lines(typed)
