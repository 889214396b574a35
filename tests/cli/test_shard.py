"""Sharding: shards 0..N-1 together equal the unsharded run (merged manifest, per-record PDFs)."""
import json
import os

from common import STATEMENT, check, digest, finish, generate, run, tempdir

work = tempdir()
data = os.path.join(work, "recs.jsonl")
generate(45, 33, data)
lines = open(data, "rb").read().splitlines()
lines.insert(3, b'not json at all')
lines.insert(30, lines[10])  # a repeated key: rejected at its second occurrence in whichever shard has it
open(data, "wb").write(b"\n".join(lines) + b"\n")
common = ["--data", data, "--pdf-per-record", "--channel", "print", "--max-rejects", "5", "--quiet"]

full = os.path.join(work, "full")
r = run("run", STATEMENT, "--out", full, *common)
check(r.returncode == 0, f"unsharded: {r.returncode} {r.stderr[-300:]}")
n = 3
for k in range(n):
    r = run("run", STATEMENT, "--out", os.path.join(work, f"s{k}"), "--shard", f"{k}/{n}", *common)
    check(r.returncode == 0, f"shard {k}: {r.returncode} {r.stderr[-300:]}")
merged = os.path.join(work, "merged.jsonl")
r = run("manifest", "merge", *[os.path.join(work, f"s{k}", "manifest.jsonl") for k in range(n)], "--out", merged)
check(r.returncode == 0, f"merge: {r.returncode} {r.stderr}")
check(open(merged).read() == open(os.path.join(full, "manifest.jsonl")).read(), "merged manifest != unsharded manifest")
pdfs = {}
for k in range(n):
    for rel, h in digest(os.path.join(work, f"s{k}"), also=()).items():
        check(rel not in pdfs, f"{rel} in two shards")
        pdfs[rel] = h
check(pdfs == digest(full, also=()), "sharded PDFs differ from the unsharded ones")
# a shard that did not finish is refused
open(os.path.join(work, "partial.jsonl"), "w").write(open(os.path.join(work, "s0", "manifest.jsonl")).readline())
r = run("manifest", "merge", os.path.join(work, "partial.jsonl"), "--out", os.path.join(work, "m2.jsonl"))
check(r.returncode == 3, f"incomplete shard: {r.returncode}")
finish()
