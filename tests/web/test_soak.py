"""The power-cut soak in small (10 cycles, every client), so that CI catches a regression.

`make soak` runs the same code with 200 cycles, a load, printer faults and hostile input.
"""

from bench.soak.power import power_cuts


def test_ten_power_cuts_lose_nothing_acknowledged_and_print_nothing_twice(tmp_path):
    result = power_cuts(tmp_path, cycles=10)
    assert result.violations == []
    assert result.cycles == 10
    # It did work through the cuts: every client had writes acknowledged.
    assert all(count > 0 for count in result.acked.values()), result.acked
