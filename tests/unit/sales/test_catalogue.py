"""Catalogue loading and the tariff history: prices switch by date on their own."""

from datetime import UTC, date, datetime

import pytest

from sales import DEFAULT_CATALOGUE, list_products, load_catalogue, migrations, price_at
from sales.catalogue import price_history, set_price
from sales.errors import CatalogueError, UnknownProduct
from tests.unit.sales.conftest import NOW, count, open_db

TARIFF_2027 = """
[[prices]]
product = "REST30"
from = 2027-01-01
cents = 150

[[prices]]
product = "PMD"
from = 2027-01-01
cents = 30
"""


def test_load_catalogue_loads_dendermonde_default(fresh_db):
    result = load_catalogue(fresh_db, DEFAULT_CATALOGUE, now=NOW)
    assert (result.products, result.prices_added) == (4, 4)  # three bags and the A4 print
    products = {p.code: p for p in list_products(fresh_db)}
    assert products["REST30"].pieces_per_roll == 20
    assert products["REST60"].pieces_per_roll == 10
    expected = {"REST30": 145, "REST60": 290, "PMD": 25}
    assert {c: price_at(fresh_db, c, NOW).price_cents for c in products} == expected


def test_load_catalogue_twice_changes_nothing(fresh_db):
    load_catalogue(fresh_db, DEFAULT_CATALOGUE, now=NOW)
    again = load_catalogue(fresh_db, DEFAULT_CATALOGUE, now=NOW)
    assert (again.prices_added, again.prices_unchanged) == (0, 4)
    assert count(fresh_db, "prices") == 4


@pytest.mark.parametrize(
    ("moment", "cents", "valid_from"),
    [
        (datetime(2026, 12, 31, 22, 59, tzinfo=UTC), 145, date(2026, 1, 1)),
        # 23:00 UTC on 31 December is midnight in Brussels: the new tariff applies.
        (datetime(2026, 12, 31, 23, 0, tzinfo=UTC), 150, date(2027, 1, 1)),
        (datetime(2027, 6, 1, 12, 0, tzinfo=UTC), 150, date(2027, 1, 1)),
    ],
)
def test_price_at_switches_tariff_at_brussels_midnight(fresh_db, tmp_path, moment, cents,
                                                       valid_from):
    load_catalogue(fresh_db, DEFAULT_CATALOGUE, now=NOW)
    tariff = tmp_path / "verko-2027.toml"
    tariff.write_text(TARIFF_2027)
    load_catalogue(fresh_db, tariff, now=NOW)
    price = price_at(fresh_db, "REST30", moment)
    assert (price.price_cents, price.effective_from) == (cents, valid_from)
    assert price_at(fresh_db, "REST60", moment).price_cents == 290


def test_price_at_refuses_a_day_before_any_price(fresh_db):
    load_catalogue(fresh_db, DEFAULT_CATALOGUE, now=NOW)
    with pytest.raises(UnknownProduct):
        price_at(fresh_db, "PMD", datetime(2025, 12, 31, 12, tzinfo=UTC))


def test_set_price_refuses_changing_a_price_in_force(fresh_db):
    load_catalogue(fresh_db, DEFAULT_CATALOGUE, now=NOW)
    with pytest.raises(CatalogueError, match="already in force"):
        set_price(fresh_db, "PMD", 30, date(2026, 1, 1), now=NOW)


def test_set_price_may_correct_a_future_price(fresh_db):
    load_catalogue(fresh_db, DEFAULT_CATALOGUE, now=NOW)
    set_price(fresh_db, "PMD", 30, date(2027, 1, 1), now=NOW)
    set_price(fresh_db, "PMD", 35, date(2027, 1, 1), now=NOW)
    assert [p.price_cents for p in price_history(fresh_db, "PMD")] == [25, 35]


@pytest.mark.parametrize(
    "body",
    [
        '[[prices]]\nproduct = "PMD"\nfrom = 2027-01-01\ncents = 0.30\n',
        '[[prices]]\nproduct = "PMD"\nfrom = "soon"\ncents = 30\n',
        '[[products]]\ncode = "X"\nname = "X"\n',
        "not toml at all [",
        '[[prices]]\nproduct = "NOPE"\nfrom = 2027-01-01\ncents = 30\n',
    ],
)
def test_load_catalogue_refuses_bad_files_and_writes_nothing(fresh_db, tmp_path, body):
    path = tmp_path / "bad.toml"
    path.write_text(body)
    with pytest.raises((CatalogueError, UnknownProduct)):
        load_catalogue(fresh_db, path, now=NOW)
    assert count(fresh_db, "prices") == 0


def test_service_keeps_no_stock_and_is_not_a_bag(fresh_db):
    from sales import Payment, open_session, record_intake, record_sale, stock_levels, void_sale

    load_catalogue(fresh_db, DEFAULT_CATALOGUE, now=NOW)
    assert "PRINT" not in {p.code for p in list_products(fresh_db)}
    assert [p.code for p in list_products(fresh_db, kind="service")] == ["PRINT"]
    assert "PRINT" not in {level.code for level in stock_levels(fresh_db)}
    record_intake(fresh_db, "PMD", volunteer="Anna", pieces=5)
    open_session(fresh_db, 0, "Anna")
    receipt = record_sale(fresh_db, {"PRINT": 30, "PMD": 2}, Payment("cash"), "Anna", "k" * 32,
                          "BP1", max_qty=100)
    assert [(line.code, line.qty) for line in receipt.lines] == [("PMD", 2), ("PRINT", 30)]
    moves = fresh_db.execute("SELECT product, pieces FROM stock_moves ORDER BY id").fetchall()
    assert moves == [("PMD", 5), ("PMD", -2)]
    void_sale(fresh_db, receipt.number, "Anna", "vergissing")
    assert fresh_db.execute("SELECT product, pieces FROM stock_moves ORDER BY id").fetchall()[-1] \
        == ("PMD", 2)


def test_catalogue_names_per_language_fall_back_to_dutch(fresh_db, tmp_path):
    load_catalogue(fresh_db, DEFAULT_CATALOGUE, now=NOW)
    pmd = {p.code: p for p in list_products(fresh_db)}["PMD"]
    assert (pmd.name, pmd.name_in("en"), pmd.name_in("fr")) == ("PMD-zak", "PMD bag", "Sac PMC")
    assert pmd.name_in("tr") == "PMD-zak"
    tariff = tmp_path / "names.toml"
    tariff.write_text('[[products]]\ncode = "PMD"\nname = "PMD-zak"\nvolume_l = 60\n'
                      'colour = "#1f5fbf"\npieces_per_roll = 20\nnames = { fr = "Sac bleu" }\n')
    load_catalogue(fresh_db, tariff, now=NOW)
    pmd = {p.code: p for p in list_products(fresh_db)}["PMD"]
    assert (pmd.name_in("fr"), pmd.name_in("en")) == ("Sac bleu", "PMD-zak")


@pytest.mark.parametrize("names", ['"PMD bag"', '{ english = "PMD bag" }', '{ en = "" }',
                                   '{ en = 3 }'])
def test_catalogue_refuses_names_that_are_not_a_table_of_languages(fresh_db, tmp_path, names):
    tariff = tmp_path / "bad.toml"
    tariff.write_text('[[products]]\ncode = "PMD"\nname = "PMD-zak"\nvolume_l = 60\n'
                      f'colour = "#1f5fbf"\npieces_per_roll = 20\nnames = {names}\n')
    with pytest.raises(CatalogueError, match="names"):
        load_catalogue(fresh_db, tariff, now=NOW)
    assert count(fresh_db, "products") == 0


def test_catalogue_names_migration_translates_an_existing_kiosks_default_bags(db_path):
    db = open_db(db_path)
    try:
        migrations.apply(db, stop_before="m008_product_names")
        for code, name in (("PMD", "PMD-zak"), ("REST30", "Zak 30 liter")):
            db.execute("INSERT INTO products (code, name, volume_l, colour, pieces_per_roll) "
                       "VALUES (?, ?, 60, '#000000', 10)", [code, name])
        migrations.apply(db)
        products = {p.code: p for p in list_products(db)}
        assert products["PMD"].name_in("fr") == "Sac PMC"
        # Renamed at this kiosk: its own name stays, without a translation that no longer fits.
        assert products["REST30"].names == {}
    finally:
        db.close()
