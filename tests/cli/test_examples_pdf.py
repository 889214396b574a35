"""Every example's PDFs, as issue 5 asks: `missive run` of each example over its sample data, one PDF
per record and the print stream; every file passes `qpdf --check` without warnings and is drawn by
mutool; `pdffonts` shows only embedded subsets with ToUnicode maps; `pdfinfo` page counts match the
manifest (per file, per record's stream range, and the totals); the print stream's text holds each
record's name in its language (en, de, fr, ar for the statement), and two runs write the same bytes."""
import json
import os
import re
import subprocess
import unicodedata

from common import ROOT, check, digest, finish, run, tempdir

EXAMPLES = {
    "statement": ("statement.msv", "statements.jsonl"),
    "letter": ("letter.msv", "letters.jsonl"),
}


def tool(*args):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=120)


def pages_of(path):
    m = re.search(r"^Pages:\s+(\d+)", tool("pdfinfo", path).stdout, re.M)
    return int(m.group(1)) if m else -1


def normal(text):
    # readers print no-break spaces as spaces (docs/pdf.md); compare without them
    return unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u202f", " ")


for name, (template, data) in EXAMPLES.items():
    src = os.path.join(ROOT, "examples", name, template)
    records_path = os.path.join(ROOT, "examples", name, "data", data)
    with open(records_path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    outs = []
    for attempt in range(2):
        out = os.path.join(tempdir(), "out")
        r = run("run", src, "--data", records_path, "--out", out, "--channel", "print", "--print-stream",
                "--pdf-per-record", "--threads", "2", "--quiet")
        check(r.returncode == 0, f"{name}: missive run exits 0 ({r.returncode}: {r.stderr[-300:]})")
        outs.append(out)
    out = outs[0]
    check(digest(outs[0]) == digest(outs[1]), f"{name}: two runs write the same bytes")

    lines = [json.loads(line) for line in open(os.path.join(out, "manifest.jsonl"), encoding="utf-8")]
    entries, totals = lines[:-1], lines[-1]["totals"]
    check(len(entries) == len(records) and totals["delivered"] == len(records),
          f"{name}: every record delivered ({totals})")
    files = {}
    for e in entries:
        for o in e.get("outputs", []):
            files[o["file"]] = o["pages"]
        files.setdefault(e["stream"]["file"], 0)
        files[e["stream"]["file"]] += e["stream"]["pages"]
    stream_pages = 0
    for rel, pages in sorted(files.items()):
        path = os.path.join(out, rel)
        q = tool("qpdf", "--check", path)
        check(q.returncode == 0 and "WARNING" not in q.stdout + q.stderr, f"{name}: qpdf --check clean on {rel}")
        d = tool("mutool", "draw", "-q", "-o", "/dev/null", path)
        # Debian's mutool is built without lcms2: it notes so for the letter's ICC-tagged JPEG
        complaints = [l for l in d.stderr.splitlines() if l.strip() and "ICC support is not available" not in l]
        check(d.returncode == 0 and not complaints, f"{name}: mutool draws {rel}: {complaints[:3]}")
        check(pages_of(path) == pages, f"{name}: pdfinfo pages of {rel} = {pages} as in the manifest")
        fonts = tool("pdffonts", path).stdout.splitlines()[2:]
        check(fonts, f"{name}: {rel} has fonts")
        for row in fonts:
            cols = row.split()
            # name type... emb sub uni object ID: the three yes/no columns come before the object number
            emb, sub, uni = cols[-5], cols[-4], cols[-3]
            check(emb == sub == uni == "yes" and re.match(r"^[A-Z]{6}\+", cols[0]),
                  f"{name}: {rel}: font {cols[0]} embedded as a subset with ToUnicode")
        if rel.startswith("print/"):
            stream_pages += pages
    check(stream_pages == totals["pages"]["print"], f"{name}: stream pages = total print pages ({stream_pages})")
    print(f"{name}: {len(records)} records, {len(files)} PDFs, {totals['pages']['print']} pages checked")

    # every record's name is in the print stream's text, within its page range
    stream_files = sorted(p for p in files if p.startswith("print/"))
    texts = {rel: normal(tool("pdftotext", "-layout", os.path.join(out, rel), "-").stdout).split("\f")
             for rel in stream_files}
    languages = set()
    for record, e in zip(records, entries):
        first, count = e["stream"]["first_page"], e["stream"]["pages"]
        pages = texts[e["stream"]["file"]][first - 1:first - 1 + count]
        wanted = normal(record["name"])
        found = any(wanted in p for p in pages) or (
            # right-to-left names come out in logical order by words; compare the words
            all(w in " ".join(pages) for w in wanted.split()))
        check(found, f"{name}: line {e['line']}: the name {wanted!r} is on its pages {first}-{first + count - 1}")
        languages.add(record.get("language"))
    if name == "statement":
        check({"en", "de", "fr", "ar"} <= languages, f"statement: records in en, de, fr and ar ({languages})")

finish()
