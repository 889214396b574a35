#!/usr/bin/env bash
# Throughput of the statement example: records/s, pages/s and peak RSS for 1 and 2 threads, in both
# PDF modes, on the standard set and the high-cardinality set (--refs).
#   bench/statement.sh [N] [missive binary]      (N records, default 1000; binary default build/…/missive)
#   bench/statement.sh --memory SMALL LARGE [bin] peak RSS when SMALL and LARGE records are piped through
#                                                 standard input (DECISIONS.md: 10000 and 1000000); flat = streaming
# Figures vary by up to 1.5x on shared machines: compare variants within one run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --memory ]; then
  exe=${4:-build/compiler/driver/missive}
  printf '%-10s %9s %9s %9s\n' records seconds pages/s peak_MB
  for n in "$2" "$3"; do
    work=$(mktemp -d /tmp/missive-mem.XXXXXX)
    start=$(date +%s.%N)
    python3 bench/gen_statements.py --count "$n" --seed 1 --out /dev/stdout 2>/dev/null \
      | /usr/bin/time -f '%M' -o "$work/rss" "$exe" run examples/statement/statement.msv --data - --out "$work/out" \
          --channel print --print-stream --quiet
    end=$(date +%s.%N)
    pages=$(tail -1 "$work/out/manifest.jsonl" | python3 -c 'import json,sys; print(sum(json.load(sys.stdin)["totals"]["pages"].values()))')
    python3 -c "import sys; n,a,b,p,r=sys.argv[1:]; s=float(b)-float(a); print(f'{int(n):<10} {s:9.1f} {int(p)/s:9.0f} {int(r)/1024:9.1f}')" \
      "$n" "$start" "$end" "$pages" "$(cat "$work/rss")"
    rm -rf "$work"
  done
  exit 0
fi
n=${1:-1000}
exe=${2:-build/compiler/driver/missive}
work=$(mktemp -d /tmp/missive-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 bench/gen_statements.py --count "$n" --seed 1 --out "$work/std.jsonl" >/dev/null
python3 bench/gen_statements.py --count "$n" --seed 1 --refs --out "$work/refs.jsonl" >/dev/null
# Start-up, to read the figures below against: the median of 9 runs over one record (load, check,
# cached native code, fonts, first tables, finishing the file), included in every run's seconds.
head -1 "$work/std.jsonl" > "$work/one.jsonl"
for i in 1 2 3 4 5 6 7 8 9; do
  a=$(date +%s.%N)
  taskset -c 1 "$exe" run examples/statement/statement.msv --data "$work/one.jsonl" --out "$work/one-$i" --channel print \
    --print-stream --quiet
  b=$(date +%s.%N)
  echo "$a $b"
done | python3 -c 'import sys, statistics; print("start-up (one record, one core): %.0f ms" % (1000 * statistics.median(float(b) - float(a) for a, b in (l.split() for l in sys.stdin))))'
printf '%-6s %-16s %7s %8s %10s %9s %11s %10s %9s\n' set mode threads seconds records/s pages pages/s bytes/page peak_MB
for set in std refs; do
  for mode in --print-stream --pdf-per-record; do
    for threads in 1 2; do
      out="$work/out-$set$mode-$threads"
      cpus=1; [ "$threads" = 2 ] && cpus=0,1
      start=$(date +%s.%N)
      /usr/bin/time -f '%M' -o "$work/rss" taskset -c "$cpus" "$exe" run examples/statement/statement.msv \
        --data "$work/$set.jsonl" --out "$out" --channel print $mode --threads "$threads" --quiet
      end=$(date +%s.%N)
      pages=$(tail -1 "$out/manifest.jsonl" | python3 -c 'import json,sys; print(sum(json.load(sys.stdin)["totals"]["pages"].values()))')
      bytes=$(find "$out" -name '*.pdf' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
      python3 - "$set" "$mode" "$threads" "$start" "$end" "$n" "$pages" "$(cat "$work/rss")" "$bytes" <<'PY'
import sys
s, mode, t, a, b, n, pages, rss, size = sys.argv[1:]
sec = float(b) - float(a)
print(f"{s:<6} {mode.lstrip('-'):<16} {t:>7} {sec:8.2f} {int(n)/sec:10.0f} {pages:>9} {int(pages)/sec:11.0f} "
      f"{int(size)/int(pages):10.0f} {int(rss)/1024:9.1f}")
PY
      # outputs stay until the end: deleting thousands of files just before the next run creates
      # thousands makes ext4 scan its recently deleted inodes (perf: 60 % of a run in find_inode_bit)
    done
  done
done
