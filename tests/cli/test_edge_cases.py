"""Regressions found in review: output names never collide or grow too long, integer keys are keys,
shard sets must be complete, the program hash does not depend on how the path is typed, --shard is strict."""
import glob
import hashlib
import json
import os

from common import STATEMENT, check, finish, run, tempdir

work = tempdir()
tpl = os.path.join(work, "k.msv")
open(tpl, "w").write('''communication K version "1"
schema { record R { id: String @key; n: Int = 0 } }
input R
layout print { page A5 margin 10mm { }
  text "record {id}" }
''')
long_key = "x" * 300
data = os.path.join(work, "keys.jsonl")
with open(data, "w") as f:
    for key in ["k/379", "k_379", "line-4", long_key]:
        f.write(json.dumps({"id": key}) + "\n")
    f.write(json.dumps({"n": 1}) + "\n")  # no key: a schema violation, rejected
out = os.path.join(work, "o")
r = run("run", tpl, "--data", data, "--out", out, "--pdf-per-record", "--max-rejects", "1", "--quiet")
check(r.returncode == 0, f"names: exit {r.returncode}: {r.stderr[-300:]}")
files = sorted(glob.glob(os.path.join(out, "records", "*", "*.pdf")))
check(len(files) == 4, f"4 distinct files expected: {[os.path.basename(f) for f in files]}")
check(all(len(os.path.basename(f)) < 120 for f in files), "a file name is too long")
entries = [json.loads(l) for l in open(os.path.join(out, "manifest.jsonl"))][:-1]
for e in entries:
    if e["status"] == "delivered":
        path = os.path.join(out, e["outputs"][0]["file"])
        check(hashlib.sha256(open(path, "rb").read()).hexdigest() == e["outputs"][0]["sha256"], f"hash of {path}")

# integer keys are keys: a repeated one is a duplicate
itpl = os.path.join(work, "i.msv")
open(itpl, "w").write(open(tpl).read().replace("id: String @key", "id: Int @key"))
idata = os.path.join(work, "ints.jsonl")
open(idata, "w").write('{"id": 7}\n{"id": 8}\n{"id": 7}\n')
r = run("run", itpl, "--data", idata, "--out", os.path.join(work, "i"), "--max-rejects", "1", "--quiet")
rejects = [json.loads(l) for l in open(os.path.join(work, "i", "rejects.jsonl"))]
check(r.returncode == 0 and len(rejects) == 1 and "duplicate key `7` (first seen on line 1)" in rejects[0]["reasons"][0],
      f"integer keys: {r.returncode} {rejects}")

# a merge needs every shard of one run, once
sdata = os.path.join(work, "s.jsonl")
open(sdata, "w").write("".join(l for l in open(os.path.join(os.path.dirname(STATEMENT), "data", "statements.jsonl"))
                               .readlines()[:12]))
for k in range(2):
    r = run("run", STATEMENT, "--data", sdata, "--out", os.path.join(work, f"sh{k}"), "--shard", f"{k}/2",
            "--channel", "print", "--quiet")
    check(r.returncode == 0, f"shard {k}: {r.returncode}")
m = [os.path.join(work, f"sh{k}", "manifest.jsonl") for k in range(2)]
r = run("manifest", "merge", m[0], "--out", os.path.join(work, "m.jsonl"))
check(r.returncode == 3 and "1/2 missing" in r.stderr, f"incomplete set: {r.returncode} {r.stderr}")
r = run("manifest", "merge", m[0], m[0], "--out", os.path.join(work, "m.jsonl"))
check(r.returncode == 3, f"a shard twice: {r.returncode} {r.stderr}")
r = run("manifest", "merge", *m, "--out", os.path.join(work, "m.jsonl"))
check(r.returncode == 0, f"complete set: {r.returncode} {r.stderr}")

# the program hash is the same whatever the working directory and the spelling of the path
a, b = os.path.join(work, "pa"), os.path.join(work, "pb")
run("run", STATEMENT, "--data", sdata, "--out", a, "--channel", "print", "--quiet")
examples = os.path.dirname(os.path.dirname(STATEMENT))
run("run", "./statement/../statement/statement.msv", "--data", sdata, "--out", b, "--channel", "print", "--quiet",
    cwd=examples)
ha = json.loads(open(os.path.join(a, "manifest.jsonl")).readline())["program"]
hb = json.loads(open(os.path.join(b, "manifest.jsonl")).readline())["program"]
check(ha == hb, f"program hash depends on the path: {ha} {hb}")

for bad in ["0/4294967296", "1/2x", "2/2", "/2", "1"]:
    r = run("run", STATEMENT, "--data", sdata, "--out", os.path.join(work, "bad"), "--shard", bad, "--quiet")
    check(r.returncode == 2 and "--shard wants K/N" in r.stderr, f"--shard {bad}: {r.returncode}")
finish()
