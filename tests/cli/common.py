"""Shared helpers of the end-to-end tests: the binary, the repository, temp dirs, a tiny runner."""
import hashlib
import os
import subprocess
import sys
import tempfile

MISSIVE = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(sys.argv[2])
STATEMENT = os.path.join(ROOT, "examples", "statement", "statement.msv")
GEN = os.path.join(ROOT, "bench", "gen_statements.py")
FAILURES = []


def run(*args, env=None, cwd=None, timeout=300, stdin=None):
    e = dict(os.environ)
    e.pop("MISSIVE_FAULT", None)
    if env:
        e.update(env)
    return subprocess.run([MISSIVE, *args], capture_output=True, text=True, env=e, cwd=cwd, timeout=timeout, input=stdin)


def check(cond, message):
    if not cond:
        FAILURES.append(message)
        print("FAIL:", message)


def tempdir():
    return tempfile.mkdtemp(prefix="missive-test-")


def generate(count, seed, path, extra=()):
    subprocess.run([sys.executable, GEN, "--count", str(count), "--seed", str(seed), "--out", path, *extra],
                   check=True, capture_output=True)


def digest(folder, names=(".pdf",), also=("manifest", "reject")):
    """sha256 of every output file (PDFs, manifest, rejects) under folder, by relative path."""
    out = {}
    for base, _, files in os.walk(folder):
        for f in files:
            if f.endswith(names) or any(a in f for a in also):
                p = os.path.join(base, f)
                out[os.path.relpath(p, folder)] = hashlib.sha256(open(p, "rb").read()).hexdigest()
    return out


def finish():
    if FAILURES:
        print(f"{len(FAILURES)} failed")
        sys.exit(1)
    print("all checks passed")
