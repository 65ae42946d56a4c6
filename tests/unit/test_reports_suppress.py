"""Small-count suppression: primary and secondary, checked by brute-force recomputation."""

import pytest

from kiosk.reports.suppress import lines, suppress, with_totals


def possible_values(grid, hidden):
    """Every value each hidden entry can take, given what is shown (found by trying them all).

    Independent of the suppression's own rule: it enumerates non-negative whole numbers for the
    hidden entries (up to the grand total, more than anyone outside knows) and keeps those that
    agree with every row and column sum.
    """
    height, width = len(grid), len(grid[0])
    unknown = sorted(hidden)
    bound = grid[-1][-1]
    sums = list(lines(height, width))
    seen = {cell: set() for cell in unknown}
    trial = [list(row) for row in grid]

    def consistent(upto):
        assigned = set(unknown[:upto])
        for line in sums:
            if all(c not in hidden or c in assigned for c in line):
                *parts, total = [trial[i][j] for i, j in line]
                if sum(parts) != total:
                    return False
        return True

    def walk(index):
        if all(len(values) > 1 for values in seen.values()):
            return  # every hidden entry already has two possible values: enough
        if index == len(unknown):
            for cell in unknown:
                seen[cell].add(trial[cell[0]][cell[1]])
            return
        i, j = unknown[index]
        for value in range(bound + 1):
            trial[i][j] = value
            if consistent(index + 1):
                walk(index + 1)
        trial[i][j] = grid[i][j]

    walk(0)
    return seen


CASES = [
    # (cells, minimum, cells that must be hidden as (row, column) in the grid with totals)
    ([[10, 20], [30, 40]], 5, set()),
    ([[0, 20], [30, 0]], 5, set()),
    ([[3, 20], [30, 40]], 5, {(0, 0)}),
    ([[3, 20, 7], [30, 40, 9], [6, 8, 11]], 5, {(0, 0)}),
    ([[1, 1], [1, 1]], 5, {(0, 0), (0, 1), (1, 0), (1, 1)}),
    ([[4, 0, 9], [0, 12, 6]], 5, {(0, 0)}),
    ([[2], [15], [9], [30]], 5, {(0, 0)}),
    ([[2, 3, 50]], 5, {(0, 0), (0, 1)}),
    ([[3, 0], [0, 0]], 5, {(0, 0)}),
    ([[6, 7], [8, 9]], 10, {(0, 0), (1, 1)}),
    ([[4, 4, 4], [4, 4, 4]], 3, set()),
]


@pytest.mark.parametrize(("cells", "minimum", "small"), CASES)
def test_reports_small_counts_are_hidden_and_cannot_be_recomputed(cells, minimum, small):
    result = suppress(cells, minimum)
    grid = with_totals(cells)
    assert [list(row) for row in result.grid] == grid
    assert small <= result.hidden
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            if 0 < value < minimum:
                assert (i, j) in result.hidden, f"{value} at {(i, j)} shown"
    for cell, values in possible_values(grid, result.hidden).items():
        assert len(values) > 1, f"hidden {cell} can be worked out: only {values}"


@pytest.mark.parametrize(("cells", "minimum", "small"), CASES)
def test_reports_each_sum_hides_none_or_at_least_two(cells, minimum, small):
    result = suppress(cells, minimum)
    for line in lines(len(result.grid), len(result.grid[0])):
        assert sum(cell in result.hidden for cell in line) != 1


def test_reports_the_check_finds_a_recomputable_cell():
    """The brute force itself: hiding one cell of a row with a known total is caught."""
    grid = with_totals([[3, 20], [30, 40]])
    assert possible_values(grid, {(0, 0)}) == {(0, 0): {3}}


def test_reports_hidden_cells_leave_as_below_the_minimum():
    result = suppress([[3, 20], [30, 40]], 5)
    assert result.shown(0, 0) == "< 5"
    assert result.shown(2, 2) == "93"
    assert {result.shown(i, j) for i, j in result.hidden} == {"< 5"}
    assert not any(result.shown(i, j) == "< 5" for i in range(3) for j in range(3)
                   if (i, j) not in result.hidden)


def test_reports_suppress_hides_more_than_primary():
    """Without the secondary step a lone small cell could be worked out (the test can fail)."""
    result = suppress([[3, 20], [30, 40]], 5)
    assert len(result.hidden) >= 4
