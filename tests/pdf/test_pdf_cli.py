"""`missive run` end to end for the PDF options: a record's one-record PDF is the same bytes alone and in a
batch (prepared font subsets), and --pdfa files carry the XMP packet and the sRGB output intent.
Arguments: the missive binary, the repository root."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

MISSIVE = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(sys.argv[2])
STATEMENT = os.path.join(ROOT, "examples", "statement", "statement.msv")
DATA = os.path.join(ROOT, "examples", "statement", "data", "statements.jsonl")
FAILURES = []


def check(cond, message):
    if not cond:
        FAILURES.append(message)
        print("FAIL:", message)


def run(data, out, *extra):
    return subprocess.run([MISSIVE, "run", STATEMENT, "--data", data, "--out", out, "--channel", "print", "--quiet",
                           *extra], capture_output=True, text=True, timeout=300)


def record_files(out):
    found = {}
    for folder, _, names in os.walk(os.path.join(out, "records")):
        for name in names:
            with open(os.path.join(folder, name), "rb") as f:
                found[name] = f.read()
    return found


def qpdf_clean(path):
    r = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
    return r.returncode == 0 and "WARNING" not in r.stdout + r.stderr and "No syntax or stream encoding errors" in r.stdout


tmp = tempfile.mkdtemp(prefix="missive-pdf-cli-")
try:
    with open(DATA, encoding="utf-8") as f:
        lines = [line for line in f if line.strip()]
    # Ten records, among them one with Arabic text (its Arabic font is subset per file) and Latin ones.
    arabic = [i for i, line in enumerate(lines) if "\u0627" in line][:1]
    chosen = sorted(set(list(range(9)) + arabic))
    batch = os.path.join(tmp, "ten.jsonl")
    with open(batch, "w", encoding="utf-8") as f:
        f.writelines(lines[i] for i in chosen)
    r = run(batch, os.path.join(tmp, "ten"), "--pdf-per-record", "--threads", "2")
    check(r.returncode == 0, "the 10-record run exits 0: " + r.stderr)
    ten = record_files(os.path.join(tmp, "ten"))
    check(len(ten) == len(chosen), f"{len(chosen)} per-record files, found {len(ten)}")
    for k, i in enumerate([chosen[0], chosen[4]] + arabic):
        single = os.path.join(tmp, f"one{k}.jsonl")
        with open(single, "w", encoding="utf-8") as f:
            f.write(lines[i])
        r = run(single, os.path.join(tmp, f"one{k}"), "--pdf-per-record")
        check(r.returncode == 0, "the 1-record run exits 0: " + r.stderr)
        one = record_files(os.path.join(tmp, f"one{k}"))
        check(len(one) == 1, "one per-record file")
        for name, data in one.items():
            check(ten.get(name) == data, f"line {i + 1}: {name} alone = {name} in the batch of 10")
            path = os.path.join(tmp, f"one{k}", name)
            with open(path, "wb") as f:
                f.write(data)
            check(qpdf_clean(path), f"{name}: qpdf --check is clean")

    # PDF/A-2b: both outputs carry the metadata and the output intent.
    r = run(batch, os.path.join(tmp, "pdfa"), "--pdf-per-record", "--print-stream", "--pdfa")
    check(r.returncode == 0, "the --pdfa run exits 0: " + r.stderr)
    stream = os.path.join(tmp, "pdfa", "print", "stream-0001.pdf")
    name = sorted(record_files(os.path.join(tmp, "pdfa")))[0]
    record = [os.path.join(d, name) for d, _, n in os.walk(os.path.join(tmp, "pdfa", "records")) if name in n][0]
    for path, title in ((stream, "Missive print stream"), (record, name[:-4])):
        check(qpdf_clean(path), f"{path}: qpdf --check is clean")
        doc = json.loads(subprocess.run(["qpdf", "--json=1", "--json-key=objects", path], capture_output=True,
                                        text=True).stdout)["objects"]
        catalog = doc[doc["trailer"]["/Root"]]
        check(doc[catalog["/Metadata"]]["/Subtype"] == "/XML", f"{path}: XMP metadata stream")
        intent = catalog["/OutputIntents"][0]
        check(intent["/S"] == "/GTS_PDFA1" and intent["/OutputConditionIdentifier"] == "sRGB IEC61966-2.1",
              f"{path}: sRGB output intent")
        check(doc[intent["/DestOutputProfile"]]["/N"] == 3, f"{path}: RGB ICC profile")
        meta = subprocess.run(["pdfinfo", "-meta", path], capture_output=True, text=True).stdout
        check("<pdfaid:part>2</pdfaid:part>" in meta and "<pdfaid:conformance>B</pdfaid:conformance>" in meta,
              f"{path}: pdfaid part 2, conformance B")
        check(f'<rdf:li xml:lang="x-default">{title}</rdf:li>' in meta, f"{path}: dc:title {title}")
        info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
        check("Date" not in info, f"{path}: no dates")
    # Without --pdfa there is neither.
    plain = next(iter(record_files(os.path.join(tmp, "one0")).values()))
    check(b"/OutputIntents" not in plain and b"/Metadata" not in plain, "no PDF/A parts without --pdfa")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

print("pdf cli:", "FAILED" if FAILURES else "ok", len(FAILURES), "failures")
sys.exit(1 if FAILURES else 0)
