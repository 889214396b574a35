"""PDFs for records in en, de, fr and ar: the exact text comes back out of pdftotext (names, cities,
localized month and money) and MuPDF (names, cities), fonts are embedded subsets, pages match the
manifest."""
import json
import os
import re
import subprocess
import unicodedata

from common import ROOT, STATEMENT, check, finish, run, tempdir

BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def norm(s):
    return " ".join(unicodedata.normalize("NFC", s).translate(BIDI_CONTROLS).split())


work = tempdir()
records = [json.loads(l) for l in open(os.path.join(ROOT, "examples", "statement", "data", "statements.jsonl"), encoding="utf-8")]
chosen = {lang: next(r for r in records if r["language"] == lang) for lang in ("en", "de", "fr", "ar")}
data = os.path.join(work, "four.jsonl")
with open(data, "w", encoding="utf-8") as f:
    for r in chosen.values():
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
out = os.path.join(work, "out")
r = run("run", STATEMENT, "--data", data, "--out", out, "--pdf-per-record", "--channel", "print", "--quiet")
check(r.returncode == 0, f"run: {r.returncode} {r.stderr[-300:]}")
manifest = {e["key"]: e for e in map(json.loads, open(os.path.join(out, "manifest.jsonl"))) if "key" in e}

# what each locale's header and money look like (ICU 72): month names and the currency's placement
expected_month = {"en": "October 2026", "de": "Oktober 2026", "fr": "octobre 2026"}
for lang, rec in chosen.items():
    entry = manifest[rec["id"]]
    pdf = os.path.join(out, entry["outputs"][0]["file"])
    text = norm(subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout)
    for word in rec["name"].split() + rec["address"]["city"].split():
        check(norm(word) in text, f"{lang}: {word!r} not extracted")
    check(rec["account"]["number"] in text, f"{lang}: account number missing")
    # MuPDF too (it reads ToUnicode through the font's encoding CMap: pdf.md, "Glyph codes"); it
    # writes right-to-left text in visual order
    mu = norm(subprocess.run(["mutool", "draw", "-q", "-F", "txt", "-o", "-", pdf], capture_output=True, text=True).stdout)
    for word in rec["name"].split() + rec["address"]["city"].split():
        check(norm(word) in mu or norm(word)[::-1] in mu, f"{lang}: {word!r} not extracted by MuPDF")
    if lang in expected_month:
        check(f"Statement {expected_month[lang]}" in text, f"{lang}: header month: {text[:120]!r}")
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout).group(1))
    check(pages == entry["pages"], f"{lang}: pdfinfo {pages} != manifest {entry['pages']}")
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout.splitlines()[2:]
    check(fonts and all(re.search(r"\+DejaVuSans", l) and l.split()[-5:-2] == ["yes", "yes", "yes"] for l in fonts),
          f"{lang}: fonts not embedded subsets with ToUnicode: {fonts}")
# de: the amounts use the German separators and a space before the euro sign (ICU writes U+00A0; the
# space glyph stands for both, and a ToUnicode map gives one glyph one text, so readers return a space)
de = chosen["de"]
pdf = os.path.join(out, manifest[de["id"]]["outputs"][0]["file"])
raw = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
amount = de["account"]["transactions"][0]["amount"]
euros, cents = amount.lstrip("-").split(".")
check(re.search(r"-?" + euros + "," + cents + "[\u00a0 ]€", raw) is not None, f"de: amount {amount} not as 'x,yy €'")
finish()
