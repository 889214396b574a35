"""`missive eval`: exact closing balance (Python's decimal as the oracle) and the channel the rules choose."""
import json
import os
from decimal import Decimal

from common import STATEMENT, check, finish, generate, run, tempdir

work = tempdir()
data = os.path.join(work, "recs.jsonl")
generate(40, 5, data)
for n, line in enumerate(open(data, encoding="utf-8")):
    rec = json.loads(line)
    path = os.path.join(work, f"r{n}.json")
    open(path, "w", encoding="utf-8").write(line)
    r = run("eval", STATEMENT, "--data", path)
    check(r.returncode == 0, f"record {n}: exit {r.returncode}: {r.stderr[:200]}")
    out = json.loads(r.stdout, parse_float=Decimal)
    txns = rec["account"]["transactions"]
    opening = Decimal(rec["account"]["opening_balance"])
    money_in = sum((Decimal(t["amount"]) for t in txns if Decimal(t["amount"]) > 0), Decimal(0))
    money_out = sum((Decimal(t["amount"]) for t in txns if Decimal(t["amount"]) < 0), Decimal(0))
    closing = opening + money_in + money_out
    rules = out["rules"]
    check(Decimal(str(rules["closing"])) == closing, f"record {n}: closing {rules['closing']} != {closing}")
    check(str(rules["closing"]) == f"{closing:.2f}", f"record {n}: closing scale {rules['closing']}")
    check(Decimal(str(rules["money_in"])) == money_in, f"record {n}: money_in")
    check(Decimal(str(rules["money_out"])) == money_out, f"record {n}: money_out")
    running = opening
    for t, b in zip(txns, rules["balances"]):
        running += Decimal(t["amount"])
        check(Decimal(str(b)) == running, f"record {n}: running balance")
    c = rec.get("consent", {})
    want = ("email" if c.get("email") and rec.get("email") else "sms" if c.get("sms") and rec.get("phone")
            else "print" if rec.get("address") else "reject")
    check(out["channel"] == want, f"record {n}: channel {out['channel']} != {want}")
    check(out["rules"]["overdrawn"] == (closing < 0), f"record {n}: overdrawn")

# a rejected record names its reason; a schema violation names the field
empty = os.path.join(work, "empty.json")
open(empty, "w").write(json.dumps({"id": "X", "name": "A", "consent": {}, "account": {
    "number": "1", "currency": "EUR", "opening_balance": "1.00", "transactions": []}}))
r = run("eval", STATEMENT, "--data", empty)
out = json.loads(r.stdout)
check(out["rejected"] and out["reasons"] == ["statement has no transactions"], f"reject: {r.stdout}")
bad = os.path.join(work, "bad.json")
open(bad, "w").write(json.dumps({"id": "X", "name": "A", "consent": {}, "account": {
    "number": "1", "currency": "EUR", "opening_balance": "12,5O", "transactions": []}}))
r = run("eval", STATEMENT, "--data", bad)
out = json.loads(r.stdout)
check(out["rejected"] and any("/account/opening_balance" in x and "12,5O" in x for x in out["reasons"]),
      f"violation: {r.stdout}")
# --channel print on a record whose print condition is false rejects it, naming the condition
noaddr = os.path.join(work, "noaddr.json")
rec = json.loads(open(data, encoding="utf-8").readline())
rec.pop("address", None)
open(noaddr, "w").write(json.dumps(rec))
r = run("eval", STATEMENT, "--data", noaddr, "--channel", "print")
out = json.loads(r.stdout)
check(out["rejected"] and any("address != none" in x for x in out["reasons"]), f"forced channel: {r.stdout}")
finish()
