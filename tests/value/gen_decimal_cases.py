#!/usr/bin/env python3
"""Generates decimal_cases.txt: exact expected results from Python's decimal (prec 60, half-even).

Each line: `op a b expected` (round: `round_<mode> a digits expected`; `overflow` when the result does
not fit a 128-bit mantissa with scale <= 18). The `sum` line holds the exact total of 100,000 amounts
produced by the LCG below, which decimal_cases_test.cpp reproduces.
Run: python3 tests/value/gen_decimal_cases.py > tests/value/decimal_cases.txt
"""
import random
from decimal import Decimal, getcontext, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_DOWN, ROUND_UP, \
    ROUND_FLOOR, ROUND_CEILING

getcontext().prec = 60
getcontext().rounding = ROUND_HALF_EVEN
LIMIT = 2 ** 127
MODES = {"half_even": ROUND_HALF_EVEN, "half_up": ROUND_HALF_UP, "half_down": ROUND_HALF_DOWN, "down": ROUND_DOWN,
         "up": ROUND_UP, "floor": ROUND_FLOOR, "ceiling": ROUND_CEILING}


def text(d):
    # Decimal has no negative zero: print -0.00 as 0.00.
    return format(d.copy_abs() if d == 0 else d, "f")


def scale(d):
    return max(0, -d.as_tuple().exponent)


def fits(d):
    m = int(d.scaleb(scale(d)))
    return -LIMIT <= m < LIMIT and scale(d) <= 18


def rand_dec(rng, max_digits):
    digits = rng.randint(1, max_digits)
    mant = rng.randint(0, 10 ** digits - 1) * rng.choice((1, -1))
    return Decimal(mant).scaleb(-rng.randint(0, 18)) if rng.random() < 0.7 else Decimal(mant).scaleb(-rng.randint(0, 3))


def normalise_scale(d, s):
    return d.quantize(Decimal(1).scaleb(-s))


def result(d):
    return text(d) if fits(d) else "overflow"


def lcg_amounts(seed, count):
    x = seed
    for _ in range(count):
        x = (x * 6364136223846793005 + 1442695040888963407) % 2 ** 64
        mant = (x >> 11) % 10 ** 13 - 5 * 10 ** 12
        yield Decimal(mant).scaleb(-((x >> 60) % 4))


def main():
    rng = random.Random(20261124)
    out = []
    for _ in range(700):
        a, b = rand_dec(rng, 30), rand_dec(rng, 30)
        s = max(scale(a), scale(b))
        out.append(f"add {text(a)} {text(b)} {result(normalise_scale(a + b, s))}")
        out.append(f"sub {text(a)} {text(b)} {result(normalise_scale(a - b, s))}")
    for _ in range(700):
        a, b = rand_dec(rng, 20), rand_dec(rng, 20)
        p = a * b
        s = scale(a) + scale(b)
        p = normalise_scale(p, min(s, 18))
        out.append(f"mul {text(a)} {text(b)} {result(p)}")
    for _ in range(700):
        a, b = rand_dec(rng, 20), rand_dec(rng, 15)
        if b == 0:
            continue
        q = (a / b).quantize(Decimal("1E-18"), rounding=ROUND_HALF_EVEN)
        floor = max(scale(a), scale(b))
        while scale(q) > floor and q.as_tuple().digits[-1] == 0 and q != 0:
            q = q.quantize(Decimal(1).scaleb(-(scale(q) - 1)))
        if q == 0:
            q = Decimal(0).scaleb(-floor)
        out.append(f"div {text(a)} {text(b)} {result(q)}")
    for _ in range(700):
        a = rand_dec(rng, 25)
        if rng.random() < 0.4:  # a tie at the rounding position
            a = Decimal(rng.randint(-10 ** 6, 10 ** 6) * 10 + 5).scaleb(-rng.randint(1, 12))
        digits = rng.randint(0, 8)
        mode = rng.choice(sorted(MODES))
        r = a.quantize(Decimal(1).scaleb(-digits), rounding=MODES[mode]) if digits < scale(a) else \
            normalise_scale(a, digits)
        out.append(f"round_{mode} {text(a)} {digits} {result(r)}")
    for _ in range(300):
        a, b = rand_dec(rng, 30), rand_dec(rng, 30)
        if rng.random() < 0.3:
            b = normalise_scale(a, min(18, scale(a) + rng.randint(0, 3)))
        out.append(f"cmp {text(a)} {text(b)} {(a > b) - (a < b)}")
    big = Decimal(2 ** 126)
    out.append(f"add {text(big)} {text(big)} overflow")
    out.append(f"mul {text(big)} 2 overflow")
    seed, count = 7, 100000
    total = sum(lcg_amounts(seed, count), Decimal(0))
    out.append(f"sum {seed} {count} {text(normalise_scale(total, 3))}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
