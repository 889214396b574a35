"""Progress as a person sees it: on a terminal (a real pseudo-terminal) a live line with a bar, records/s,
pages/s, rejects, percentage and ETA, then the summary; without a terminal, plain lines and the summary."""
import os
import pty
import subprocess

from common import MISSIVE, STATEMENT, check, finish, generate, run, tempdir

work = tempdir()
data = os.path.join(work, "recs.jsonl")
generate(1500, 13, data)

# a terminal: the program sees a TTY on stderr
args = [MISSIVE, "run", STATEMENT, "--data", data, "--out", os.path.join(work, "tty"), "--channel", "print",
        "--print-stream"]
pid, fd = pty.fork()
if pid == 0:
    os.environ.pop("MISSIVE_FAULT", None)
    os.execv(MISSIVE, args)
chunks = []
while True:
    try:
        data_read = os.read(fd, 4096)
    except OSError:
        break
    if not data_read:
        break
    chunks.append(data_read)
_, status = os.waitpid(pid, 0)
screen = b"".join(chunks).decode("utf-8", "replace")
check(os.WEXITSTATUS(status) == 0, f"tty run: exit {os.WEXITSTATUS(status)}")
check("\r\x1b[K" in screen, "no live line on a terminal")
check("records/s" in screen and "pages/s" in screen and "rejected" in screen and "ETA" in screen and "[#" in screen,
      f"live line lacks a part: {screen[-400:]!r}")
check("done: 1500 read = 1500 delivered + 0 rejected (reconciled)" in screen, f"summary: {screen[-300:]!r}")

# not a terminal: no control codes, plain lines (if the run lasts long enough) and the summary
r = run("run", STATEMENT, "--data", data, "--out", os.path.join(work, "plain"), "--channel", "print", "--print-stream")
check(r.returncode == 0 and "\x1b[" not in r.stderr and "\r" not in r.stderr, f"plain: {r.stderr[-300:]!r}")
check("done: 1500 read = 1500 delivered + 0 rejected (reconciled)" in r.stderr,
      f"plain summary: {r.stderr[-300:]!r}")
# --quiet: nothing when the totals reconcile
r = run("run", STATEMENT, "--data", data, "--out", os.path.join(work, "quiet"), "--channel", "print", "--quiet")
check(r.returncode == 0 and r.stderr == "", f"quiet: {r.stderr!r}")
finish()
