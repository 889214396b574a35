"""`missive run` with a letterhead (`page … background "letterhead.pdf"`): the statement template with the
option added, a letterhead made from PDF text with qpdf; a 3-record print stream stores the letterhead's
form once, every page shows its text and ours, and a missing letterhead stops the run naming the file.
Arguments: the missive binary, the repository root."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

MISSIVE = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(sys.argv[2])
EXAMPLE = os.path.join(ROOT, "examples", "statement")
FAILURES = []

LETTERHEAD = (
    "%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
    "2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1/MediaBox[0 0 595.276 841.89]>> endobj\n"
    "3 0 obj <</Type/Page/Parent 2 0 R/Resources<</Font<</H 5 0 R>>>>/Contents 4 0 R>> endobj\n"
    "4 0 obj <</Length 69>> stream\nBT /H 8 Tf 57 20 Td (Northwind Bank plc, Registered in Avalon) Tj ET\n"
    "endstream endobj\n"
    "5 0 obj <</Type/Font/Subtype/Type1/BaseFont/Helvetica>> endobj\n"
    "trailer <</Root 1 0 R>>\n%%EOF\n")


def check(cond, message):
    if not cond:
        FAILURES.append(message)
        print("FAIL:", message)


tmp = tempfile.mkdtemp(prefix="missive-letterhead-")
try:
    work = os.path.join(tmp, "statement")
    shutil.copytree(EXAMPLE, work)
    with open(os.path.join(tmp, "raw.pdf"), "w", encoding="latin-1") as f:
        f.write(LETTERHEAD)
    subprocess.run(["qpdf", os.path.join(tmp, "raw.pdf"), os.path.join(work, "letterhead.pdf")], capture_output=True)
    template = os.path.join(work, "statement.msv")
    with open(template, encoding="utf-8") as f:
        text = f.read()
    text, n = re.subn(r"page A4 margin 20mm ", 'page A4 margin 20mm background "letterhead.pdf" ', text, count=1)
    check(n == 1, "the statement's page block was found")
    with open(template, "w", encoding="utf-8") as f:
        f.write(text)
    data = os.path.join(tmp, "three.jsonl")
    with open(os.path.join(EXAMPLE, "data", "statements.jsonl"), encoding="utf-8") as f:
        lines = [line for line in f if line.strip()][:3]
    with open(data, "w", encoding="utf-8") as f:
        f.writelines(lines)

    r = subprocess.run([MISSIVE, "check", template], capture_output=True, text=True)
    check("error" not in r.stdout + r.stderr, "missive check accepts `background`: " + r.stdout + r.stderr)
    out = os.path.join(tmp, "out")
    # From another working directory: the path is relative to the template, not to the cwd.
    r = subprocess.run([MISSIVE, "run", template, "--data", data, "--out", out, "--print-stream", "--pdf-per-record",
                        "--channel", "print", "--quiet"], capture_output=True, text=True, cwd=tmp)
    check(r.returncode == 0, "the run exits 0: " + r.stderr)
    stream = os.path.join(out, "print", "stream-0001.pdf")
    c = subprocess.run(["qpdf", "--check", stream], capture_output=True, text=True)
    check(c.returncode == 0 and "WARNING" not in c.stdout, "qpdf --check is clean: " + c.stdout)
    npages = subprocess.run(["qpdf", "--show-npages", stream], capture_output=True, text=True).stdout.strip()
    pages = int(npages) if npages.isdigit() else 0
    check(pages >= 3, f"at least 3 pages, found {pages}")
    for p in range(1, pages + 1):
        t = subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", "-f", str(p), "-l", str(p), stream, "-"],
                           capture_output=True, text=True).stdout
        check("Northwind Bank plc, Registered in Avalon" in t, f"page {p} shows the letterhead")
        check("Closing balance" in t or "Balance" in t, f"page {p} shows our text")
    # The letterhead's form is stored once in the stream (qpdf's object listing of Form XObjects with its BBox).
    qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", stream, "-"], capture_output=True).stdout
    check(qdf.count(b"(Northwind Bank plc, Registered in Avalon)") == 1, "the letterhead's content is stored once")
    check(qdf.count(b"/BaseFont /Helvetica") == 1, "its font is copied once")

    # With --pdfa, a letterhead whose font is not embedded is named in a warning (the run still goes on).
    r = subprocess.run([MISSIVE, "run", template, "--data", data, "--out", os.path.join(tmp, "pdfa"), "--channel",
                        "print", "--quiet", "--pdfa"], capture_output=True, text=True)
    check(r.returncode == 0, "the --pdfa run exits 0: " + r.stderr)
    check("does not embed the font Helvetica: the files will not be PDF/A-2b" in r.stderr,
          "--pdfa warns about the letterhead's unembedded font: " + r.stderr)

    os.remove(os.path.join(work, "letterhead.pdf"))
    r = subprocess.run([MISSIVE, "run", template, "--data", data, "--out", os.path.join(tmp, "out2"), "--channel",
                        "print", "--quiet"], capture_output=True, text=True)
    check(r.returncode == 1, f"a missing letterhead exits 1, not {r.returncode}")
    check(f"cannot use the letterhead {work}/letterhead.pdf" in r.stderr, "the error names the file: " + r.stderr)
    check(re.search(r"statement\.msv:\d+:\d+: error: ", r.stderr) is not None, "the error points at the option")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

print("letterhead cli:", "FAILED" if FAILURES else "ok", len(FAILURES), "failures")
sys.exit(1 if FAILURES else 0)
