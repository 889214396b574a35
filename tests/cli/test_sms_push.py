"""SMS and push as users meet them: the spool's JSON against an independent GSM-7/UCS-2 oracle, the
segment budget (next channel or reject, with the reason in the manifest), a fixed text over budget
refused at compile time, push payloads in FCM v1 / APNs shape within 4096 bytes, absent or invalid
recipients making a channel ineligible."""
import json
import os

from common import check, finish, run, tempdir

GSM = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
EXT = set("^{}\\[~]|€\f")


def oracle(text):
    """encoding, segments: GSM-7 with the extension table counting two, else UTF-16 units."""
    if all(c in GSM or c in EXT for c in text):
        n = sum(2 if c in EXT else 1 for c in text)
        return "GSM-7", 1 if n <= 160 else -(-n // 153)
    n = sum(2 if ord(c) > 0xFFFF else 1 for c in text)
    return "UCS-2", 1 if n <= 70 else -(-n // 67)


work = tempdir()
TEMPLATE = '''communication Notice version "1"
schema { record R { id: String @key; name: String; phone: String?; token: String? } }
input R
layout push {
  title "Your statement is ready"
  body { "Hello {name}, tap to open it." }
  data { doc: id }
  collapse "statement"
  ttl 86400
}
layout sms max 2 segments%s { "Hello {name}, your statement is ready. Northwind" }
layout print { text "Dear {name}" }
channels {
  push to token
  sms to phone
  print
}
'''
tpl = os.path.join(work, "notice.msv")
open(tpl, "w", encoding="utf-8").write(TEMPLATE % "")
rows = [
    {"id": "p1", "name": "Ada", "token": "fcm-token-1", "phone": "+447700900001"},
    {"id": "s1", "name": "Grace", "phone": "+447700900002"},
    {"id": "s2", "name": "Zoë {€} [x] ~^|\\", "phone": "+447700900003"},
    {"id": "s3", "name": "It’s Renée", "phone": "+447700900004"},
    {"id": "s4", "name": "Émile 👍🏽 محمد", "phone": "+447700900005"},
    {"id": "s5", "name": "x" * 300, "phone": "+447700900006"},       # 3 GSM-7 segments: over budget
    {"id": "s6", "name": "Bad number", "phone": "07700900007"},    # not E.164: sms ineligible
    {"id": "s7", "name": "A" * 4100, "token": "fcm-token-2"},       # a push payload over 4096 bytes
]
data = os.path.join(work, "rows.jsonl")
open(data, "w", encoding="utf-8").write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
out = os.path.join(work, "o")
r = run("run", tpl, "--data", data, "--out", out, "--max-rejects", "1", "--quiet")
check(r.returncode == 0, f"run: exit {r.returncode} {r.stderr[-300:]}")
entries = {e["key"]: e for e in map(json.loads, open(os.path.join(out, "manifest.jsonl"))) if "key" in e}
channels = {k: e["channel"] for k, e in entries.items()}
check(channels == {"p1": "push", "s1": "sms", "s2": "sms", "s3": "sms", "s4": "sms", "s5": "print", "s6": "print",
                   "s7": None}, f"channels: {channels}")

for key in ("s1", "s2", "s3", "s4"):
    e = entries[key]
    spooled = json.load(open(os.path.join(out, e["outputs"][0]["file"]), encoding="utf-8"))
    text = spooled["text"]
    want = oracle(text)
    check((e["encoding"], e["segments"]) == want and (spooled["encoding"], spooled["segments"]) == want,
          f"{key}: {e['encoding']}/{e['segments']} vs the oracle's {want}")
    check(e["text"] == text and "".join(spooled["parts"]) == text and len(spooled["parts"]) == spooled["segments"],
          f"{key}: text and parts")
    check(spooled["to"] == next(r["phone"] for r in rows if r["id"] == key), f"{key}: recipient")
check(entries["s3"]["encoding"] == "UCS-2" and json.load(open(os.path.join(out, entries["s3"]["outputs"][0]["file"])))
      ["ucs2_trigger"] == "’", "the curly quote is named as what forced UCS-2")
check(any("3 segments" in f and "over the budget of 2" in f for f in entries["s5"]["fallbacks"]),
      f"over budget: {entries['s5']['fallbacks']}")
check(any("not an E.164" in f for f in entries["s6"]["fallbacks"]), f"invalid number: {entries['s6']['fallbacks']}")
check(any("no recipient" in f for f in entries["s1"]["fallbacks"]), f"no token: {entries['s1']['fallbacks']}")

push = json.load(open(os.path.join(out, entries["p1"]["outputs"][0]["file"]), encoding="utf-8"))
msg = push["message"]
check(msg["token"] == "fcm-token-1" and msg["notification"] == {"title": "Your statement is ready",
                                                                "body": "Hello Ada, tap to open it."}, f"push: {msg}")
check(msg["data"] == {"doc": "p1"} and msg["android"] == {"collapse_key": "statement", "ttl": "86400s"}, f"push: {msg}")
check(msg["apns"]["payload"]["aps"]["alert"]["title"] == "Your statement is ready" and
      msg["apns"]["headers"]["apns-collapse-id"] == "statement", f"apns: {msg['apns']}")
check(push["idempotency_key"] == entries["p1"]["idempotency_key"], "push idempotency key")
rejects = [json.loads(l) for l in open(os.path.join(out, "rejects.jsonl"))]
check(len(rejects) == 1 and "the limit is 4096" in " ".join(rejects[0]["reasons"]), f"push over 4096: {rejects}")

# `else reject`: an over-budget SMS rejects the record instead of falling back
open(tpl, "w", encoding="utf-8").write(TEMPLATE % " else reject")
out2 = os.path.join(work, "o2")
r = run("run", tpl, "--data", data, "--out", out2, "--max-rejects", "2", "--quiet")
rejects = {x["key"]: " ".join(x["reasons"]) for x in map(json.loads, open(os.path.join(out2, "rejects.jsonl")))}
check(r.returncode == 0 and "over the budget of 2" in rejects.get("s5", ""), f"else reject: {rejects}")

# a fixed text alone over the budget does not compile
open(tpl, "w", encoding="utf-8").write(TEMPLATE.replace("max 2 segments%s", "max 1 segments").replace(
    "your statement is ready. Northwind", "your statement is ready. " + "Northwind " * 16))
r = run("check", tpl)
check(r.returncode == 1 and "error[M0411]" in r.stderr and "over its budget of 1" in r.stderr, f"M0411: {r.stderr}")

finish()
