"""interrupt.py: dixit stopped by SIGINT or SIGTERM in the middle of a run.

usage: interrupt.py BIN ARTICLE.jsonl SIGNAL JOBS fast|slow [FILE]

dixit reads an endless stream of copies of the article on stdin (so the run
cannot end before the signal, however fast the build), `fast` as quickly as
it can take them, `slow` a few thousand a second (so the signal mostly finds
it waiting on a read). Once it has taken a megabyte, the signal; then the
run must end within 60 seconds with status 128 + the signal, one line on
stderr, and an output of whole JSON lines only: read through a pipe from stdout (a write
interrupted there must still be finished), or with FILE, from the file of
-o FILE once renamed into place, with no temporary file left beside it.
"""
import json
import os
import signal
import subprocess
import sys
import threading
import time


def feed(pipe, line, slow, stop, fed):
    """Writes copies of line until dixit stops reading; fed[0] counts bytes."""
    try:
        while not stop.is_set():
            pipe.write(line * 20)
            fed[0] += len(line) * 20
            if slow:
                pipe.flush()
                time.sleep(0.01)
    except (BrokenPipeError, ValueError):
        pass


def check_lines(lines, what):
    """The number of lines, all whole JSON; raises at the first that is not."""
    n = 0
    for l in lines:
        n += 1
        assert l.endswith(b"\n"), f"{what}: the last line is cut: ...{l[-80:]!r}"
        try:
            json.loads(l)
        except ValueError:
            raise AssertionError(f"{what}: line {n} is not JSON: {l[:80]!r}...{l[-80:]!r}")
    return n


def main():
    bin_, article, signame, jobs, speed = sys.argv[1:6]
    out_file = sys.argv[6] if len(sys.argv) > 6 else None
    slow = speed == "slow"
    sig = getattr(signal, signame)
    line = open(article, "rb").read().rstrip(b"\n") + b"\n"
    args = [bin_, "extract", "-j", jobs, "--input-format", "jsonl", "-"]
    if out_file:
        args += ["-o", out_file]
    # a background job of a shell script starts with SIGINT ignored, which
    # dixit keeps: give it the default back
    p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    stop = threading.Event()
    fed = [0]
    writer = threading.Thread(target=feed, args=(p.stdin, line, slow, stop, fed))
    writer.start()
    got = {}

    def drain(name, pipe):
        # stdout is checked as it comes, which also slows dixit's writes
        try:
            got[name] = check_lines(pipe, "stdout") if name == "out" and not out_file else pipe.read()
        except AssertionError as e:
            got[name] = e
            pipe.read()

    readers = [threading.Thread(target=drain, args=(n, f)) for n, f in (("out", p.stdout), ("err", p.stderr))]
    for t in readers:
        t.start()
    # the signal once dixit has taken a megabyte (a slow build starts late)
    deadline = time.time() + 30
    while fed[0] < (1 << 20) and time.time() < deadline and p.poll() is None:
        time.sleep(0.05)
    time.sleep(0.2)
    assert p.poll() is None, f"dixit ended before the signal: status {p.returncode}"
    p.send_signal(sig)
    try:
        status = p.wait(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        raise AssertionError("dixit did not stop within 60 s of the signal")
    stop.set()
    for t in readers:
        t.join()
    writer.join()
    try:
        p.stdin.close()
    except BrokenPipeError:
        pass
    err = got["err"].decode("utf-8", "replace")
    assert status == 128 + sig, f"status {status}, want {128 + sig}; stderr: {err}"
    assert err.count("\n") == 1 and err.startswith(f"dixit: stopped by {signame} after "), f"stderr: {err!r}"
    if out_file:
        folder = os.path.dirname(os.path.abspath(out_file))
        base = os.path.basename(out_file)
        left = [f for f in os.listdir(folder) if f.startswith("." + base + ".")]
        assert not left, f"temporary files left: {left}"
        with open(out_file, "rb") as f:
            n = check_lines(f, out_file)
    else:
        n = got["out"]
        if isinstance(n, AssertionError):
            raise n
    assert n > 0, "no record written before the signal"


main()
