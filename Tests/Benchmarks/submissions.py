#!/usr/bin/env python3
"""Load generator for the proposal form: how many ideas per second Infitah accepts, durably.

WORKERS threads, each with its own keep-alive connection to 127.0.0.1:PORT, loop for DURATION
seconds (and at most MAX_POSTS posts in all): GET the sandbox commune's form (a fresh one-time
token each time, as a visitor would), then POST a valid proposal with it. A POST answered 303 to
/{lang}/proposals/{code}?received=1 is accepted; anything else counts as an error. Only the POST is timed.

Afterwards (the server stopped by the caller first, or still running: the database is read in a
fresh connection) the rows whose title carries this run's marker are counted in the SQLite
file: accepted must equal rows, and the codes received must be exactly the codes stored.

With --email each form also carries an e-mail address (one per submission, so no address reaches
its limit of unanswered confirmations), and every accepted proposal must then hold its address
and exactly one queued confirmation in the outbox (the server runs with mail on).

Prints a summary and exits 1 when anything was lost or duplicated, or nothing was accepted.
With SUBMISSIONS_CODES=FILE in the environment, the codes answered 303 are also written there,
one a line (Tests/Replication/run checks them against a restored replica).
Used by Tests/Benchmarks/run --submissions and --submissions-mail.

usage: submissions.py PORT DB_PATH [DURATION] [WORKERS] [--email]     (python3 stdlib only; loopback only)
"""
import http.client
import os
import re
import sqlite3
import sys
import threading
import time
import urllib.parse
import uuid

FORM = "/ar/communes/demo/programs/2025-2026/proposals/new"
MAX_POSTS = 200_000
TOKEN = re.compile(r'name="token" value="([0-9a-f]{32}\.[0-9a-f]{64})"')
AXIS = re.compile(r'<option value="(\d+)"')
LOCATION = re.compile(r"^/ar/proposals/([A-Z2-9]{6}-[A-Z2-9]{6}-[A-Z2-9]{6})\?received=1$")


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.codes = []
        self.latencies = []
        self.errors = {}
        self.posts = 0

    def error(self, kind):
        with self.lock:
            self.errors[kind] = self.errors.get(kind, 0) + 1


def worker(port, deadline, marker, number, tally, email=False):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    sequence = 0
    while time.monotonic() < deadline:
        with tally.lock:
            if tally.posts >= MAX_POSTS:
                break
            tally.posts += 1
        sequence += 1
        try:
            connection.request("GET", FORM)
            response = connection.getresponse()
            page = response.read().decode("utf-8")
            token, axis = TOKEN.search(page), AXIS.search(page)
            if response.status != 200 or not token or not axis:
                tally.error(f"form HTTP {response.status}")
                continue
            fields = {
                "token": token.group(1), "website": "", "axis": axis.group(1),
                "title": f"{marker} {number}-{sequence} إنارة الأزقة",
                "description": "نقترح تركيب مصابيح تعمل بالطاقة الشمسية في الأزقة المظلمة قرب المدرسة.",
                "consent": "yes",
            }
            if email:
                fields["email"] = f"{marker}-{number}-{sequence}@example.invalid"
            body = urllib.parse.urlencode(fields)
            started = time.monotonic()
            connection.request("POST", FORM, body=body,
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
            response = connection.getresponse()
            response.read()
            elapsed = time.monotonic() - started
            location = LOCATION.match(response.getheader("Location") or "")
            if response.status == 303 and location:
                with tally.lock:
                    tally.codes.append(location.group(1))
                    tally.latencies.append(elapsed)
            else:
                tally.error(f"post HTTP {response.status}")
        except (OSError, http.client.HTTPException) as error:
            tally.error(type(error).__name__)
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.close()


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main(port, db_path, duration, workers, email=False):
    marker = "bench-" + uuid.uuid4().hex[:8]
    tally = Tally()
    started = time.monotonic()
    deadline = started + duration
    threads = [threading.Thread(target=worker, args=(port, deadline, marker, n, tally, email)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 30)
    elapsed = time.monotonic() - started

    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30) as db:
        stored = {row[0] for row in db.execute(
            "SELECT tracking_code FROM proposals WHERE title LIKE ?", (marker + " %",))}
        if email:
            with_address = db.execute("SELECT count(*) FROM proposals WHERE title LIKE ? AND email IS NOT NULL",
                                      (marker + " %",)).fetchone()[0]
            confirmations = db.execute("""
                SELECT count(*), count(DISTINCT o.proposal_id), sum(o.state = 'sent') FROM mail_outbox o
                JOIN proposals p ON p.id = o.proposal_id WHERE p.title LIKE ? AND o.kind = 'confirm'""",
                                       (marker + " %",)).fetchone()
    accepted = len(tally.codes)
    received = set(tally.codes)
    errors = sum(tally.errors.values())
    print(f"submissions: {workers} workers, {elapsed:.1f} s, {accepted} accepted (303), {errors} errors"
          + (f" {tally.errors}" if errors else ""))
    print(f"submissions: {accepted / elapsed:.0f} accepted/s, POST latency p50 {1000 * percentile(tally.latencies, 0.5):.2f} ms,"
          f" p99 {1000 * percentile(tally.latencies, 0.99):.2f} ms")
    codes_file = os.environ.get("SUBMISSIONS_CODES")
    if codes_file:
        with open(codes_file, "w") as out:
            out.write("".join(code + "\n" for code in sorted(received)))
    lost = received - stored
    unexpected = stored - received
    print(f"submissions: database rows for this run {len(stored)}; accepted {accepted}; distinct codes {len(received)};"
          f" lost {len(lost)}; rows without a 303 {len(unexpected)}")
    ok = accepted > 0 and len(received) == accepted and not lost and len(stored) == accepted
    if email:
        print(f"submissions: mail: {with_address} proposals with an address, {confirmations[0]} confirmations queued"
              f" for {confirmations[1]} proposals, {confirmations[2] or 0} handed to the sendmail command during the run")
        ok = ok and with_address == accepted and confirmations[0] == confirmations[1] == accepted
    if not ok:
        print("submissions: FAILED (an accepted proposal is missing, or counts differ)")
    return 0 if ok else 1


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--email"]
    if not 2 <= len(args) <= 4:
        sys.exit("usage: submissions.py PORT DB_PATH [DURATION] [WORKERS] [--email]")
    sys.exit(main(int(args[0]), args[1],
                  float(args[2]) if len(args) > 2 else 10.0,
                  int(args[3]) if len(args) > 3 else 64,
                  "--email" in sys.argv[1:]))
