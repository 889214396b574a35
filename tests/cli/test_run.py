"""`missive run`: PDFs that real readers accept, text extractable, totals and rejects, exit codes,
and bytes that do not depend on threads, time zone, locale, working directory or output path."""
import glob
import json
import os
import re
import subprocess

from common import STATEMENT, check, digest, finish, generate, run, tempdir

work = tempdir()
data = os.path.join(work, "recs.jsonl")
generate(60, 9, data)
lines = open(data, "rb").read().splitlines()
lines.insert(5, b'{"id": "bad-1", "name": ')                  # malformed JSON
lines.insert(20, b'{"id": "bad-2", "name": 42}')                # schema violation
lines.insert(40, b'{"id": "bad-3", "name": "\xff\xfe"}')       # invalid UTF-8
lines.insert(50, lines[0])                                      # a repeated key
open(data, "wb").write(b"\n".join(lines) + b"\n")
records = [json.loads(l) for l in open(os.path.join(work, "recs.jsonl"), "rb").read().splitlines()
           if l.startswith(b'{"id": "C')]

out1 = os.path.join(work, "o1")
r = run("run", STATEMENT, "--data", data, "--out", out1, "--pdf-per-record", "--print-stream", "--channel", "print",
        "--threads", "1", "--max-rejects", "4", "--progress", "plain")
check(r.returncode == 0, f"run: exit {r.returncode}: {r.stderr[-400:]}")
manifest = [json.loads(l) for l in open(os.path.join(out1, "manifest.jsonl"))]
entries, totals = manifest[:-1], manifest[-1]["totals"]
check(totals["read"] == 64 and totals["rejected"] == 4 and totals["delivered"] == 60 and totals["reconciled"],
      f"totals: {totals}")
check([e["line"] for e in entries] == sorted(e["line"] for e in entries), "manifest not in input order")
rejects = [json.loads(l) for l in open(os.path.join(out1, "rejects.jsonl"))]
check([x["line"] for x in rejects] == [6, 21, 41, 51], f"rejects lines: {[x['line'] for x in rejects]}")
check("malformed JSON" in " ".join(rejects[0]["reasons"]), f"reason 1: {rejects[0]}")
check("/name: expected a string, found 42" in " ".join(rejects[1]["reasons"]), f"reason 2: {rejects[1]}")
check("UTF-8" in " ".join(rejects[2]["reasons"]), f"reason 3: {rejects[2]}")
check("duplicate key" in " ".join(rejects[3]["reasons"]) and "line 1" in " ".join(rejects[3]["reasons"]),
      f"reason 4: {rejects[3]}")

pdfs = sorted(glob.glob(os.path.join(out1, "records", "*", "*.pdf")))
check(len(pdfs) == 60, f"{len(pdfs)} per-record PDFs")
by_key = {e["key"]: e for e in entries if e["status"] == "delivered"}
for p in pdfs[:25]:
    q = subprocess.run(["qpdf", "--check", p], capture_output=True, text=True)
    check(q.returncode == 0 and "WARNING" not in q.stdout + q.stderr, f"qpdf: {p}: {q.stdout[-200:]}")
    key = os.path.basename(p)[:-4]
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", p], capture_output=True, text=True).stdout).group(1))
    check(pages == by_key[key]["pages"], f"{key}: pdfinfo {pages} != manifest {by_key[key]['pages']}")
    check(1 <= pages <= 3, f"{key}: {pages} pages")
    rec = next(x for x in records if x["id"] == key)
    text = subprocess.run(["pdftotext", "-layout", p, "-"], capture_output=True, text=True).stdout
    for i in range(1, pages + 1):
        check(f"Page {i} of {pages}" in text, f"{key}: no 'Page {i} of {pages}'")
    check(text.count("Description") == pages, f"{key}: table header on {text.count('Description')} of {pages} pages")
    flat = " ".join(text.split())
    for t in rec["account"]["transactions"]:
        check(" ".join(t["description"].split()) in flat or all(w in flat for w in t["description"].split()),
              f"{key}: description {t['description']!r} missing")
stream = glob.glob(os.path.join(out1, "print", "*.pdf"))
check(len(stream) == 1, f"stream files: {stream}")
spages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", stream[0]], capture_output=True, text=True).stdout).group(1))
check(spages == sum(e["pages"] for e in entries), f"stream pages {spages}")
q = subprocess.run(["qpdf", "--check", stream[0]], capture_output=True, text=True)
check(q.returncode == 0 and "WARNING" not in q.stdout, "qpdf on the stream")

# determinism: threads, TZ, LANG, cwd and output path do not change a byte
out2 = os.path.join(work, "elsewhere", "o2")
r = run("run", STATEMENT, "--data", data, "--out", out2, "--pdf-per-record", "--print-stream", "--channel", "print",
        "--threads", "2", "--max-rejects", "4", "--quiet", env={"TZ": "Asia/Tokyo", "LANG": "de_DE.UTF-8"}, cwd="/")
check(r.returncode == 0, f"second run: exit {r.returncode}")
check(digest(out1) == digest(out2), "outputs differ between 1 and 2 threads / TZ / LANG / cwd / path")

# too many rejects: exit 1; a fresh run refuses a folder that holds one
r = run("run", STATEMENT, "--data", data, "--out", os.path.join(work, "o3"), "--channel", "print", "--max-rejects", "3", "--quiet")
check(r.returncode == 1, f"max-rejects: exit {r.returncode}")
r = run("run", STATEMENT, "--data", data, "--out", out1, "--quiet")
check(r.returncode == 2 and "--resume" in r.stderr, f"reuse of an output folder: {r.returncode} {r.stderr}")

# without --channel, records choosing email or SMS get their message in the spool; totals count them
out4 = os.path.join(work, "o4")
r = run("run", STATEMENT, "--data", data, "--out", out4, "--max-rejects", "4", "--quiet")
entries = [json.loads(l) for l in open(os.path.join(out4, "manifest.jsonl"))]
t = entries[-1]["totals"]
unique = {x["id"]: x for x in reversed(records)}.values()  # the repeated key is rejected
want_email = sum(1 for x in unique if x["consent"]["email"] and x.get("email") and x["account"]["transactions"])
want_sms = sum(1 for x in unique if not (x["consent"]["email"] and x.get("email")) and x["consent"]["sms"]
               and x.get("phone") and x["account"]["transactions"])
check(t.get("messages") == {"email": want_email, "sms": want_sms} and "deferred" not in t, f"messages: {t}")
check(t["read"] == t["delivered"] + t["rejected"], f"totals reconcile: {t}")
spooled = [e for e in entries if e.get("channel") in ("email", "sms")]
check(all(e["status"] == "delivered" and len(e["outputs"]) == 1 and os.path.isfile(os.path.join(out4, e["outputs"][0]["file"]))
          for e in spooled), "every message is a file in the spool")
check(all(len(e["idempotency_key"]) == 64 for e in spooled), "every message has its idempotency key")

# standard input: a program with messages needs --run-id to name the cycle their keys derive from
stdin_text = open(os.path.join(work, "recs.jsonl"), encoding="utf-8", errors="replace").read().split("\n", 1)[1].split("\n", 1)[1]
r = run("run", STATEMENT, "--data", "-", "--out", os.path.join(work, "o6"), "--quiet", stdin=stdin_text)
check(r.returncode == 2 and "--run-id" in r.stderr, f"stdin without --run-id: {r.returncode} {r.stderr[-200:]}")
out5 = os.path.join(work, "o5")
r = run("run", STATEMENT, "--data", "-", "--out", out5, "--run-id", "2026-10-statements", "--quiet", stdin=stdin_text)
check(r.returncode in (0, 1) and os.path.exists(os.path.join(out5, "manifest.jsonl")), f"stdin: {r.returncode} {r.stderr[-200:]}")
finish()
