"""Belgian cash rounding, the coins-and-notes counter and amount formatting."""

import pytest

from sales.coins import cash_rounding, count_cash
from sales.errors import InvalidPayment


@pytest.mark.parametrize(
    ("total", "rounding"),
    [
        (100, 0), (101, -1), (102, -2), (103, 2), (104, 1), (105, 0),
        (106, -1), (107, -2), (108, 2), (109, 1), (110, 0), (0, 0), (1, -1), (3, 2),
        (145, 0), (290, 0), (25, 0), (1234567, -2), (-103, -2), (-101, 1), (-108, -2),
    ],
)
def test_cash_rounding_follows_belgian_table(total, rounding):
    assert cash_rounding(total) == rounding
    assert (total + rounding) % 5 == 0


def test_cash_rounding_of_a_refund_undoes_the_sale():
    for total in range(0, 200):
        assert cash_rounding(-total) == -cash_rounding(total)


@pytest.mark.parametrize("bad", [1.45, "145", True, None])
def test_cash_rounding_refuses_non_integers(bad):
    with pytest.raises(TypeError):
        cash_rounding(bad)


def test_count_cash_adds_coins_and_notes():
    assert count_cash({5000: 1, 2000: 2, 200: 3, 50: 1, 5: 4, 1: 2}) == 9672


@pytest.mark.parametrize("counts", [{3: 1}, {100: -1}, {100: 1.5}, {2.0: 1}])
def test_count_cash_refuses_bad_counts(counts):
    with pytest.raises((InvalidPayment, TypeError)):
        count_cash(counts)

