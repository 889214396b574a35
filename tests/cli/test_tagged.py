"""`missive run --tagged`: tagged PDF (PDF/UA) read back with real tools. The statement's table has TH
headers and TD cells in reading order, its header and footer are artifacts; the letter has an H1 heading
and its images' alt text; /Lang follows each record's locale; qpdf --check is clean, mutool draws every
file, two runs write the same bytes, and without --tagged nothing of it is written."""
import json
import os
import subprocess

from common import ROOT, STATEMENT, check, digest, finish, run, tempdir

LETTER = os.path.join(ROOT, "examples", "letter", "letter.msv")
STATEMENTS = os.path.join(ROOT, "examples", "statement", "data", "statements.jsonl")
LETTERS = os.path.join(ROOT, "examples", "letter", "data", "letters.jsonl")


def tool(*args):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=120)


def qpdf_clean(path):
    r = tool("qpdf", "--check", path)
    return r.returncode == 0 and "WARNING" not in r.stdout + r.stderr and "No syntax or stream encoding errors" in r.stdout


def objects(path):
    """qpdf's JSON objects of a file, and its catalog."""
    objs = json.loads(tool("qpdf", "--json=1", "--json-key=objects", path).stdout)["objects"]
    return objs, objs[objs["trailer"]["/Root"]]


def pdfs(folder):
    found = []
    for base, _, names in os.walk(folder):
        found += [os.path.join(base, n) for n in names if n.endswith(".pdf")]
    return sorted(found)


def first_lines(src, count, path):
    with open(src, encoding="utf-8") as f:
        lines = [line for line in f if line.strip()][:count]
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(lines)
    return [json.loads(line) for line in lines]


tmp = tempdir()

# ── the statement: five records, one file each and a print stream, twice ─────────────────────────────────
data = os.path.join(tmp, "statements.jsonl")
records = first_lines(STATEMENTS, 5, data)
outs = []
for name in ("a", "b"):
    out = os.path.join(tmp, name)
    r = run("run", STATEMENT, "--data", data, "--out", out, "--channel", "print", "--pdf-per-record",
            "--print-stream", "--tagged", "--quiet")
    check(r.returncode == 0, f"tagged statement run exits 0: {r.stderr}")
    outs.append(out)
check(digest(outs[0]) == digest(outs[1]), "two tagged runs write byte-identical files")
files = pdfs(outs[0])
check(len(files) == 6, f"5 record files and 1 stream chunk, found {len(files)}")
for path in files:
    check(qpdf_clean(path), f"qpdf --check is clean on {os.path.basename(path)}")
    draw = tool("mutool", "draw", "-q", "-o", "/dev/null", path)
    check(draw.returncode == 0, f"mutool draws {os.path.basename(path)}: {draw.stderr}")

first = records[0]
record_pdf = [p for p in files if os.path.basename(p) == first["id"] + ".pdf"]
check(len(record_pdf) == 1, f"a file for {first['id']}")
struct = tool("pdfinfo", "-struct-text", record_pdf[0]).stdout
lines = [line.strip() for line in struct.splitlines()]
check(lines[:2] == ["Document", "Part"], f"Document › Part at the top: {lines[:2]}")
# the table: its header row of TH cells with column scope, then a row of TD cells with the first transaction
table = lines.index("Table (block)") if "Table (block)" in lines else -1
check(table > 0, "the statement has a Table element")
head = lines[table + 1:table + 14]
check(head == ["TR", "TH:", "/Scope /Column", '"Date"', "TH:", "/Scope /Column", '"Description"', "TH:",
               "/Scope /Column", '"Amount"', "TH:", "/Scope /Column", '"Balance"'], f"the header row: {head}")
txn = first["account"]["transactions"][0]
row = lines[table + 14:table + 20]
check(row[:5] == ["TR", "TD", f'"{txn["date"]}"', "TD", f'"{txn["description"]}"'], f"the first body row: {row}")
# reading order: the address (a P) before the summary before the table; headers and footers are artifacts
check(lines.index(f'"{first["name"]}"') < lines.index('"Opening balance"') < table, "address, summary, table in order")
check(lines[lines.index(f'"{first["name"]}"') - 1] == "P (block)", "the name is a paragraph")
check('"Northwind Bank"' not in lines and not any(line.startswith('"Page ') for line in lines),
      "the page header and footer are not in the structure tree")
# every TR of the body has as many cells as the header (4)
rows = [i for i, line in enumerate(lines) if line == "TR"]
check(len(rows) == 1 + len(first["account"]["transactions"]), f"a TR per transaction and the header: {len(rows)}")

objs, catalog = objects(record_pdf[0])
check(catalog.get("/Lang") == first["language"], f"/Lang is the record's language: {catalog.get('/Lang')}")
check(catalog.get("/MarkInfo", {}).get("/Marked") is True, "/MarkInfo /Marked true")
check(catalog.get("/ViewerPreferences", {}).get("/DisplayDocTitle") is True, "the viewer shows the title")
meta = tool("pdfinfo", "-meta", record_pdf[0]).stdout
check("<pdfuaid:part>1</pdfuaid:part>" in meta, "XMP names PDF/UA-1")
check(f'<rdf:li xml:lang="x-default">{first["id"]}</rdf:li>' in meta, "XMP dc:title is the record's key")

# the stream: one Part per record, each with its record's language
stream = [p for p in files if "stream-" in p][0]
objs, catalog = objects(stream)
root = objs[catalog["/StructTreeRoot"]]
parts = objs[root["/K"]]["/K"]
check([objs[p]["/Lang"] for p in parts] == [r["language"] for r in records],
      f"each record's Part has its /Lang: {[objs[p].get('/Lang') for p in parts]}")
check(catalog.get("/Lang") == records[0]["language"], "the stream's /Lang is its first record's")

# ── the letter: a heading, images with alt text, a barcode's data as its alt ──────────────────────────────
letters = os.path.join(tmp, "letters.jsonl")
ada = first_lines(LETTERS, 1, letters)[0]
runs = []
for attempt in ("first", "second"):
    out = os.path.join(tmp, "letter-" + attempt)
    r = run("run", LETTER, "--data", letters, "--out", out, "--channel", "print", "--pdf-per-record", "--tagged",
            "--quiet")
    check(r.returncode == 0, f"tagged letter run ({attempt}) exits 0: {r.stderr}")
    runs.append(digest(out))
check(runs[0] == runs[1], "the tagged letter is the same bytes twice")
letter_pdf = pdfs(os.path.join(tmp, "letter-first"))[0]
check(qpdf_clean(letter_pdf), "the tagged letter passes qpdf --check")
lines = [line.strip() for line in tool("pdfinfo", "-struct-text", letter_pdf).stdout.splitlines()]
heading = f'"Payment reminder: invoice {ada["invoice"]["number"]}"'
check(heading in lines and lines[lines.index(heading) - 1] == "H1 (block)", "the title is an H1")
objs, catalog = objects(letter_pdf)
alts = [o.get("/Alt") for o in objs.values() if isinstance(o, dict) and o.get("/S") == "/Figure"]
reference = "NWE-" + ada["invoice"]["number"]
check(alts[0] == "Northwind Energy logo", f"the logo's alt text comes first: {alts}")
check(reference in alts, f"the Code 128 barcode says its data: {alts}")
check(alts[-1] == "Signature of the customer accounts team", f"the signature's alt text: {alts}")
check(len(alts) == 4 and all(alts), f"four figures, each with alt text: {alts}")
check(catalog.get("/Lang") == ada["language"], "the letter's /Lang")
footer = "Northwind Energy · 1 Harbour Road"
check(footer in tool("pdftotext", letter_pdf, "-").stdout and not any(footer in line for line in lines),
      "the footer is drawn but is an artifact")

# ── roles on boxes: a heading box, a `p` inside it, an artifact box, a rule and a table's repeated header ──
tpl = os.path.join(tmp, "roles.msv")
with open(tpl, "w", encoding="utf-8") as f:
    f.write('''communication K version "1"
schema { record R { id: String @key; rows: [Row] }  record Row { a: String } }
input R
style base { font: "DejaVu Sans"; size: 10pt }
style sub  { role: h2 }
style body { role: p }
style deco { role: artifact; background: #EEEEEE }
layout print {
  page A5 margin 15mm style base { header { text "Running head" } }
  column style sub { text "Section {id}"; text "Not a heading" style body }
  box style deco { text "Fine print on every letter" }
  line
  table rows as r { columns [1fr] header repeat { "Item" } row { r.a } }
  keep { table rows as r { columns [1fr] row { "kept {r.a}" } } }
}
''')
roles_data = os.path.join(tmp, "roles.jsonl")
with open(roles_data, "w", encoding="utf-8") as f:
    f.write(json.dumps({"id": "S1", "rows": [{"a": f"item {i}"} for i in range(60)]}) + "\n")
out = os.path.join(tmp, "roles")
r = run("run", tpl, "--data", roles_data, "--out", out, "--channel", "print", "--pdf-per-record", "--tagged", "--quiet")
check(r.returncode == 0, f"roles template runs: {r.stderr}")
roles_pdf = pdfs(out)
check(len(roles_pdf) == 1, f"one file for the roles template: {roles_pdf}")
if roles_pdf:
    lines = [line.strip() for line in tool("pdfinfo", "-struct-text", roles_pdf[0]).stdout.splitlines()]
    check(lines[2:6] == ["H2 (block)", '"Section S1"', "P (block)", '"Not a heading"'],
          f"a box's role makes its text H2; an own `role: p` wins: {lines[2:6]}")
    check('"Fine print on every letter"' not in lines and '"Running head"' not in lines,
          "artifact box and page header are left out")
    check(lines.count('"Item"') == 1, f"the repeated header row is in the tree once: {lines.count(chr(34) + 'Item' + chr(34))}")
    check(int(tool("pdfinfo", roles_pdf[0]).stdout.split("Pages:")[1].split()[0]) >= 2, "the table runs onto page 2")
    check(sum(1 for line in lines if line.startswith('"item ')) == 60, "all 60 rows are TD cells in the tree")
    # a kept box taller than a page is laid out a second time: its first attempt leaves no trace
    check(lines.count("Table (block)") == 2, f"two tables, no empty leftover: {lines.count('Table (block)')}")
    check(sum(1 for line in lines if line.startswith('"kept item ')) == 60, "the kept table's 60 cells, once each")
    check(lines.count("TD") == 120, f"120 TD cells in all: {lines.count('TD')}")
    check(qpdf_clean(roles_pdf[0]), "the roles file passes qpdf --check")

# ── PDF/A and PDF/UA together ─────────────────────────────────────────────────────────────────────────────
out = os.path.join(tmp, "pdfa")
r = run("run", LETTER, "--data", letters, "--out", out, "--channel", "print", "--pdf-per-record", "--tagged", "--pdfa",
        "--quiet")
check(r.returncode == 0, f"--tagged --pdfa exits 0: {r.stderr}")
meta = tool("pdfinfo", "-meta", pdfs(out)[0]).stdout
check("<pdfaid:part>2</pdfaid:part>" in meta and "<pdfuaid:part>1</pdfuaid:part>" in meta, "XMP names both parts")
check("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in meta, "pdfuaid is described by an extension schema")
check(qpdf_clean(pdfs(out)[0]), "the PDF/A + UA letter passes qpdf --check")

# ── without --tagged: no structure at all ─────────────────────────────────────────────────────────────────
out = os.path.join(tmp, "plain")
r = run("run", STATEMENT, "--data", data, "--out", out, "--channel", "print", "--pdf-per-record", "--quiet")
check(r.returncode == 0, f"untagged run exits 0: {r.stderr}")
for path in pdfs(out):
    objs, catalog = objects(path)
    check("/MarkInfo" not in catalog and "/StructTreeRoot" not in catalog and "/Metadata" not in catalog,
          f"no tagging in {os.path.basename(path)}")
    check("Tagged:          no" in tool("pdfinfo", path).stdout, "pdfinfo: not tagged")

finish()
