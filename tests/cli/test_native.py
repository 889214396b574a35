"""Native code (issue 3): `run` and `eval` through JIT code give exactly the evaluator's outputs; the
object cache is reused (0 functions compiled the second time) and bypassed with --no-cache; a program
outside what native code covers runs in the evaluator with a note; a runtime error in native code gets
the evaluator's exact reason."""
import json
import os
import shutil

from common import ROOT, STATEMENT, check, digest, finish, generate, run, tempdir

LETTER = os.path.join(ROOT, "examples", "letter", "letter.msv")
work = tempdir()
cache = os.path.join(work, "cache")
env = {"XDG_CACHE_HOME": cache}

# 1. Every output file of native and evaluator runs is byte-identical: the statement over generated
#    records (default channels, then everything in print) and the letter.
records = os.path.join(work, "std.jsonl")
generate(200, 11, records)
letter_data = os.path.join(ROOT, "examples", "letter", "data", sorted(os.listdir(os.path.join(ROOT, "examples", "letter", "data")))[0])
for name, template, data, extra in [("statement", STATEMENT, records, []),
                                    ("statement-print", STATEMENT, records, ["--channel", "print"]),
                                    ("letter", LETTER, letter_data, ["--channel", "print"])]:
    outs = {}
    for engine in ("native", "evaluator"):
        out = os.path.join(work, f"{name}-{engine}")
        r = run("run", template, "--data", data, "--out", out, "--pdf-per-record", "--print-stream", "--quiet",
                "--engine", engine, *extra, env=env)
        check(r.returncode == 0, f"{name}/{engine}: exit {r.returncode}: {r.stderr[-400:]}")
        check("evaluator, not as native code" not in r.stderr, f"{name}/{engine}: unexpected fallback: {r.stderr}")
        outs[engine] = digest(out)
    check(len(outs["native"]) > 2, f"{name}: outputs written ({len(outs['native'])})")
    check(outs["native"] == outs["evaluator"], f"{name}: native and evaluator outputs differ")

# 2. `eval` prints the same rules, channel and fallbacks either way, on every tenth generated record.
lines = open(records, encoding="utf-8").read().splitlines()
one = os.path.join(work, "one.json")
for i in range(0, len(lines), 10):
    open(one, "w", encoding="utf-8").write(lines[i])
    native = run("eval", STATEMENT, "--data", one, env=env)
    reference = run("eval", STATEMENT, "--data", one, "--engine", "evaluator", env=env)
    check(native.returncode == 0 and native.stdout == reference.stdout, f"eval line {i + 1} differs")

# 3. The object cache: the first run compiles the 4 functions, the second loads them (0 compiled);
#    --no-cache compiles again and writes nothing.
shutil.rmtree(cache, ignore_errors=True)
first = run("eval", STATEMENT, "--data", one, "--verbose", env=env)
second = run("eval", STATEMENT, "--data", one, "--verbose", env=env)
check("native code: 4 functions compiled, cache miss" in first.stderr, f"first compile: {first.stderr}")
check("native code: 0 functions compiled, from the cache" in second.stderr, f"second compile: {second.stderr}")
check(first.stdout == second.stdout, "cached code gives the same result")
entries = os.listdir(os.path.join(cache, "missive"))
check(len(entries) == 1 and entries[0].endswith(".o"), f"one cache entry: {entries}")
fresh = os.path.join(work, "fresh-cache")
uncached = run("eval", STATEMENT, "--data", one, "--verbose", "--no-cache", env={"XDG_CACHE_HOME": fresh})
check("4 functions compiled, cache miss" in uncached.stderr, f"--no-cache compiles: {uncached.stderr}")
check(not os.path.exists(fresh), "--no-cache writes no cache")
check(uncached.stdout == first.stdout, "--no-cache gives the same result")

# 4. Outside native code (a builtin it does not cover): a note naming it, and the evaluator's result.
upper = os.path.join(work, "upper.msv")
open(upper, "w", encoding="utf-8").write('''communication U version "1"
schema { record R { id: String @key; name: String; n: Int } }
input R
rules {
  let shout = upper(name)
  let ratio = 10 / n
}
layout print { page A4 margin 20mm { } text shout }
''')
rec = os.path.join(work, "u.json")
open(rec, "w").write('{"id": "u1", "name": "Ada", "n": 4}')
r = run("eval", upper, "--data", rec, env=env)
check("note: records run in the evaluator, not as native code: rule `shout`: `upper` is not supported" in r.stderr,
      f"fallback note: {r.stderr}")
check(json.loads(r.stdout)["rules"]["shout"] == "ADA", f"evaluator result: {r.stdout}")

# 5. A runtime error inside native code: the record is evaluated again and rejected with the
#    evaluator's exact reason (division by zero, with its place in the template).
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
outs = {}
for engine in ("native", "evaluator"):
    out = os.path.join(work, f"q-{engine}")
    r = run("run", ratio, "--data", data, "--out", out, "--quiet", "--max-rejects", "5", "--engine", engine, env=env)
    check(r.returncode == 0, f"q/{engine}: exit {r.returncode} {r.stderr}")
    check("evaluator, not as native code" not in r.stderr, f"q/{engine}: runs natively: {r.stderr}")
    outs[engine] = digest(out)
    rejects = open(os.path.join(out, "rejects.jsonl"), encoding="utf-8").read()
    check("ratio.msv:5:15: division by zero" in rejects, f"q/{engine}: reason: {rejects}")
check(outs["native"] == outs["evaluator"], "q: native and evaluator outputs differ")

finish()
