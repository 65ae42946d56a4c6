"""Stock in pieces: intake in rolls or pieces, corrections with a reason, low-stock list."""

import pytest

from sales import correct_stock, load_catalogue, low_stock, record_intake, stock_levels
from sales.catalogue import DEFAULT_CATALOGUE
from sales.errors import InsufficientStock, InvalidQuantity, MissingInput, UnknownProduct
from sales.stock import set_counted_stock, stock_of
from tests.unit.sales.conftest import NOW, count


@pytest.fixture
def catalogue_db(fresh_db):
    load_catalogue(fresh_db, DEFAULT_CATALOGUE, now=NOW)
    return fresh_db


def test_record_intake_counts_rolls_and_loose_pieces(catalogue_db):
    assert record_intake(catalogue_db, "REST30", rolls=3, pieces=5, volunteer="Els") == 65
    assert record_intake(catalogue_db, "REST60", rolls=2, volunteer="Els") == 20
    levels = {level.code: level for level in stock_levels(catalogue_db)}
    assert levels["REST30"].rolls_and_pieces == (3, 5)
    assert levels["PMD"].pieces == 0


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"rolls": 0, "pieces": 0}, InvalidQuantity),
        ({"rolls": -1}, InvalidQuantity),
        ({"rolls": 1.5}, InvalidQuantity),
        ({"rolls": 1, "volunteer": ""}, MissingInput),
        ({"rolls": 1, "code": "GFT"}, UnknownProduct),
    ],
)
def test_record_intake_refuses_bad_input(catalogue_db, kwargs, error):
    code = kwargs.pop("code", "PMD")
    volunteer = kwargs.pop("volunteer", "Els")
    with pytest.raises(error):
        record_intake(catalogue_db, code, volunteer=volunteer, **kwargs)
    assert count(catalogue_db, "stock_moves") == 0


def test_correct_stock_needs_a_reason_and_never_goes_negative(catalogue_db):
    record_intake(catalogue_db, "PMD", pieces=10, volunteer="Els")
    assert correct_stock(catalogue_db, "PMD", -3, reason="gescheurd", volunteer="Els") == 7
    with pytest.raises(MissingInput):
        correct_stock(catalogue_db, "PMD", -1, reason=" ", volunteer="Els")
    with pytest.raises(InsufficientStock):
        correct_stock(catalogue_db, "PMD", -8, reason="telfout", volunteer="Els")
    assert stock_of(catalogue_db, "PMD") == 7


def test_set_counted_stock_books_the_difference(catalogue_db):
    record_intake(catalogue_db, "PMD", pieces=10, volunteer="Els")
    set_counted_stock(catalogue_db, "PMD", 12, reason="inventaris", volunteer="Els")
    set_counted_stock(catalogue_db, "PMD", 12, reason="inventaris", volunteer="Els")
    assert stock_of(catalogue_db, "PMD") == 12
    assert count(catalogue_db, "stock_moves") == 2


def test_low_stock_lists_bag_types_at_or_below_threshold(catalogue_db):
    record_intake(catalogue_db, "REST30", pieces=20, volunteer="Els")
    record_intake(catalogue_db, "REST60", pieces=21, volunteer="Els")
    record_intake(catalogue_db, "PMD", pieces=100, volunteer="Els")
    assert [level.code for level in low_stock(catalogue_db)] == ["REST30"]
