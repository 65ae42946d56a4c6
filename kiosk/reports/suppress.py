"""Small-count suppression for everything that leaves the kiosk (the desk may see exact figures).

A table is a grid of counts with a total per row, per column and a grand total. A count from 1
to REPORT_MIN_COUNT - 1 is hidden (primary suppression); then every row and every column (each
with its total) that hides exactly one entry hides one more (secondary suppression), because one
unknown in a sum with a known total can be worked out. Zeros stay: nobody is recognised in none.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

Cell = tuple[int, int]


@dataclass(frozen=True)
class Suppressed:
    """The counts with their totals (last row and column) and which of them to hide."""

    grid: tuple[tuple[int, ...], ...]
    hidden: frozenset[Cell]
    minimum: int

    def shown(self, row: int, column: int) -> str:
        """A cell as it may leave: the number, or "< minimum" when hidden."""
        if (row, column) in self.hidden:
            return f"< {self.minimum}"
        return str(self.grid[row][column])


def with_totals(cells: Sequence[Sequence[int]]) -> list[list[int]]:
    """The grid with each row's total appended and a last row of column totals."""
    rows = [list(row) + [sum(row)] for row in cells]
    width = len(rows[0]) if rows else 1
    return rows + [[sum(row[j] for row in rows) for j in range(width)]]


def lines(height: int, width: int) -> Iterator[list[Cell]]:
    """Every sum of the grid: each row with its total, each column with its total."""
    for i in range(height):
        yield [(i, j) for j in range(width)]
    for j in range(width):
        yield [(i, j) for i in range(height)]


def _pick(grid: list[list[int]], line: list[Cell], hidden: set[Cell]) -> Cell:
    """The entry to hide next: a non-zero one first, an inner cell before a total, the smallest."""
    last_row, last_column = len(grid) - 1, len(grid[0]) - 1
    return min((cell for cell in line if cell not in hidden),
               key=lambda c: (grid[c[0]][c[1]] == 0,
                              c[0] == last_row or c[1] == last_column, grid[c[0]][c[1]]))


def suppress(cells: Sequence[Sequence[int]], minimum: int) -> Suppressed:
    """Hide the small counts of `cells` and whatever would let them be recomputed."""
    grid = with_totals(cells)
    height, width = len(grid), len(grid[0])
    hidden = {(i, j) for i in range(height) for j in range(width) if 0 < grid[i][j] < minimum}
    changed = True
    while changed:
        changed = False
        for line in lines(height, width):
            if sum(cell in hidden for cell in line) == 1:
                hidden.add(_pick(grid, line, hidden))
                changed = True
    return Suppressed(tuple(map(tuple, grid)), frozenset(hidden), minimum)
