"""Emails as users meet them: every .eml of a statement run parsed back by Python's `email` package
(policy.default) for English, German, French and Arabic records; headers, parts, the customer's name
and closing balance in both bodies, the PDF attachment; HTML escaping, header injection and URL
schemes refused with the record's reason; bytes that do not depend on the thread count."""
import email
import glob
import json
import os
import re
import subprocess
from decimal import Decimal
from email import policy

from common import STATEMENT, check, digest, finish, generate, run, tempdir

work = tempdir()
data = os.path.join(work, "recs.jsonl")
generate(120, 21, data)
records = [json.loads(l) for l in open(data, encoding="utf-8")]
# every record opts in to email so that each language has emails
for i, r in enumerate(records):
    r["consent"]["email"] = True
    r["email"] = r.get("email") or f"customer{i}@example.org"
records[0]["name"] = "<script>alert(1)</script> O'Brien & Söhne"
open(data, "w", encoding="utf-8").write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
languages = {r["language"] for r in records}
check({"en", "de", "fr", "ar"} <= languages, f"the set covers en/de/fr/ar: {languages}")

out = os.path.join(work, "o")
r = run("run", STATEMENT, "--data", data, "--out", out, "--run-id", "2026-10-statements", "--quiet")
check(r.returncode == 0, f"run: exit {r.returncode}: {r.stderr[-400:]}")
entries = [json.loads(l) for l in open(os.path.join(out, "manifest.jsonl"))]
totals = entries.pop()["totals"]
check(totals["messages"] == {"email": len(records)} and totals["delivered"] == len(records), f"totals: {totals}")

ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def digits(s):
    return re.sub(r"[^0-9]", "", s.translate(ARABIC_DIGITS))


by_id = {r["id"]: r for r in records}
seen_languages = set()
for e in entries:
    rec = by_id[e["key"]]
    path = os.path.join(out, e["outputs"][0]["file"])
    raw = open(path, "rb").read()
    where = f"{e['key']} ({rec['language']})"
    check(b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), f"{where}: CRLF line ends only")
    check(max(len(l) for l in raw.split(b"\r\n")) <= 998, f"{where}: lines within 998")
    m = email.message_from_bytes(raw, policy=policy.default)
    check(not m.defects and all(not p.defects for p in m.walk()), f"{where}: MIME defects {m.defects}")
    check(m.get_content_type() == "multipart/mixed", f"{where}: {m.get_content_type()}")
    types = [p.get_content_type() for p in m.walk()]
    check(types == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "application/pdf"],
          f"{where}: parts {types}")
    check(m["To"].addresses[0].addr_spec == rec["email"], f"{where}: To {m['To']}")
    check(m["From"].addresses[0].addr_spec == "statements@northwind.example", f"{where}: From {m['From']}")
    check(m["Reply-To"].addresses[0].addr_spec == "help@northwind.example", f"{where}: Reply-To")
    check(m["Date"] is None, f"{where}: the spool has no Date")
    check(m["Message-ID"] == f"<{e['idempotency_key'][:32]}@northwind.example>", f"{where}: Message-ID {m['Message-ID']}")
    check(m["List-Unsubscribe"] == f"<https://northwind.example/unsubscribe/{rec['id']}>", f"{where}: List-Unsubscribe")
    check(m["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click", f"{where}: one-click")
    check("statement" in m["Subject"], f"{where}: Subject {m['Subject']}")
    text = m.get_body(("plain",)).get_content()
    html = m.get_body(("html",)).get_content()
    first = rec["name"].split()[0]
    check(first in text and (first in html or "&lt;script&gt;" in html), f"{where}: the name in both parts")
    closing = Decimal(rec["account"]["opening_balance"]) + sum(Decimal(t["amount"]) for t in rec["account"]["transactions"])
    want = digits(f"{abs(closing):.2f}")
    text_line = next((l for l in text.splitlines() if l.startswith("Closing balance")), "")
    check(digits(text_line) == want, f"{where}: closing balance {want} in the text part: {text_line!r}")
    html_row = html[html.find("Closing balance"):][:400]
    check(want in digits(re.sub(r"<[^>]+>", "", html_row)[:80]), f"{where}: closing balance {want} in the HTML")
    check(f'lang="{rec["language"]}" dir="{"rtl" if rec["language"] == "ar" else "ltr"}"' in html, f"{where}: lang/dir")
    pdf = next(p for p in m.walk() if p.get_content_type() == "application/pdf")
    name = pdf.get_filename() or ""  # the month in the locale's digits (RFC 2231 when not ASCII)
    check(name.startswith("statement-") and digits(name) == "202610" and pdf.get_content().startswith(b"%PDF-"),
          f"{where}: the attached PDF {name!r}")
    seen_languages.add(rec["language"])
    if rec is records[0]:
        check("<script>alert(1)</script> O'Brien & Söhne" in text, "the text part holds the name as written")
        check("<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; O&#39;Brien &amp; Söhne" in html,
              "the HTML escapes the name")
        pdf_path = os.path.join(work, "first.pdf")
        open(pdf_path, "wb").write(pdf.get_content())
        q = subprocess.run(["qpdf", "--check", pdf_path], capture_output=True, text=True)
        check(q.returncode == 0, f"qpdf --check of the attachment: {q.stdout[-200:]}")
check({"en", "de", "fr", "ar"} <= seen_languages, f"emails checked in {seen_languages}")

# the same bytes on 2 threads, and again: the spool is deterministic
out2 = os.path.join(work, "o2")
r = run("run", STATEMENT, "--data", data, "--out", out2, "--run-id", "2026-10-statements", "--threads", "2", "--quiet")
check(r.returncode == 0 and digest(out, (".eml",)) == digest(out2, (".eml",)), "emails identical on 1 and 2 threads")
# another cycle: other keys, other Message-IDs
out3 = os.path.join(work, "o3")
r = run("run", STATEMENT, "--data", data, "--out", out3, "--run-id", "2026-11-statements", "--quiet")
keys3 = [json.loads(l).get("idempotency_key") for l in open(os.path.join(out3, "manifest.jsonl"))][:-1]
check(not set(keys3) & {e["idempotency_key"] for e in entries}, "another --run-id gives other idempotency keys")

# header injection, URL schemes: the record is rejected with the reason; the others go on
tpl = os.path.join(work, "inject.msv")
open(tpl, "w", encoding="utf-8").write('''communication Inject version "1"
schema { record R { id: String @key; name: String; email: Email; url: String } }
input R
layout email {
  subject "Hello {name}"
  from "Northwind <n@northwind.example>"
  body { text "Dear {name}"; link "Open" to url }
}
channels { email to email }
''')
rows = [{"id": "ok", "name": "Ada", "email": "a@example.org", "url": "https://northwind.example/x"},
        {"id": "crlf", "name": "Ada\r\nBcc: everyone@example.org", "email": "b@example.org", "url": "https://x.example"},
        {"id": "js", "name": "Bob", "email": "c@example.org", "url": "javascript:alert(1)"},
        {"id": "quote", "name": "Cy", "email": "d@example.org", "url": "https://x.example/\"onmouseover=alert(1)"}]
rdata = os.path.join(work, "inject.jsonl")
open(rdata, "w").write("".join(json.dumps(x) + "\n" for x in rows))
r = run("run", tpl, "--data", rdata, "--out", os.path.join(work, "inj"), "--max-rejects", "3", "--quiet")
check(r.returncode == 0, f"injection run: exit {r.returncode} {r.stderr[-300:]}")
rejects = {x["key"]: " ".join(x["reasons"]) for x in map(json.loads, open(os.path.join(work, "inj", "rejects.jsonl")))}
check(set(rejects) == {"crlf", "js", "quote"}, f"rejected: {rejects}")
check("`subject` contains a line break" in rejects.get("crlf", ""), f"CR/LF: {rejects.get('crlf')}")
check("inject.msv:7:" in rejects.get("js", "") and "scheme `javascript:`" in rejects.get("js", ""), f"js: {rejects.get('js')}")
check("contains `\"`" in rejects.get("quote", ""), f"quote: {rejects.get('quote')}")
emls = glob.glob(os.path.join(work, "inj", "email", "*", "*.eml"))
check(len(emls) == 1 and "Bcc" not in open(emls[0], encoding="utf-8").read(), "only the clean email is written")

# an email whose fixed part alone is over 90 KB: a warning when the program is built
big = os.path.join(work, "big.msv")
open(big, "w", encoding="utf-8").write(open(tpl, encoding="utf-8").read().replace(
    'body { text "Dear {name}"', 'body { text "Dear {name}"; text "' + "Terms and conditions apply. " * 3500 + '"'))
open(os.path.join(work, "one.json"), "w").write(json.dumps(rows[0]))
r = run("eval", big, "--data", os.path.join(work, "one.json"))
check(r.returncode == 0 and "warning[M0412]" in r.stderr and "Gmail clips" in r.stderr, f"M0412: {r.stderr[-300:]}")
check("warning[M0412]" not in run("eval", tpl, "--data", os.path.join(work, "one.json")).stderr, "no M0412 when small")

finish()
