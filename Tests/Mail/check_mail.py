#!/usr/bin/python3
"""The mail notices end to end (issue 12): a real SMTP server, a real MTA, a running Infitah.

Starts an SMTP server on loopback (PyPI's `aiosmtpd`, in this process, on a spare port) that
keeps every message it receives, then Infitah (BIN serve, a fresh demo database, a spare port)
with `--sendmail-command "msmtp … -t"` (Debian's msmtp, no configuration file) pointing at it.
Then, over HTTP as a citizen and a committee member would:

1. an idea is sent in Arabic through the sandbox's open ideas call with an e-mail address;
2. the confirmation arrives: its headers (From, To, Date, Message-ID, MIME-Version, Content-Type
   text/plain UTF-8, base64, Auto-Submitted, List-Unsubscribe + List-Unsubscribe-Post) are read
   by Python's `email` package, the Arabic subject decoded from RFC 2047 (each encoded word at
   most 75 characters, each line at most 76), the body decoded;
3. the confirm link: a GET confirms nothing, the page's POST does;
4. a committee member (made with `infitah user add`, password chosen through its one-time link)
   accepts the idea with an answer in Arabic; the notice arrives, in Arabic, with the answer,
   the status and the tracking link, and the proposal's Atom feed shows the answer;
5. the RFC 8058 one-click POST to the List-Unsubscribe URL (no cookie, no token) answers 200,
   and a later decision sends nothing more.

With OUT_DIR (and Debian's chromium, chromium-driver, python3-selenium): screenshots, at 360
and 1280 px in Arabic and French, of the idea form with its e-mail field, the confirm page, the
unsubscribe page and the administrators' outbox (with a message failed because the SMTP server
was stopped for it), each checked for sideways overflow (see Tests/Screenshots/screens.py).

Every wait is bounded (seconds, and a number of polls). Loopback only. Prints one line per
check and "N passed, N failed"; exits 1 on a failure.

usage: check_mail.py BIN ROOT [OUT_DIR]        (PYTHONPATH must reach aiosmtpd)
"""
import email
import email.policy
import email.utils
import http.cookiejar
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from aiosmtpd.controller import Controller

PROGRAM = "communes/demo/programs/2025-2026"
TITLE = "إنارة الأزقة في حي النهضة بمصابيح تعمل بالطاقة الشمسية"
ANSWER = "ستُنجز الإنارة في الربع الأول من 2026 ضمن مشروع الرقمنة."
ADDRESS = "fatima.zahra@example.ma"
PASSWORD = "شجرة الزيتون الخضراء 2026"

passed = failed = 0


def check(ok, label, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok       mail: {label}")
    else:
        failed += 1
        print(f"FAILED   mail: {label}{'  ' + str(detail)[:600] if detail else ''}")
    return ok


class Inbox:
    """What the SMTP server received: (envelope recipients, raw bytes), in order."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"

    def wait(self, count, seconds=20):
        """The first `count` messages, waiting at most `seconds`; fewer if they do not come."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    return list(self.messages[:count])
            time.sleep(0.1)
        with self.lock:
            return list(self.messages)


def spare_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def opener(jar=None):
    handlers = [NoRedirect()]
    if jar is not None:
        handlers.append(urllib.request.HTTPCookieProcessor(jar))
    return urllib.request.build_opener(*handlers)


def request(url, data=None, jar=None, headers=None):
    """(status, headers, body text) of a GET, or of a POST when `data` (dict or bytes) is given."""
    body = None
    if data is not None:
        body = data if isinstance(data, bytes) else urllib.parse.urlencode(data).encode()
    req = urllib.request.Request(url, data=body, headers=headers or {})
    if body is not None and "Content-Type" not in (headers or {}):
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with opener(jar).open(req, timeout=15) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


def field(page, name):
    found = re.search(r'name="%s" value="([^"]*)"' % re.escape(name), page)
    return found.group(1) if found else None


def send_idea(base, language, title, address):
    status, _, page = request(f"{base}/{language}/{PROGRAM}/proposals/new")
    token = field(page, "token")
    status, headers, _ = request(f"{base}/{language}/{PROGRAM}/proposals/new", {
        "token": token, "website": "", "axis": "52", "title": title,
        "description": "نقترح تركيب مصابيح تعمل بالطاقة الشمسية في الأزقة المظلمة.", "consent": "yes", "email": address})
    found = re.search(r"/proposals/([A-Z2-9-]{20})\?received=1$", headers.get("Location") or "")
    return found.group(1) if status == 303 and found else None


def parse(raw):
    return email.message_from_bytes(raw, policy=email.policy.default)


def raw_header_lines(raw, name):
    """The physical lines of a header field as sent (folded), before any decoding."""
    head = raw.split(b"\r\n\r\n" if b"\r\n\r\n" in raw else b"\n\n", 1)[0].decode("ascii", "replace")
    lines, inside = [], False
    for line in re.split(r"\r?\n", head):
        if line.lower().startswith(name.lower() + ":"):
            inside = True
        elif not line.startswith((" ", "\t")):
            inside = False
        if inside:
            lines.append(line)
    return lines


def link(message, kind):
    found = re.search(r"(https?://\S+/mail/%s/[0-9a-f]{64})" % kind, message.get_content())
    return found.group(1) if found else None


def check_headers(message, raw, recipients, label):
    check(recipients == [ADDRESS], f"{label}: envelope recipient is the address given", recipients)
    check(message["To"] == ADDRESS, f"{label}: To", message["To"])
    check("noreply@" in (message["From"] or ""), f"{label}: From", message["From"])
    try:
        email.utils.parsedate_to_datetime(message["Date"])
        check(True, f"{label}: Date parses (RFC 5322)")
    except (TypeError, ValueError):
        check(False, f"{label}: Date parses (RFC 5322)", message["Date"])
    check(re.fullmatch(r"<[^<>@\s]+@[^<>\s]+>", message["Message-ID"] or "") is not None, f"{label}: Message-ID", message["Message-ID"])
    check(message["MIME-Version"] == "1.0", f"{label}: MIME-Version")
    check(message.get_content_type() == "text/plain" and message.get_content_charset() == "utf-8", f"{label}: text/plain; charset=utf-8")
    check(message["Content-Transfer-Encoding"] == "base64", f"{label}: base64 body")
    check(message["Auto-Submitted"] == "auto-generated", f"{label}: Auto-Submitted: auto-generated")
    unsubscribe = message["List-Unsubscribe"] or ""
    check(re.fullmatch(r"<https?://\S+/mail/unsubscribe/[0-9a-f]{64}>", unsubscribe) is not None, f"{label}: List-Unsubscribe", unsubscribe)
    check(message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click", f"{label}: List-Unsubscribe-Post (RFC 8058)")
    subject_lines = raw_header_lines(raw, "Subject")
    words = re.findall(r"=\?[^?]+\?[BbQq]\?[^?]*\?=", " ".join(subject_lines))
    check(bool(words) and all(len(w) <= 75 for w in words) and all(len(line) <= 76 for line in subject_lines),
          f"{label}: subject in RFC 2047 encoded words of <= 75 characters, lines <= 76", subject_lines)
    return unsubscribe[1:-1]


def main(binary, root, out):
    workdir = tempfile.mkdtemp(prefix="infitah-mail-")
    inbox = Inbox()
    smtp_port = spare_port()
    smtp = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    database = os.path.join(workdir, "mail.sqlite")
    command = (f"msmtp -C /dev/null --host=127.0.0.1 --port={smtp_port} --tls=off --auth=off "
               f"--domain=localhost --from=noreply@infitah.test -t")
    server = subprocess.Popen([binary, "serve", "--port", "0", "--db", database, "--root", root, "--no-access-log",
                               "--sendmail-command", command, "--mail-from", "Infitah <noreply@infitah.test>"],
                              stdout=subprocess.PIPE, stderr=open(os.path.join(workdir, "serve.err"), "w"), text=True)
    try:
        base = None
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and base is None:
            line = server.stdout.readline()
            found = re.search(r"(http://127\.0\.0\.1:\d+)/", line or "")
            if found:
                base = found.group(1)
            elif server.poll() is not None:
                break
        if not check(base is not None, "Infitah starts with --sendmail-command msmtp"):
            print(open(os.path.join(workdir, "serve.err")).read()[-2000:])
            return 1
        run(base, binary, root, database, inbox, smtp, out)
    finally:
        server.terminate()
        try:
            check(server.wait(timeout=30) == 0, "Infitah stops cleanly on SIGTERM with its mail thread")
        except subprocess.TimeoutExpired:
            server.kill()
            check(False, "Infitah stops within 30 s of SIGTERM")
        try:
            smtp.stop()
        except Exception:
            pass
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"mail: {passed} passed, {failed} failed")
    return 1 if failed else 0


def subscription(database, code):
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10) as db:
        row = db.execute("SELECT p.id, coalesce(s.state, 'pending') FROM proposals p LEFT JOIN mail_subscriptions s ON s.proposal_id = p.id"
                         " WHERE p.tracking_code = ?", (code,)).fetchone()
    return row or (None, None)


def staff(base, binary, root, database, role, mail_address):
    """A signed-in account of `role` in the sandbox commune (or the network): its cookie jar and csrf."""
    args = [binary, "user", "add", "--db", database, "--root", root, "--email", mail_address, "--name", "لجنة التتبع",
            "--role", role, "--base-url", base] + (["--commune", "demo"] if role != "admin" else [])
    printed = subprocess.run(args, capture_output=True, text=True, timeout=60).stdout.strip().splitlines()
    link_url = printed[-1].strip() if printed else ""
    jar = http.cookiejar.CookieJar()
    status, _, page = request(link_url, jar=jar)
    status, headers, _ = request(link_url, {"form_token": field(page, "form_token") or "", "password": PASSWORD, "confirm": PASSWORD}, jar=jar)
    check(status == 303 and any(c.name == "infitah_session" for c in jar), f"{role}: password chosen from the one-time link, signed in",
          f"HTTP {status}")
    return jar


def run(base, binary, root, database, inbox, smtp, out):
    # 1. The idea, with the address.
    code = send_idea(base, "ar", TITLE, ADDRESS)
    if not check(code is not None, "an idea with an e-mail address is received (303 to its tracking page)"):
        return
    proposal_id, state = subscription(database, code)
    check(state == "pending", "the subscription waits for confirmation", state)

    # 2. The confirmation.
    received = inbox.wait(1)
    if not check(len(received) == 1, "the confirmation reaches the SMTP server through msmtp", len(received)):
        return
    recipients, raw = received[0]
    confirmation = parse(raw)
    check_headers(confirmation, raw, recipients, "confirmation")
    subject = str(confirmation["Subject"])
    check(subject == "أكّد بريدك لتتبع اقتراحك: " + TITLE,
          "confirmation: the Arabic subject decodes back", subject)
    confirm = link(confirmation, "confirm")
    check(confirm is not None and TITLE in confirmation.get_content(), "confirmation: body with the title and the confirm link")

    # 3. GET confirms nothing; the page's POST does.
    for _ in range(3):
        status, headers, page = request(confirm)
    check(status == 200 and 'method="post"' in page and subscription(database, code)[1] == "pending",
          "confirm link: a GET shows the button and confirms nothing", f"HTTP {status}")
    status, headers, _ = request(confirm, {})
    check(status == 303 and subscription(database, code)[1] == "confirmed", "confirm link: the page's POST confirms", f"HTTP {status}")

    # 4. The committee answers; the notice arrives, in Arabic, with the answer.
    jar = staff(base, binary, root, database, "committee", "committee.demo@example.ma")
    triage = f"{base}/admin/fr/{PROGRAM}/proposals/{proposal_id}"
    status, _, page = request(triage, jar=jar)
    csrf = field(page, "csrf")
    check(status == 200 and csrf and ADDRESS not in page, "triage page opens, without the address", f"HTTP {status}")
    status, _, _ = request(triage + "/status", {"csrf": csrf, "status": "accepted", "answer": ANSWER}, jar=jar)
    check(status == 303, "the committee accepts the idea with an answer", f"HTTP {status}")
    received = inbox.wait(2)
    if not check(len(received) == 2, "the notice reaches the SMTP server", len(received)):
        return
    recipients, raw = received[1]
    notice = parse(raw)
    unsubscribe = check_headers(notice, raw, recipients, "notice")
    check(str(notice["Subject"]) == "جديد اقتراحك: " + TITLE,
          "notice: the Arabic subject decodes back", str(notice["Subject"]))
    body = notice.get_content()
    check(ANSWER in body and "مقبول" in body and f"/ar/proposals/{code}" in body and unsubscribe in body,
          "notice: the answer, the status, the tracking link and the unsubscribe link in the body", body)
    check(confirmation["Message-ID"] != notice["Message-ID"], "each message has its own Message-ID")
    status, _, feed = request(f"{base}/ar/proposals/{code}/feed.atom")
    check(status == 200 and ANSWER in feed and ADDRESS not in feed, "the proposal's Atom feed shows the answer, not the address")

    # 5. RFC 8058 one-click: a POST with List-Unsubscribe=One-Click, no cookie, no token.
    status, _, page = request(unsubscribe)
    check(status == 200 and subscription(database, code)[1] == "confirmed", "unsubscribe link: a GET changes nothing")
    status, headers, page = request(unsubscribe, b"List-Unsubscribe=One-Click",
                                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(status == 200 and subscription(database, code)[1] == "unsubscribed", "one-click POST unsubscribes (200, no redirect)",
          f"HTTP {status}")
    status, _, page = request(triage, jar=jar)
    status, _, _ = request(triage + "/status", {"csrf": field(page, "csrf"), "status": "integrated", "project": "52",
                                                "answer": "أُدمج"}, jar=jar)
    check(status == 303 and len(inbox.wait(3, seconds=3)) == 2, "after unsubscribing, a new decision sends nothing")

    if out:
        screenshots(base, binary, root, database, inbox, smtp, out)


def screenshots(base, binary, root, database, inbox, smtp, out):
    sys.path.insert(0, os.path.join(root, "Tests", "Screenshots"))
    try:
        from screens import browser, full_page_png, overflow, set_width
    except ImportError as error:
        print(f"skipped  mail screenshots ({error})")
        return
    global failed
    os.makedirs(out, exist_ok=True)
    # A fresh pending subscription, so the confirm and unsubscribe pages show their buttons.
    code = send_idea(base, "fr", "Un guichet numérique pour les actes d'état civil", ADDRESS)
    received = inbox.wait(3)
    message = parse(received[-1][1]) if len(received) == 3 else None
    if not check(code and message is not None, "a second confirmation for the screenshots"):
        return
    confirm, unsubscribe = link(message, "confirm"), link(message, "unsubscribe")
    # The outbox with a message that failed: the SMTP server is stopped before it is handed over.
    smtp.stop()
    send_idea(base, "ar", "حافلات مدرسية للدواوير البعيدة", "amine@example.ma")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10) as db:
            if db.execute("SELECT count(*) FROM mail_outbox WHERE state = 'failed'").fetchone()[0]:
                break
        time.sleep(0.2)
    admin = staff(base, binary, root, database, "admin", "admin.network@example.ma")
    session = next(c.value for c in admin if c.name == "infitah_session")
    driver = browser()
    try:
        pages = [("mail-form", lambda lang: f"{base}/{lang}/{PROGRAM}/proposals/new"),
                 ("mail-confirm", lambda lang: confirm.replace("/fr/", f"/{lang}/", 1)),
                 ("mail-unsubscribe", lambda lang: unsubscribe.replace("/fr/", f"/{lang}/", 1)),
                 ("admin-outbox", lambda lang: f"{base}/admin/{lang}/outbox")]
        driver.get(base + "/admin/ar/login")
        driver.add_cookie({"name": "infitah_session", "value": session, "path": "/admin"})
        for width in (360, 1280):
            set_width(driver, width)
            for name, url in pages:
                for language in ("ar", "fr"):
                    driver.get(url(language))
                    if name == "mail-form":
                        driver.find_element("id", "email").send_keys(ADDRESS)
                        # Typed, then left: a focused field on a phone shifts the full-page capture.
                        driver.execute_script("document.activeElement.blur();")
                    driver.execute_script("window.scrollTo(0, 0);")
                    file = os.path.join(out, f"{name}-{language}-{width}.png")
                    full_page_png(driver, file)
                    failed += overflow(driver, width, f"{name:<17} {language} {width:>4}px  {file}")
        text = driver.find_element("tag name", "main").text
        failed_items = driver.find_elements("css selector", ".outbox-list .mail-state-failed")
        errors = [e.text for e in driver.find_elements("css selector", ".outbox-list .mail-error")]
        check(bool(failed_items) and any("msmtp" in e for e in errors) and "amine" not in text and "حافلات" not in text,
              "the outbox shows the failed message and msmtp's error, no address and no subject", text[:800])
    finally:
        driver.quit()
    check(subscription(database, code)[1] == "pending", "taking screenshots of the confirm page confirmed nothing")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else None))
