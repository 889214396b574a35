"""The Vim syntax file, loaded by a real Vim: keywords, types, annotations, lengths, colours, strings with
interpolation and comments of the statement example get their highlight groups."""
import os
import subprocess

from common import ROOT, STATEMENT, check, finish, tempdir

lines = open(STATEMENT, encoding="utf-8").read().split("\n")


def position(token, after=""):
    """1-based (line, column in bytes) of the first `token` on a line that contains `after`."""
    for i, line in enumerate(lines):
        if after in line and token in line:
            return i + 1, len(line[: line.index(token)].encode()) + 1
    raise AssertionError(f"{token!r} not in the example")


want = {
    ("communication", ""): "missiveHeader",
    ("schema", "schema {"): "missiveSection",
    ("String", "id:"): "missiveType",
    ("@key", ""): "missiveAnnotation",
    ("require", "require count"): "missiveRule",
    ("10pt", "style body"): "missiveLength",
    ("#E6E6E6", ""): "missiveColor",
    ("margin", "page A4"): "missiveLayout",
    ("Northwind Bank", "text \"Northwind Bank\""): "missiveString",
    ("{format", "Statement {"): "missiveDelimiter",
    ("// ── rules", ""): "missiveComment",
}
out = os.path.join(tempdir(), "groups.txt")
probes = ", ".join(f"[{l}, {c}]" for l, c in (position(t, a) for t, a in want))
subprocess.run(["vim", "-Nu", "NONE", "-i", "NONE", "-es",
                "--cmd", f"set rtp^={os.path.join(ROOT, 'editors', 'vim')}", "--cmd", "filetype on", "--cmd", "syntax on",
                "-c", f"redir! > {out}", "-c", "echo &filetype",
                "-c", f"for [l, c] in [{probes}] | echo synIDattr(synID(l, c, 1), 'name') | endfor",
                "-c", "redir END", "-c", "qa!", STATEMENT], check=False, timeout=60)
got = [l for l in open(out).read().split("\n") if l.strip()]
check(got[0] == "missive", f"filetype: {got[:1]}")
for (token, _), group, actual in zip(want, want.values(), got[1:]):
    check(actual == group, f"{token!r}: {actual!r}, want {group!r}")
check(len(got) == len(want) + 1, f"{len(got) - 1} answers for {len(want)} probes")
finish()
