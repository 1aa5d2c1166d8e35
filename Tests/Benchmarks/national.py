#!/usr/bin/env python3
"""Helpers of `Tests/Benchmarks/run --national` (loopback only, bounded):

urls DB OUTDIR    writes the path lists wrk rotates over (Tests/Benchmarks/rotate.lua), one
                  file per page kind, every valid distinct page of that kind in both languages:
                  pages.txt (every commune, program and matrix page), program.txt, matrix.txt,
                  network.txt and data.txt (every page of every region, and every region
                  alone), search.txt (distinct searches: one or two words of the proposals'
                  vocabulary, each word also by its first letters).
serial PORT FILE N
                  requests the first N paths of FILE one after another on one keep-alive connection
                  and prints p50/p90/p99/max in ms: the time one request takes with nothing queued
                  before it (under wrk's 64 connections a figure is mostly the queue).
junk PORT PID N PATH_PREFIX
                  sends N requests for PATH_PREFIX + a distinct junk value (8 keep-alive
                  connections), counts the answers by status and prints the server's RSS after.
                  PATH_PREFIX ends in `?q=` (random words: each a distinct search) or `?nc=`
                  (a number: one page, a parameter the page does not read).
"""
import http.client
import os
import sqlite3
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synthetic import WORDS_AR, WORDS_FR, Sequence  # noqa: E402


def write(path, lines):
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    return len(lines)


def urls(db_path, outdir):
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    programs = db.execute("""SELECT c.slug, p.period FROM programs p JOIN communes c ON c.id = p.commune_id
                             ORDER BY c.id, p.period""").fetchall()
    communes = [row[0] for row in db.execute("SELECT slug FROM communes ORDER BY id")]
    regions = db.execute("""SELECT coalesce(region_ar, '-'), count(*) FROM communes WHERE is_sandbox = 0
                            GROUP BY coalesce(region_ar, '-')""").fetchall()
    members = db.execute("SELECT count(*) FROM communes WHERE is_sandbox = 0").fetchone()[0]
    db.close()
    langs = ("ar", "fr")
    program = [f"/{l}/communes/{s}/programs/{p}" for s, p in programs for l in langs]
    matrix = [f"/{l}/communes/{s}/programs/{p}/matrix" for s, p in programs for l in langs]
    commune = [f"/{l}/communes/{s}" for s in communes for l in langs]
    pages = commune + program + matrix

    def paged(base, size):
        # size: communes a page (NetworkPage.membersPerPage, DataPage.communesPerPage)
        lines = []
        for l in langs:
            for page in range(1, (members + size - 1) // size + 1):
                lines.append(f"/{l}/{base}?page={page}")
            for region, count in regions:
                quoted = urllib.parse.quote(region)
                for page in range(1, (count + size - 1) // size + 1):
                    lines.append(f"/{l}/{base}?region={quoted}&page={page}")
        return lines

    words = WORDS_AR + WORDS_FR
    searches, seen = [], set()
    seq = Sequence(16)
    while len(searches) < 4000:
        first = words[seq.below(len(words))]
        query = first if seq.below(3) == 0 else f"{first} {words[seq.below(len(words))]}"
        if seq.below(4) == 0:
            query = query[: max(2, len(query) - 2)]   # a word still being typed: prefix search
        if query in seen:
            continue
        seen.add(query)
        searches.append(f"/{langs[seq.below(2)]}/search?q={urllib.parse.quote(query)}")
    counts = {
        "pages": write(os.path.join(outdir, "pages.txt"), pages),
        "program": write(os.path.join(outdir, "program.txt"), program),
        "matrix": write(os.path.join(outdir, "matrix.txt"), matrix),
        "network": write(os.path.join(outdir, "network.txt"), paged("network", 50)),
        "data": write(os.path.join(outdir, "data.txt"), paged("data", 25)),
        "search": write(os.path.join(outdir, "search.txt"), searches),
    }
    print(" ".join(f"{k}={v}" for k, v in counts.items()))


def rss(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            fields[name] = value.strip()
    return fields.get("VmRSS", "?"), fields.get("VmHWM", "?")


def junk(port, pid, total, prefix):
    seq = Sequence(10_000)
    letters = "abcdefghijklmnopqrstuvwxyzابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    values = []
    for n in range(total):
        if prefix.endswith("q="):
            # Two random words and the request's number spelt in letters: every value distinct.
            word = lambda: "".join(letters[seq.below(len(letters))] for _ in range(3 + seq.below(6)))
            tag = "".join(letters[(n // 26 ** k) % 26] for k in range(4))
            values.append(urllib.parse.quote(f"{word()} {word()}{tag}"))
        else:
            values.append(str(n + 1))
    statuses, lock = {}, threading.Lock()

    def worker(part):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = {}
        for sent, value in enumerate(part):
            if time.monotonic() - started > 300:   # bounded in time: the rest is not sent
                mine["not sent (300 s bound)"] = len(part) - sent
                break
            try:
                connection.request("GET", prefix + value)
                response = connection.getresponse()
                response.read()
                mine[response.status] = mine.get(response.status, 0) + 1
            except OSError as error:   # a timeout (30 s) or a closed connection: counted, and a new connection
                kind = type(error).__name__
                mine[kind] = mine.get(kind, 0) + 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.close()
        with lock:
            for k, v in mine.items():
                statuses[k] = statuses.get(k, 0) + v

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(values[i::8],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    now, peak = rss(pid)
    answered = ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items(), key=lambda kv: str(kv[0])))
    print(f"{total} distinct {prefix}… in {elapsed:.1f} s ({answered}); RSS after {now}, peak {peak}")


def serial(port, path_file, count):
    with open(path_file, encoding="utf-8") as source:
        paths = [line.strip() for line in source if line.strip()][:count]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    times, statuses = [], {}
    started = time.monotonic()
    for path in paths:
        if time.monotonic() - started > 300:   # bounded in time
            break
        begun = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        times.append((time.perf_counter() - begun) * 1000)
        statuses[response.status] = statuses.get(response.status, 0) + 1
    times.sort()
    pick = lambda q: times[min(len(times) - 1, int(len(times) * q))]
    print(f"{len(times)} one after another: p50 {pick(0.5):.1f} ms, p90 {pick(0.9):.1f} ms, p99 {pick(0.99):.1f} ms, "
          f"max {times[-1]:.1f} ms ({', '.join(f'{k}: {v}' for k, v in sorted(statuses.items()))})")


def main(argv):
    if len(argv) == 4 and argv[1] == "urls":
        urls(argv[2], argv[3])
    elif len(argv) == 5 and argv[1] == "serial":
        serial(int(argv[2]), argv[3], int(argv[4]))
    elif len(argv) == 6 and argv[1] == "junk":
        junk(int(argv[2]), int(argv[3]), int(argv[4]), argv[5])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
