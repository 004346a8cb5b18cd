#!/usr/bin/env python3
"""tests/warc.py OUT [--gzip] [--chunk-cut]: writes a small WARC/1.0 archive
of the shapes Common Crawl and CC-NEWS hold, for the CLI tests. Every text
in it is written for this project. With --gzip each record is its own gzip
member, as Common Crawl writes them.

Records, in order: warcinfo; a request; a 200 text/html response whose
body is gzip-encoded and sent chunked (page A); a metadata record; a 301
redirect; a 200 image/jpeg; a 200 text/html response in ISO-8859-1 named by
the HTTP header only (page B); a 200 response whose body is brotli-encoded
(page C, compressed by Debian's brotli tool). Pages: 3; passed over: 5.
"""
import gzip, subprocess, sys, uuid

PAGE_A = """<!DOCTYPE html><html lang="en"><head>
<meta property="og:title" content="Harbor plan wins a vote">
<meta property="article:published_time" content="2026-02-11T08:00:00Z">
<link rel="canonical" href="https://news.example/harbor-vote"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Harbor plan wins a vote</h1>
<p>The council approved the harbor plan on Tuesday after a long debate.</p>
<p>\u201cThis is a good day for the town,\u201d said Mayor Ines Calloway.</p>
<div class="related"><a href="/x">More harbor news</a></div></article>
<footer>Copyright</footer></body></html>"""

PAGE_B = """<html><head><title>Le port</title></head><body><div class="story">
<p>\u00ab Nous rouvrirons le quai lundi \u00bb, a d\u00e9clar\u00e9 Paul Roy.</p></div></body></html>"""


PAGE_C = """<html lang="en"><head><title>Ferry times</title></head><body><main>
<p>\u201cThe new timetable starts in June,\u201d said Tom Reyes, the ferry manager.</p></main></body></html>"""


def record(kind, block, target=None, n=[0]):
    n[0] += 1
    rid = uuid.UUID(int=n[0])
    head = ["WARC/1.0", "WARC-Type: " + kind, "WARC-Record-ID: <urn:uuid:%s>" % rid,
            "WARC-Date: 2026-02-11T09:00:00Z"]
    if target:
        head.append("WARC-Target-URI: " + target)
    head.append("Content-Length: %d" % len(block))
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http(status, headers, body):
    reason = {200: "OK", 301: "Moved Permanently"}[status]
    lines = ["HTTP/1.1 %d %s" % (status, reason)] + headers
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def chunked(data, size=100):
    out = b""
    for i in range(0, len(data), size):
        part = data[i:i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def main():
    out, zipped = sys.argv[1], "--gzip" in sys.argv
    url = "https://news.example/harbor-vote"
    recs = [
        record("warcinfo", b"software: dixit tests\r\n"),
        record("request", b"GET /harbor-vote HTTP/1.1\r\nHost: news.example\r\n\r\n", url),
        record("response", http(200, ["Content-Type: text/html; charset=UTF-8", "Content-Encoding: gzip",
                                      "Transfer-Encoding: chunked"],
                                chunked(gzip.compress(PAGE_A.encode("utf-8")))), url),
        record("metadata", b"fetchTimeMs: 120\r\n", url),
        record("response", http(301, ["Location: https://news.example/other"], b""), "https://news.example/old"),
        record("response", http(200, ["Content-Type: image/jpeg"], b"\xff\xd8\xff\xe0JFIF"), "https://news.example/a.jpg"),
        record("response", http(200, ["Content-Type: text/html; charset=ISO-8859-1"], PAGE_B.encode("latin-1")),
               "https://port.example/quai"),
        record("response", http(200, ["Content-Type: text/html", "Content-Encoding: br"],
                                subprocess.run(["brotli", "-c"], input=PAGE_C.encode("utf-8"),
                                               capture_output=True, check=True).stdout),
               "https://news.example/br"),
    ]
    with open(out, "wb") as f:
        for r in recs:
            f.write(gzip.compress(r) if zipped else r)


main()
