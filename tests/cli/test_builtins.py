"""Every builtin (each with positional and with named arguments), every expression form and every layout
statement in one template, compiled: each rule value equals what Python's decimal and datetime compute
independently, over generated records; the print layout's text reaches the PDF."""
import calendar
import datetime
import json
import os
import random
import re
import shutil
import subprocess
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal

from common import ROOT, check, finish, run, tempdir

TEMPLATE = r'''communication Everything version "1"
schema {
  record Doc {
    id: String @key; name: String; issued: Date; stamp: DateTime; note: String?; ratio: Decimal
    n: Int; flag: Bool; tags: [String]; lines: [Line]
  }
  record Line { item: String; qty: Int; price: Decimal; vat: Decimal; day: Date }
}
input Doc
locale "en"
fn net(l: Line): Decimal = l.price * l.qty
fn fact(k: Int): Int = if k <= 1 then 1 else k * fact(k - 1)
style head { size: 14pt; weight: bold }
style cell { size: 8pt }
style shade { background: #EEEEEE; padding: 2mm }
component pair(label: String, amount: Decimal) {
  row { text label; fill; text money(amount, "EUR") }
}
rules {
  let count_all = count(lines)
  let count_big = count(list: lines where .qty > 2)
  let qty_total = sum(lines, .qty)
  let qty_named = sum(list: lines, f: .qty)
  let nets = map(lines, net(it))
  let nets_named = map(list: lines, f: .price * .qty)
  let total = sum(nets)
  let cheapest = min(lines, .price)
  let dearest = max(list: lines, f: .price)
  let first_item = first(lines).item
  let last_item = last(list: lines).item
  let by_price = map(sort_by(lines, .price), .item)
  let by_day = map(sort_by(list: lines, key: .day), .item)
  let groups = map(group_by(lines, .vat), count(.items))
  let group_keys = map(group_by(list: lines, key: .vat), .key)
  let running = running_sum(lines, .price)
  let running_from = running_sum(list: lines, f: .qty, from: 10)
  let any_big = any(lines, .qty > 5)
  let all_cheap = all(list: lines, pred: .price < 1000)
  let cash = money(total, "EUR")
  let cash_up = money(amount: total, currency: "EUR", mode: "half-up")
  let num = number(total)
  let num0 = number(x: total, decimals: 0)
  let pct = percent(ratio, 1)
  let pct_named = percent(x: ratio, decimals: 2, mode: "half-up")
  let formatted = format(issued, "d MMMM yyyy")
  let formatted_named = format(d: stamp, pattern: "yyyy-MM-dd HH:mm")
  let medium = date(issued)
  let medium_named = date(d: issued)
  let up = upper(name)
  let down = lower(s: name)
  let titled = title(lower(name))
  let trimmed = trim(s: "  {name}  ")
  let parts = split(name, " ")
  let parts_named = split(s: name, sep: "a")
  let joined = join(tags, "/")
  let joined_named = join(parts: tags)
  let replaced = replace(name, "a", "4")
  let replaced_named = replace(s: name, from: " ", to: "_")
  let padded = pad_left(string(n), 6, "0")
  let padded_named = pad_right(s: "x", width: 4)
  let cut = truncate(name, 5)
  let cut_named = truncate(s: name, width: 3)
  let length = len(name)
  let length_named = len(s: name)
  let has_a = contains(name, "a")
  let has_b = contains(s: name, part: "b")
  let starts = starts_with(name, "A")
  let starts_named = starts_with(s: name, prefix: "Z")
  let ends = ends_with(name, "e")
  let ends_named = ends_with(s: name, suffix: "e")
  let rounded = round(ratio * 100, 1)
  let rounded_named = round(x: ratio * 100, digits: 0, mode: "half-up")
  let floored = round(total, mode: "floor")
  let ceiled = round(total, 0, "ceiling")
  let downed = round(total, 0, "down")
  let upped = round(total, 0, "up")
  let half_down = round(ratio, 1, "half-down")
  let items = plural(count_all, "\{n, plural, one \{# line\} other \{# lines\}\}")
  let items_named = plural(n: n, pattern: "\{n, plural, one \{# day\} other \{# days\}\}")
  let shown = string(total)
  let shown_named = string(x: flag)
  let due = add_days(issued, 14)
  let due_named = add_days(d: issued, n: -3)
  let next = add_months(issued, 1)
  let next_named = add_months(d: issued, n: -13)
  let span = days_between(issued, due)
  let span_named = days_between(a: due, b: issued)
  let y = year(issued)
  let m = month(d: issued)
  let d = day(issued)
  let arith = (n + 2) * 3 - n % 4
  let division = total / 3
  let remainder = total % 7
  let negated = -total
  let compared = total >= 100 and not flag or n == 3
  let ordered = name < "M"
  let chosen = if flag then "yes" else "no"
  let widened = if flag then n else total
  let noted = if note != none then note else "none given"
  let absent = note == none
  let literal = [1, 2, n]
  let decimals_literal = [1.5, ratio]
  let indexed = lines[0].item
  let interpolated = "{name} owes {cash} for {count_all} lines"
  let recursed = fact(5)
  let nested = count(lines where .qty > 1 and .price > 1)
  require count(lines) > 0 else reject "no lines for {name}"
}
layout print {
  page A4 margin 20mm style cell {
    header { row { text "Everything" style head; fill; text "{name}" } }
    footer { text center "Page {page} of {pages}" }
  }
  text "Summary for {name}" style head
  column { text "column one"; text "column two" }
  box style shade { text "boxed {cash}" }
  keep { text "kept together" }
  space 4mm
  line
  pair("Total", total)
  if flag { text "flag is set" } else { text "flag is not set" }
  for l index i in lines { text "line {i}: {l.item}" }
  table lines as l index i {
    columns [10mm, 1fr, 30mm]
    header repeat { "#"; "Item"; right "Amount" }
    row zebra style shade { "{i}"; l.item; right money(net(l), "EUR") }
  }
  place at (150mm, 250mm) width 40mm overflow shrink { text "placed" }
  image "logo.png" width 20mm alt "a logo"
  barcode code128 id width 50mm height 10mm
  pagebreak
  text "after the break"
}
channels { print }
'''

MODES = {"half-even": ROUND_HALF_EVEN, "half-up": ROUND_HALF_UP, "half-down": ROUND_HALF_DOWN, "up": ROUND_UP,
         "down": ROUND_DOWN, "floor": ROUND_FLOOR, "ceiling": ROUND_CEILING}


def q(x, places, mode="half-even"):
    return x.quantize(Decimal(1).scaleb(-places), MODES[mode])


def grouped(x, places):
    s = f"{abs(x):,.{places}f}"
    return ("-" if x < 0 else "") + s


def money(x, mode="half-even"):
    v = q(x, 2, mode)
    return ("-" if v < 0 else "") + "€" + f"{abs(v):,.2f}"


def shown(x):
    """A Decimal as the language shows it: its digits at their scale (Python's str, without exponents)."""
    return format(x, "f")


def add_months(d, k):
    t = d.year * 12 + d.month - 1 + k
    y, mo = divmod(t, 12)
    return datetime.date(y, mo + 1, min(d.day, calendar.monthrange(y, mo + 1)[1]))


def plural(k, one, other):
    return f"{k} {one if k == 1 else other}"


def stable_sort(lines, key):
    return [l["item"] for l in sorted(lines, key=key)]


def groups_of(lines):
    keys = []
    for l in lines:
        v = Decimal(l["vat"])
        if v not in keys:
            keys.append(v)
    return keys


def expected(r):
    L = r["lines"]
    price = [Decimal(l["price"]) for l in L]
    qty = [l["qty"] for l in L]
    nets = [p * k for p, k in zip(price, qty)]
    total = sum(nets, Decimal(0))
    ratio = Decimal(r["ratio"])
    issued = datetime.date.fromisoformat(r["issued"])
    stamp = datetime.datetime.fromisoformat(r["stamp"].replace("Z", "+00:00"))
    name, n, flag, note = r["name"], r["n"], r["flag"], r.get("note")
    due = issued + datetime.timedelta(days=14)
    keys = groups_of(L)
    run_p, run_q, acc_p, acc_q = [], [], Decimal(0), Decimal(10)
    for p, k in zip(price, qty):
        acc_p += p
        acc_q += k
        run_p.append(acc_p)
        run_q.append(acc_q)
    vat = [Decimal(l["vat"]) for l in L]
    return {
        "count_all": len(L), "count_big": sum(1 for k in qty if k > 2), "qty_total": sum(qty), "qty_named": sum(qty),
        "nets": nets, "nets_named": nets, "total": total, "cheapest": min(price), "dearest": max(price),
        "first_item": L[0]["item"], "last_item": L[-1]["item"],
        "by_price": stable_sort(L, lambda l: Decimal(l["price"])), "by_day": stable_sort(L, lambda l: l["day"]),
        "groups": [sum(1 for v in vat if v == k) for k in keys], "group_keys": keys,
        "running": run_p, "running_from": run_q,
        "any_big": any(k > 5 for k in qty), "all_cheap": all(p < 1000 for p in price),
        "cash": money(total), "cash_up": money(total, "half-up"),
        "num": grouped(q(total, 2), 2), "num0": grouped(q(total, 0), 0),
        "pct": f"{q(ratio * 100, 1).normalize():f}%".replace(".0%", "%") if False else None,
        "formatted": f"{issued.day} {issued:%B} {issued.year}", "formatted_named": stamp.strftime("%Y-%m-%d %H:%M"),
        "medium": f"{issued:%b} {issued.day}, {issued.year}", "medium_named": f"{issued:%b} {issued.day}, {issued.year}",
        "up": name.upper(), "down": name.lower(), "titled": name.lower().title(), "trimmed": name,
        "parts": name.split(" "), "parts_named": name.split("a"), "joined": "/".join(r["tags"]), "joined_named": "".join(r["tags"]),
        "replaced": name.replace("a", "4"), "replaced_named": name.replace(" ", "_"),
        "padded": str(n).rjust(6, "0"), "padded_named": "x   ",
        "cut": name if len(name) <= 5 else name[:4] + "…", "cut_named": name if len(name) <= 3 else name[:2] + "…",
        "length": len(name), "length_named": len(name), "has_a": "a" in name, "has_b": "b" in name,
        "starts": name.startswith("A"), "starts_named": name.startswith("Z"), "ends": name.endswith("e"), "ends_named": name.endswith("e"),
        "rounded": q(ratio * 100, 1), "rounded_named": q(ratio * 100, 0, "half-up"),
        "floored": q(total, 0, "floor"), "ceiled": q(total, 0, "ceiling"), "downed": q(total, 0, "down"), "upped": q(total, 0, "up"),
        "half_down": q(ratio, 1, "half-down"),
        "items": plural(len(L), "line", "lines"), "items_named": plural(n, "day", "days"),
        "shown": shown(total), "shown_named": "true" if flag else "false",
        "due": due.isoformat(), "due_named": (issued - datetime.timedelta(days=3)).isoformat(),
        "next": add_months(issued, 1).isoformat(), "next_named": add_months(issued, -13).isoformat(),
        "span": 14, "span_named": -14, "y": issued.year, "m": issued.month, "d": issued.day,
        "arith": (n + 2) * 3 - int(Decimal(n) % 4), "remainder": total % 7, "negated": -total,
        "compared": (total >= 100 and not flag) or n == 3, "ordered": name < "M", "chosen": "yes" if flag else "no",
        "widened": Decimal(n) if flag else total, "noted": note if note is not None else "none given", "absent": note is None,
        "literal": [1, 2, n], "decimals_literal": [Decimal("1.5"), ratio], "indexed": L[0]["item"],
        "interpolated": f"{name} owes {money(total)} for {len(L)} lines", "recursed": 120,
        "nested": sum(1 for p, k in zip(price, qty) if k > 1 and p > 1),
    }


def same(got, want):
    if want is None:
        return True
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(same(a, b) for a, b in zip(got, want))
    if isinstance(want, Decimal):
        return got is not None and not isinstance(got, bool) and Decimal(str(got)) == want
    return got == want


random.seed(5)
WORDS = ["Ada", "Lovelace", "Grace", "Hopper", "Alan", "Turing", "Zoe", "Nash", "Edsger", "Maribel"]
records = []
for i in range(40):
    lines = [{"item": f"item{j}", "qty": random.randint(1, 9),
              "price": f"{random.randint(1, 99999) / 100:.2f}" if j % 4 else f"{random.randint(1, 9999) / 1000:.3f}",
              "vat": random.choice(["0.19", "0.07", "0.20"]),
              "day": (datetime.date(2026, 1, 1) + datetime.timedelta(days=random.randint(0, 300))).isoformat()}
             for j in range(random.randint(1, 8))]
    issued = datetime.date(2025, 1, 1) + datetime.timedelta(days=random.randint(0, 800))
    rec = {"id": f"D{i}", "name": " ".join(random.sample(WORDS, random.randint(1, 3))), "issued": issued.isoformat(),
           "stamp": f"2026-0{random.randint(1, 9)}-1{random.randint(0, 9)}T{random.randint(10, 23)}:{random.randint(10, 59)}:00Z",
           "ratio": f"0.{random.randint(0, 99999):05d}", "n": random.randint(0, 12), "flag": random.random() < 0.5,
           "tags": random.sample(["red", "green", "blue"], random.randint(0, 3)), "lines": lines}
    if random.random() < 0.5:
        rec["note"] = random.choice(["call first", "vip"])
    records.append(rec)

work = tempdir()
template = os.path.join(work, "everything.msv")
open(template, "w", encoding="utf-8").write(TEMPLATE)
shutil.copy(os.path.join(ROOT, "examples", "letter", "images", "logo.png"), os.path.join(work, "logo.png"))
r = run("check", template)
check(r.returncode == 0, f"the template checks clean: {r.stderr}")

bad = []
for i, rec in enumerate(records):
    path = os.path.join(work, "r.json")
    open(path, "w", encoding="utf-8").write(json.dumps(rec, ensure_ascii=False))
    res = run("eval", template, "--data", path)
    if res.returncode != 0 or "error[" in res.stderr or "note:" in res.stderr:
        bad.append(f"record {i}: exit {res.returncode}: {res.stderr[:200]}")
        continue
    got = json.loads(res.stdout, parse_float=Decimal)["rules"]
    want = expected(rec)
    for k, v in want.items():
        if not same(got.get(k), v):
            bad.append(f"record {i}: {k}: want {v!r}, got {got.get(k)!r}")
    # the ones Python's formatting cannot say the same way: ICU's percent and Decimal division
    ratio = Decimal(rec["ratio"])
    pct = q(ratio * 100, 1)
    check(got["pct"] == (f"{pct:f}".rstrip("0").rstrip(".") + "%"), f"record {i}: pct {got['pct']} for {ratio}")
    pct2 = q(ratio * 100, 2, "half-up")
    check(got["pct_named"] == (f"{pct2:f}".rstrip("0").rstrip(".") + "%"), f"record {i}: pct_named {got['pct_named']}")
    total = want["total"]
    check(abs(Decimal(str(got["division"])) - total / 3) < Decimal("1e-17"), f"record {i}: division {got['division']}")
for b in bad[:10]:
    check(False, b)
check(len(records) == 40 and not bad, f"{len(records) - len(set(b.split(':')[0] for b in bad))} of {len(records)} records exact")

# The layout: every statement reaches the PDF.
data = os.path.join(work, "docs.jsonl")
open(data, "w", encoding="utf-8").write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[:3]))
out = os.path.join(work, "out")
r = run("run", template, "--data", data, "--out", out, "--pdf-per-record", "--quiet")
check(r.returncode == 0, f"run: {r.returncode} {r.stderr[-300:]}")
pdf = None
for base, _, files in os.walk(os.path.join(out, "records")):
    for f in files:
        if f.startswith("D0"):
            pdf = os.path.join(base, f)
check(pdf is not None, "D0's PDF")
if pdf:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True).stdout
    rec = records[0]
    for want in ["Everything", rec["name"], f"Summary for {rec['name']}", "column one", "column two", "boxed",
                 "kept together", "Total", "flag is set" if rec["flag"] else "flag is not set", "line 0: item0",
                 "Item", "Amount", "placed", "after the break", "Page 1 of 2", "Page 2 of 2"]:
        check(want in text, f"the PDF has `{want}`")
    pages = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    check(re.search(r"Pages: +2\n", pages) is not None, f"two pages (the page break): {pages}")
finish()
