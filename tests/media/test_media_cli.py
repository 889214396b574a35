"""End-to-end checks of images and barcodes through `missive`: the letter example (check, per-record
files, a print stream that holds each image once), computed image paths that reject only their record,
a missing literal image as a program error, and barcode data a symbology cannot carry.
Usage: test_media_cli.py MISSIVE ROOT"""
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

MISSIVE = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(sys.argv[2])
LETTER = os.path.join(ROOT, "examples", "letter", "letter.msv")
LETTERS = os.path.join(ROOT, "examples", "letter", "data", "letters.jsonl")
FAILURES = []


def run(*args, cwd=None):
    return subprocess.run([MISSIVE, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def check(cond, message):
    if not cond:
        FAILURES.append(message)
        print("FAIL:", message)


def png(path, width, height, rgb):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def lines(path):
    """The record entries of a manifest or rejects file (not its closing summary)."""
    with open(path, encoding="utf-8") as f:
        return [e for e in (json.loads(line) for line in f if line.strip()) if "key" in e]


def pdfimages(path):
    out = subprocess.run(["pdfimages", "-list", path], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


tmp = tempfile.mkdtemp(prefix="missive-media-")
try:
    # the example checks clean
    r = run("check", LETTER)
    check(r.returncode == 0 and r.stdout == "" and r.stderr == "", f"letter check: {r.returncode} {r.stdout}{r.stderr}")

    # per-record archive copies: each has the logo (+ its mask) and the signature JPEG
    out = os.path.join(tmp, "records")
    r = run("run", LETTER, "--data", LETTERS, "--out", out, "--pdf-per-record", "--channel", "print", "--quiet")
    check(r.returncode == 0, f"letter run: {r.returncode} {r.stderr}")
    manifest = lines(os.path.join(out, "manifest.jsonl"))
    check(len(manifest) == 20 and all(m["status"] == "delivered" for m in manifest),
          f"20 letters delivered: {[(m['key'], m['status']) for m in manifest]}")
    first = os.path.join(out, manifest[0]["outputs"][0]["file"])
    images = pdfimages(first)
    check([(i[2], i[3], i[4], i[8]) for i in images] ==
          [("image", "160", "48", "image"), ("smask", "160", "48", "image"), ("image", "200", "60", "jpeg")],
          f"images of one letter: {images}")
    q = subprocess.run(["qpdf", "--check", first], capture_output=True, text=True)
    check(q.returncode == 0 and "WARNING" not in q.stdout + q.stderr, f"qpdf --check letter: {q.stdout}{q.stderr}")

    # a print stream of 20 letters: one logo, one mask, one JPEG in the whole file
    out = os.path.join(tmp, "stream")
    r = run("run", LETTER, "--data", LETTERS, "--out", out, "--print-stream", "--channel", "print", "--quiet")
    check(r.returncode == 0, f"letter stream: {r.returncode} {r.stderr}")
    chunks = sorted(f for f in os.listdir(os.path.join(out, "print")) if f.endswith(".pdf"))
    check(chunks == ["stream-0001.pdf"], f"one chunk: {chunks}")
    stream = os.path.join(out, "print", "stream-0001.pdf")
    data = open(stream, "rb").read()
    check(data.count(b"/Subtype/Image") == 3, f"image objects in the stream: {data.count(b'/Subtype/Image')}")
    images = pdfimages(stream)
    check(len(images) == 60, f"60 image uses on 20 pages: {len(images)}")
    check(len({i[10] for i in images}) == 2, f"two image objects drawn: {sorted({i[10] for i in images})}")
    npages = subprocess.run(["qpdf", "--show-npages", stream], capture_output=True, text=True).stdout.strip()
    check(npages == "20", f"stream pages: {npages}")

    # a computed path: a missing file rejects only its record
    work = os.path.join(tmp, "computed")
    os.makedirs(os.path.join(work, "img"))
    png(os.path.join(work, "img", "ada.png"), 4, 2, (200, 0, 0))
    png(os.path.join(work, "img", "cy.png"), 2, 2, (0, 0, 200))
    with open(os.path.join(work, "t.msv"), "w") as f:
        f.write('communication T version "1"\n'
                'schema { record R { id: String @key; who: String; code: String } }\n'
                'input R\n'
                'layout print {\n'
                '  page A4 margin 20mm {}\n'
                '  image "img/{who}.png" width 20mm\n'
                '  barcode code128 code width 60mm\n'
                '}\n'
                'channels { print }\n')
    with open(os.path.join(work, "d.jsonl"), "w") as f:
        for rec in ({"id": "1", "who": "ada", "code": "A1"}, {"id": "2", "who": "bob", "code": "B2"},
                    {"id": "3", "who": "cy", "code": "C3"}, {"id": "4", "who": "ada", "code": "Price 5 €"}):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    out = os.path.join(tmp, "computed-out")
    # run from another directory: paths are relative to the template, not the working directory
    r = run("run", os.path.join(work, "t.msv"), "--data", os.path.join(work, "d.jsonl"), "--out", out,
            "--print-stream", "--max-rejects", "5", "--quiet", cwd=tmp)
    check(r.returncode == 0, f"computed run: {r.returncode} {r.stderr}")
    manifest = {m["key"]: m for m in lines(os.path.join(out, "manifest.jsonl"))}
    check([manifest[k]["status"] for k in "1234"] == ["delivered", "rejected", "delivered", "rejected"],
          f"statuses: {[manifest[k]['status'] for k in '1234']}")
    rejects = {j["key"]: j for j in lines(os.path.join(out, "rejects.jsonl"))}
    reason = " ".join(rejects.get("2", {}).get("reasons", []))
    expected = "image `img/bob.png` not found (looked in " + os.path.join(work, "img") + ")"
    check(reason.endswith(expected) and re.search(r"t\.msv:6:\d+: ", reason), f"missing image reason: {reason!r}")
    reason = " ".join(rejects.get("4", {}).get("reasons", []))
    check("cannot encode \"Price 5 €\" as code128: Error 204: Invalid character in input data (ISO/IEC 8859-1 only)"
          in reason, f"bad barcode reason: {reason!r}")
    stream = os.path.join(out, "print", "stream-0001.pdf")
    images = pdfimages(stream)
    check([(i[0], i[3], i[4]) for i in images] == [("1", "4", "2"), ("2", "2", "2")], f"computed images: {images}")

    # computed images loaded in whatever order threads reach them: the same bytes
    outputs = []
    for threads in ("1", "2"):
        o = os.path.join(tmp, "threads-" + threads)
        run("run", os.path.join(work, "t.msv"), "--data", os.path.join(work, "d.jsonl"), "--out", o, "--print-stream",
            "--max-rejects", "5", "--quiet", "--threads", threads)
        outputs.append(open(os.path.join(o, "print", "stream-0001.pdf"), "rb").read())
    check(outputs[0] == outputs[1] == open(stream, "rb").read(), "stream bytes independent of the thread count")

    # a literal path that does not exist stops the program before any record
    with open(os.path.join(work, "bad.msv"), "w") as f:
        f.write('communication T version "1"\n'
                'schema { record R { id: String @key } }\n'
                'input R\n'
                'layout print { image "img/nope.png" }\n'
                'channels { print }\n')
    r = run("run", os.path.join(work, "bad.msv"), "--data", os.path.join(work, "d.jsonl"), "--out",
            os.path.join(tmp, "bad-out"), "--quiet")
    check(r.returncode == 1, f"missing literal image exit: {r.returncode}")
    check("error[M0901]: image `img/nope.png` not found (looked in " + os.path.join(work, "img") + ")" in r.stderr,
          f"missing literal image message: {r.stderr}")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

if FAILURES:
    print(f"{len(FAILURES)} failed")
    sys.exit(1)
print("all checks passed")
