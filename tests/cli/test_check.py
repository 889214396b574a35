"""`missive check`: the statement checks clean; typos, JSON output, scattered syntax errors, exit codes."""
import json
import os
import shutil

from common import ROOT, STATEMENT, check, finish, run, tempdir

r = run("--version")
check(r.returncode == 0 and r.stdout.startswith("missive "), f"--version: {r.returncode} {r.stdout!r}")

r = run("check", STATEMENT)
check(r.returncode == 0, f"statement does not check clean: {r.stderr[:400]}")

check(r.stdout == "" and r.stderr == "", f"a clean check prints nothing: {r.stderr[:200]!r}")

# the rules as typed IR and as the LLVM IR the JIT compiles: field access is a load at a constant offset
r = run("check", STATEMENT, "--dump", "ir")
check(r.returncode == 0 and "%2 = field 3 %1 : [Transaction]" in r.stdout and "  account: Account +184" in r.stdout
      and "slot print.body" in r.stdout and r.stderr == "",
      f"--dump ir: {r.returncode} {r.stdout[:300]} {r.stderr[:200]}")
r = run("check", STATEMENT, "--dump", "llvm")
check(r.returncode == 0 and "getelementptr inbounds i8, ptr %record, i64 240" in r.stdout and "define" in r.stdout,
      f"--dump llvm: {r.returncode} {r.stdout[:300]}")

work = tempdir()
shutil.copytree(os.path.join(ROOT, "examples", "statement"), os.path.join(work, "statement"))
src = os.path.join(work, "statement", "statement.msv")
lines = open(src, encoding="utf-8").read().split("\n")

# a misspelt field: an error at its line, with the suggestion, exit 1
target = next(i for i, l in enumerate(lines) if ".opening_balance +" in l)
mutated = lines[:]
mutated[target] = mutated[target].replace(".opening_balance", ".openin_balance")
open(src, "w", encoding="utf-8").write("\n".join(mutated))
r = run("check", src, env={"NO_COLOR": "1"})
check(r.returncode == 1, f"typo: exit {r.returncode}")
check(f"statement.msv:{target + 1}:" in r.stderr, f"typo: location missing in {r.stderr[:300]!r}")
check("did you mean `opening_balance`" in r.stderr, f"typo: suggestion missing in {r.stderr[:300]!r}")
check("\x1b[" not in r.stderr, "colour codes without a terminal")

r = run("check", src, "--format", "json")
check(r.returncode == 1, f"json: exit {r.returncode}")
objs = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
check(len(objs) >= 1 and objs[0]["code"].startswith("M0") and objs[0]["span"]["line"] == target + 1,
      f"json: {r.stdout[:300]!r}")
check(any("opening_balance" in json.dumps(o) for o in objs), "json: no suggestion")

# five scattered syntax errors: all five reported at their lines, no ANTLR wording
mutated = lines[:]
candidates = [i for i, l in enumerate(lines) if l.strip() and "//" not in l]
picks = [candidates[len(candidates) * k // 6] for k in range(1, 6)]
for i in picks:
    mutated[i] += " )) @@ ;;"
open(src, "w", encoding="utf-8").write("\n".join(mutated))
r = run("check", src, env={"NO_COLOR": "1"})
found = [i + 1 for i in picks if f"statement.msv:{i + 1}:" in r.stderr]
check(r.returncode == 1, f"syntax: exit {r.returncode}")
check(len(found) == 5, f"syntax: {len(found)}/5 errors located ({picks}): {r.stderr[:600]}")
for word in ("antlr", "extraneous input", "mismatched input", "no viable alternative"):
    check(word not in r.stderr.lower(), f"syntax: ANTLR wording leaked: {word}")

# usage and I/O errors exit 2
r = run("check", os.path.join(work, "missing.msv"))
check(r.returncode == 2, f"missing file: exit {r.returncode}")
r = run("frobnicate")
check(r.returncode == 2, f"unknown command: exit {r.returncode}")

# a warning passes unless --deny-warnings
open(src, "w", encoding="utf-8").write("\n".join(lines).replace("  let premium   = closing > 10000\n",
                                                                 "  let premium   = closing > 10000\n  let unused_value = 1\n"))
r = run("check", src, env={"NO_COLOR": "1"})
check(r.returncode == 0 and "warning[M0250]" in r.stderr, f"unused let: {r.returncode} {r.stderr[:300]!r}")
r = run("check", src, "--deny-warnings")
check(r.returncode == 1, f"--deny-warnings: exit {r.returncode}")
finish()
