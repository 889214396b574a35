"""Crash safety: a run killed at various points (deterministic faults and a real kill -9) and then
resumed gives exactly the outputs and manifest of an uninterrupted run."""
import os
import signal
import subprocess
import time

from common import MISSIVE, STATEMENT, check, digest, finish, generate, run, tempdir

work = tempdir()
data = os.path.join(work, "recs.jsonl")
generate(50, 21, data)
lines = open(data, "rb").read().splitlines()
lines.insert(7, b'{"id": "bad", "name": 42}')
open(data, "wb").write(b"\n".join(lines) + b"\n")
args = ["--data", data, "--pdf-per-record", "--print-stream", "--channel", "print", "--max-rejects", "1", "--quiet",
        "--stream-max-pages", "40"]

ref = os.path.join(work, "ref")
r = run("run", STATEMENT, "--out", ref, *args)
check(r.returncode == 0, f"reference run: {r.returncode} {r.stderr[-300:]}")
want = digest(ref)
check(len([f for f in want if f.startswith("print/")]) >= 2, f"several stream chunks expected: {sorted(want)}")

for point, k in [("after-manifest", 1), ("after-manifest", 13), ("before-manifest", 20), ("after-manifest", 37),
                 ("before-manifest", 50)]:
    out = os.path.join(work, f"{point}-{k}")
    r = run("run", STATEMENT, "--out", out, "--threads", "2", *args, env={"MISSIVE_FAULT": f"{point}:{k}"})
    check(r.returncode == 86, f"{point}:{k}: the fault did not fire ({r.returncode})")
    r = run("run", STATEMENT, "--out", out, "--threads", "2", "--resume", *args)
    check(r.returncode == 0, f"{point}:{k}: resume exit {r.returncode}: {r.stderr[-300:]}")
    got = digest(out)
    differing = sorted(f for f in set(got) | set(want) if got.get(f) != want.get(f))
    check(got == want, f"{point}:{k}: resumed outputs differ from the uninterrupted run: {differing}")
    leftovers = [f for _, _, fs in os.walk(out) for f in fs if f.endswith((".tmp", ".partial"))]
    check(not leftovers, f"{point}:{k}: leftovers {leftovers}")

# real kills at a few moments, each resumed
for delay in (0.05, 0.2, 0.4):
    out = os.path.join(work, f"kill-{delay}")
    p = subprocess.Popen([MISSIVE, "run", STATEMENT, "--out", out, "--threads", "2", *args],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    p.send_signal(signal.SIGKILL)
    p.wait()
    r = run("run", STATEMENT, "--out", out, "--threads", "2", "--resume", *args)
    check(r.returncode == 0, f"kill after {delay}s: resume exit {r.returncode}: {r.stderr[-300:]}")
    got = digest(out)
    differing = sorted(f for f in set(got) | set(want) if got.get(f) != want.get(f))
    check(got == want, f"kill after {delay}s: resumed outputs differ: {differing}")

# resume refuses a changed input and standard input
out = os.path.join(work, "after-manifest-13")
other = os.path.join(work, "other.jsonl")
generate(5, 99, other)
r = run("run", STATEMENT, "--out", out, "--resume", *[a if a != data else other for a in args])
check(r.returncode == 2 and "differ" in r.stderr, f"changed input: {r.returncode} {r.stderr}")
r = run("run", STATEMENT, "--out", out, "--resume", "--data", "-", "--quiet", stdin="")
check(r.returncode == 2, f"stdin resume: {r.returncode}")
finish()
