#!/usr/bin/env bash
# Where the time of a batch run goes, by pipeline stage: samples `missive run` (one thread, print
# stream) with `perf record -e cpu-clock` (software clock: these VMs have no hardware counters) and
# sums the samples per stage from the symbol's namespace or library.
#   bench/profile.sh [N records] [missive binary] [extra run options…]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
exe=${2:-build/compiler/driver/missive}
shift $(( $# > 2 ? 2 : $# )) || true
work=$(mktemp -d /tmp/missive-profile.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 bench/gen_statements.py --count "$n" --seed 1 --out "$work/std.jsonl" >/dev/null
perf record -q -e cpu-clock -F 2000 -o "$work/perf.data" -- "$exe" run examples/statement/statement.msv \
  --data "$work/std.jsonl" --out "$work/out" --channel print --print-stream --threads 1 --quiet "$@" 2>/dev/null
perf report -i "$work/perf.data" --no-children --sort dso,sym -g none --percent-limit 0 2>/dev/null \
  | python3 -c '
import re, sys
stages = [("decode (simdjson, records)", [r"missive::data::", r"simdjson"]),
          ("rules and block tree (evaluator)", [r"missive::eval::"]),
          ("formatting (ICU, money fast path)", [r"missive::value::", r"libicu"]),
          ("text: itemize, shape, break (HarfBuzz, ICU)", [r"missive::text::", r"libharfbuzz", r"hb_", r"libfreetype"]),
          ("layout (pagination)", [r"missive::layout::"]),
          ("PDF writing (content, fonts, xref)", [r"missive::pdf::"]),
          ("compression (libdeflate)", [r"libdeflate"]),
          ("batch (pipeline, manifest, SHA-256)", [r"missive::batch::", r"libtbb", r"libcrypto"]),
          ("allocation (malloc/free)", [r"malloc", r"free", r"_int_", r"operator new", r"operator delete", r"unlink_chunk", r"consolidate"]),
          ("kernel (I/O, page faults)", [r"\[kernel"])]
totals = {s: 0.0 for s, _ in stages}; other = 0.0; top = []
for line in sys.stdin:
    m = re.match(r"\s*([\d.]+)%\s+(\S+)\s+\[.\]\s+(.*)", line)
    if not m: continue
    pct, dso, sym = float(m.group(1)), m.group(2), m.group(3)
    top.append((pct, sym[:90]))
    text = dso + " " + sym
    for s, pats in stages:
        if any(re.search(p, text) for p in pats): totals[s] += pct; break
    else: other += pct
print("%-46s %7s" % ("stage", "share"))
for s, _ in stages: print(f"{s:<46} {totals[s]:6.1f}%")
print("%-46s %6.1f%%" % ("other (libc string ops, libstdc++, ...)", other))
print("\ntop symbols:")
for pct, sym in sorted(top, reverse=True)[:15]: print(f"  {pct:5.2f}%  {sym}")
'
