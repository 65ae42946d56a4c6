"""The kiosk's small icon (/favicon.ico): a white house on the kiosk's blue, drawn in code.

Browsers ask for /favicon.ico on their own; answering 404 filled the log. The icon is an ICO file
holding one 32x32 PNG, built with zlib and struct only, so the kiosk process loads no image
library for it.
"""

import functools
import struct
import zlib

SIZE = 32
BLUE = (0x00, 0x60, 0x7A, 0xFF)
WHITE = (0xFF, 0xFF, 0xFF, 0xFF)
CLEAR = (0, 0, 0, 0)
# The house: a roof from (4,15) up to (16,4) down to (28,15), walls from 8 to 24, a door.
ROOF = ((4, 15), (16, 4), (28, 15))


def _pixel(x: int, y: int) -> tuple[int, int, int, int]:
    corner = min(x, SIZE - 1 - x) + min(y, SIZE - 1 - y)
    if corner < 3:  # rounded corners
        return CLEAR
    left, top, right = ROOF
    in_roof = top[1] <= y <= left[1] and abs(x - top[0]) <= (y - top[1]) * 12 / 11
    in_walls = 8 <= x <= 24 and 15 <= y <= 27
    in_door = 14 <= x <= 18 and 20 <= y <= 27
    return WHITE if (in_roof or in_walls) and not in_door else BLUE


def _png() -> bytes:
    rows = b"".join(b"\x00" + b"".join(bytes(_pixel(x, y)) for x in range(SIZE))
                    for y in range(SIZE))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


@functools.cache
def ico() -> bytes:
    """The icon as an ICO file with one PNG image in it."""
    png = _png()
    directory = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(png), 6 + 16)
    return directory + entry + png
