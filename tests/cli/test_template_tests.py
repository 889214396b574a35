"""`missive test`: the statement's own tests pass; wrong expectations fail with their reasons and exit 1."""
import os
import shutil

from common import ROOT, STATEMENT, check, finish, run, tempdir

r = run("test", STATEMENT)
check(r.returncode == 0 and "4 passed, 0 failed" in r.stdout, f"statement tests: {r.returncode} {r.stdout}")
r = run("test", os.path.join(ROOT, "examples", "letter", "letter.msv"))
check(r.returncode == 0 and "2 passed, 0 failed" in r.stdout, f"letter tests: {r.returncode} {r.stdout}")

work = tempdir()
shutil.copytree(os.path.join(ROOT, "examples", "statement"), os.path.join(work, "statement"))
src = os.path.join(work, "statement", "statement.msv")
text = open(src, encoding="utf-8").read()
text = text.replace("  expect closing == 7.50", "  expect closing == 7.49")
text = text.replace('expect reject "statement has no transactions"', 'expect reject "no transactions"')
text = text.replace("  expect pages == 1", "  expect pages == 2")
text = text.replace("  expect segments == 1", "  expect segments == 2")
open(src, "w", encoding="utf-8").write(text)
r = run("test", src)
out = r.stdout
check(r.returncode == 1, f"failing tests: exit {r.returncode}")
check("0 passed, 4 failed" in out, f"counts: {out}")
check("expectation `closing == 7.49` is false" in out, f"value: {out}")
check('expected the reject reason "no transactions", got: statement has no transactions' in out, f"reject: {out}")
check("expected 2 pages, got 1" in out, f"pages: {out}")
check("expected 2 segments, got 1 (GSM-7, 54 units)" in out, f"segments: {out}")

# a message's html, subject and text are searched
text = open(STATEMENT, encoding="utf-8").read().replace('expect html contains "View your account"',
                                                         'expect html contains "View your acount"')
open(src, "w", encoding="utf-8").write(text.replace('expect subject contains "October 2026"',
                                                    'expect subject contains "November"'))
r = run("test", src)
check(r.returncode == 1 and 'the subject of the email does not contain "November"' in r.stdout, f"subject: {r.stdout}")
open(src, "w", encoding="utf-8").write(text)
r = run("test", src)
check(r.returncode == 1 and 'the html of the email does not contain "View your acount"' in r.stdout, f"html: {r.stdout}")
finish()
