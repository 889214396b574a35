"""One engine: every command runs the compiled program. A CSV run gives the JSON Lines run's PDFs byte for
byte; the object cache is reused (0 functions compiled the second time) and bypassed with --no-cache,
which gives the same bytes; every builtin compiles (no note, no switch); a runtime error rejects the
record with its place in the template; the executable has no evaluator and no --engine switch."""
import csv
import json
import os
import re
import shutil
import subprocess

from common import MISSIVE, ROOT, STATEMENT, check, digest, finish, generate, run, tempdir

LETTER = os.path.join(ROOT, "examples", "letter", "letter.msv")
work = tempdir()
cache = os.path.join(work, "cache")
env = {"XDG_CACHE_HOME": cache}

# 1. No second engine in the executable, no switch between engines.
help_text = run("run", "--help").stdout + run("eval", "--help").stdout
check("--engine" not in help_text, "no --engine option")
symbols = subprocess.run(["nm", "-C", "--defined-only", MISSIVE], capture_output=True, text=True).stdout
check("missive::eval::" not in symbols and "missive::reference::" not in symbols, "no evaluator linked")


def flatten(value, prefix, row):
    """A JSON record as CSV cells: dotted names for records, indexed names for list elements."""
    if isinstance(value, dict):
        for k, v in value.items():
            flatten(v, f"{prefix}.{k}" if prefix else k, row)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            flatten(v, f"{prefix}.{i}", row)
    elif value is None:
        row[prefix] = ""
    elif isinstance(value, bool):
        row[prefix] = "true" if value else "false"
    else:
        row[prefix] = str(value)


# 2. The same records as JSON Lines and as CSV: identical PDFs (per record and print stream), and
#    manifests equal but for the input's hash.
records = os.path.join(work, "std.jsonl")
generate(60, 11, records)
lines = open(records, encoding="utf-8").read().splitlines()
rows = []
for line in lines:
    row = {}
    flatten(json.loads(line), "", row)
    rows.append(row)
columns = []
for row in rows:
    columns += [c for c in row if c not in columns]
as_csv = os.path.join(work, "std.csv")
with open(as_csv, "w", encoding="utf-8", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
outs = {}
for name, data in (("jsonl", records), ("csv", as_csv)):
    out = os.path.join(work, f"run-{name}")
    r = run("run", STATEMENT, "--data", data, "--out", out, "--pdf-per-record", "--print-stream", "--quiet",
            "--channel", "print", env=env)
    check(r.returncode == 0, f"{name} run: exit {r.returncode}: {r.stderr[-400:]}")
    outs[name] = out
pdfs = {n: {k: v for k, v in digest(outs[n], also=()).items()} for n in outs}
check(len(pdfs["jsonl"]) == len(lines) + 1, f"a PDF per record and a stream: {len(pdfs['jsonl'])}")
check(pdfs["jsonl"] == pdfs["csv"], "CSV and JSON Lines runs give the same PDFs")


def manifest_without_input(path):
    entries = [json.loads(l) for l in open(os.path.join(path, "manifest.jsonl"), encoding="utf-8")]
    for e in entries:
        e.pop("input", None)
        e.get("run", {}).pop("input_sha256", None)
    return entries


m_json, m_csv = manifest_without_input(outs["jsonl"]), manifest_without_input(outs["csv"])
check([e.get("key") for e in m_json] == [e.get("key") for e in m_csv], "the same records in both manifests")
check([e.get("outputs") for e in m_json] == [e.get("outputs") for e in m_csv], "the same outputs in both manifests")

# 3. The object cache: the first run compiles, the second loads (0 compiled); --no-cache compiles again,
#    writes nothing, and gives the same bytes.
one = os.path.join(work, "one.json")
open(one, "w", encoding="utf-8").write(lines[0])
shutil.rmtree(cache, ignore_errors=True)
first = run("eval", STATEMENT, "--data", one, "--verbose", env=env)
second = run("eval", STATEMENT, "--data", one, "--verbose", env=env)
compiled = re.search(r"native code: (\d+) functions compiled, cache miss", first.stderr)
check(compiled is not None and int(compiled.group(1)) >= 4, f"first compile: {first.stderr}")
check("native code: 0 functions compiled, from the cache" in second.stderr, f"second compile: {second.stderr}")
check(first.stdout == second.stdout, "cached code gives the same result")
entries = os.listdir(os.path.join(cache, "missive"))
check(len(entries) == 1 and entries[0].endswith(".o"), f"one cache entry: {entries}")
fresh = os.path.join(work, "fresh-cache")
uncached = run("eval", STATEMENT, "--data", one, "--verbose", "--no-cache", env={"XDG_CACHE_HOME": fresh})
check(compiled is not None and f"{compiled.group(1)} functions compiled, cache miss" in uncached.stderr,
      f"--no-cache compiles: {uncached.stderr}")
check(not os.path.exists(fresh), "--no-cache writes no cache")
check(uncached.stdout == first.stdout, "--no-cache gives the same result")
again = os.path.join(work, "run-again")
r = run("run", STATEMENT, "--data", records, "--out", again, "--pdf-per-record", "--print-stream", "--quiet",
        "--channel", "print", "--no-cache", "--threads", "2", env=env)
check(r.returncode == 0 and digest(again) == digest(outs["jsonl"]),
      "a fresh compile on 2 threads gives the cached single-thread run's bytes")

# 4. `test`, `eval` and `preview` of every example run the compiled program: each says how its native
#    code was made (there is no other engine to run it).
for name in ("statement", "letter"):
    template = os.path.join(ROOT, "examples", name, f"{name}.msv")
    data = os.path.join(ROOT, "examples", name, "data", sorted(os.listdir(os.path.join(ROOT, "examples", name, "data")))[0])
    sample = os.path.join(work, f"{name}-sample.json")
    open(sample, "w", encoding="utf-8").write(open(data, encoding="utf-8").readline())
    for args in (["test", template], ["eval", template, "--data", sample],
                 ["preview", template, "--data", sample, "--png", os.path.join(work, f"{name}.png")]):
        r = run(*args, "--verbose", env=env)
        check(r.returncode == 0 and re.search(r"native code: \d+ functions compiled", r.stderr) is not None,
              f"{name} {args[0]}: exit {r.returncode}: {r.stderr[-300:]}")

# 5. Builtins the first compiler did not cover compile now: no note, the value computed natively.
upper = os.path.join(work, "upper.msv")
open(upper, "w", encoding="utf-8").write('''communication U version "1"
schema { record R { id: String @key; name: String; n: Int } }
input R
rules {
  let shout = upper(name)
  let ratio = 10 / n
  let n0 = number(ratio, decimals: 0)
}
layout print { page A4 margin 20mm { } text "{shout} {n0}" }
''')
rec = os.path.join(work, "u.json")
open(rec, "w").write('{"id": "u1", "name": "Ada", "n": 4}')
r = run("eval", upper, "--data", rec, env=env)
check(r.returncode == 0 and r.stderr == "", f"no note: {r.stderr}")
out = json.loads(r.stdout)["rules"]
check(out["shout"] == "ADA" and out["n0"] == "2", f"native results: {out}")

# 6. A runtime error in native code rejects the record with its place in the template.
ratio = os.path.join(work, "ratio.msv")
open(ratio, "w", encoding="utf-8").write('''communication Q version "1"
schema { record R { id: String @key; n: Int } }
input R
rules {
  let ratio = 10 / n
}
layout print { page A4 margin 20mm { } text "ratio {ratio}" }
''')
data = os.path.join(work, "q.jsonl")
open(data, "w").write('{"id": "a", "n": 4}\n{"id": "b", "n": 0}\n')
out = os.path.join(work, "q")
r = run("run", ratio, "--data", data, "--out", out, "--quiet", "--max-rejects", "5", env=env)
check(r.returncode == 0, f"q: exit {r.returncode} {r.stderr}")
rejects = [json.loads(l) for l in open(os.path.join(out, "rejects.jsonl"), encoding="utf-8")]
check(len(rejects) == 1 and rejects[0]["key"] == "b" and len(rejects[0]["reasons"]) == 1
      and rejects[0]["reasons"][0] == f"{ratio}:5:15: division by zero",
      f"q: reason: {rejects}")

finish()
