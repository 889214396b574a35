#!/usr/bin/env python3
"""Regenerates the letter's images without any imaging library: logo.png (RGBA, transparent corners)
with zlib/struct, and signature.jpg through cjpeg (libjpeg-turbo-progs) from a generated PPM."""
import os
import struct
import subprocess
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def write_png(path, width, height, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def logo(x, y):
    # A blue rounded badge with a white "N"-like diagonal; transparent outside the rounded corners.
    w, h, r = 160, 48, 12
    cx = min(max(x, r), w - 1 - r)
    cy = min(max(y, r), h - 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return (0, 0, 0, 0)
    stroke = 16 <= x < 24 or 40 <= x < 48 or (16 <= x < 48 and abs((x - 16) - (y - 8) * 32 // 32) < 5 and 8 <= y < 40)
    if 8 <= y < 40 and stroke:
        return (255, 255, 255, 255)
    return (46, 134, 193, 255)


def signature_ppm(width, height):
    pixels = bytearray()
    for y in range(height):
        for x in range(width):
            ink = abs(y - (height // 2 + int(12 * ((x % 40) - 20) / 20) * (1 if (x // 40) % 2 else -1))) < 2
            pixels += bytes((20, 40, 110) if ink else (250, 248, 240))
    return b"P6\n%d %d\n255\n" % (width, height) + bytes(pixels)


if __name__ == "__main__":
    write_png(os.path.join(HERE, "images", "logo.png"), 160, 48, logo)
    jpeg = subprocess.run(["cjpeg", "-quality", "85", "-optimize"], input=signature_ppm(200, 60),
                          stdout=subprocess.PIPE, check=True).stdout
    with open(os.path.join(HERE, "images", "signature.jpg"), "wb") as f:
        f.write(jpeg)
