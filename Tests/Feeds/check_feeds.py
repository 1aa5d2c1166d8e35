#!/usr/bin/python3
"""The feeds and calendars of a running Infitah, read by real parsers (issue 12).

Atom (RFC 4287), with Python's xml.etree: the feed's id, title, updated, author/name and its
rel="self" link (absolute, the URL fetched); each entry's id, title, updated, and a link or
content; ids unique; dates in RFC 3339. Fetched: the sandbox program's feed and Settat's, in
Arabic and French, and the feed of a proposal this script sends through the sandbox's open
ideas call (with a name and a neighbourhood, which no feed may show).

iCalendar (RFC 5545), with `icalendar` from PyPI: the network's and three communes'
calendars in both languages parse; each VEVENT has UID, DTSTAMP and DTSTART; a timed start
carries TZID=Africa/Casablanca and the calendar its VTIMEZONE; an all-day start is a date and
its end is later; every physical line is at most 75 octets and CRLF-terminated; the UIDs and
bytes are the same on a second request.

Prints one line per check that fails and a closing "N passed, N failed"; exits 1 on a failure.
Run by Tests/Screenshots/run against the server it starts.

usage: check_feeds.py BASE_URL      (BASE_URL ends with "/")
"""
import datetime
import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import icalendar

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
PERSONAL = ["Bennani", "Hay Salam Feeds", "Association Nour Feeds"]

passed = 0
failed = 0


def check(condition, what):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)
    return condition


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, data=None):
    """(status, headers, body bytes) without following redirects."""
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, data=data)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def check_atom(url, body):
    try:
        feed = ET.fromstring(body)
    except ET.ParseError as error:
        check(False, f"{url}: not well-formed XML: {error}")
        return None
    check(feed.tag == ATOM + "feed", f"{url}: root is atom:feed, not {feed.tag}")
    for name in ("id", "title", "updated"):
        elements = feed.findall(ATOM + name)
        check(len(elements) == 1 and (elements[0].text or "").strip(), f"{url}: feed has one non-empty {name}")
    check(RFC3339.match(feed.findtext(ATOM + "updated") or ""), f"{url}: feed updated is an RFC 3339 date-time")
    check((feed.findtext(f"{ATOM}author/{ATOM}name") or "").strip(), f"{url}: feed author has a name")
    selfs = [link.get("href") for link in feed.findall(ATOM + "link") if link.get("rel") == "self"]
    check(selfs == [url], f"{url}: rel=self is the URL fetched ({selfs})")
    ids = set()
    for entry in feed.findall(ATOM + "entry"):
        entry_id = entry.findtext(ATOM + "id") or ""
        check(entry_id and entry_id not in ids, f"{url}: entry id present and unique ({entry_id})")
        ids.add(entry_id)
        check((entry.findtext(ATOM + "title") or "").strip(), f"{url}: entry {entry_id} has a title")
        check(RFC3339.match(entry.findtext(ATOM + "updated") or ""), f"{url}: entry {entry_id} updated is RFC 3339")
        links = [link for link in entry.findall(ATOM + "link") if link.get("rel", "alternate") == "alternate"]
        check(links or entry.find(ATOM + "content") is not None, f"{url}: entry {entry_id} has a link or content")
        for link in links:
            check(link.get("href", "").startswith("http"), f"{url}: entry link is absolute")
    return feed


def check_ics(url, body):
    check(body.endswith(b"\r\n"), f"{url}: ends with CRLF")
    for number, line in enumerate(body.split(b"\r\n")[:-1], 1):
        if not check(len(line) <= 75, f"{url}: line {number} is {len(line)} octets"):
            break
        if not check(b"\n" not in line and b"\r" not in line, f"{url}: line {number} has a bare line break"):
            break
    unfolded = body.replace(b"\r\n ", b"")
    try:
        unfolded.decode("utf-8")
    except UnicodeDecodeError as error:
        check(False, f"{url}: unfolded text is not UTF-8: {error}")
    try:
        calendar = icalendar.Calendar.from_ical(body)
    except Exception as error:  # the library raises ValueError and others
        check(False, f"{url}: icalendar cannot parse it: {error}")
        return []
    events = calendar.walk("VEVENT")
    check(events, f"{url}: has events")
    zones = [zone.get("TZID") for zone in calendar.walk("VTIMEZONE")]
    uids = []
    for event in events:
        uid = str(event.get("UID", ""))
        uids.append(uid)
        for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            check(event.get(name) is not None, f"{url}: {uid or 'an event'} has {name}")
        start = event.get("DTSTART")
        if start is None:
            continue
        value = start.dt
        if isinstance(value, datetime.datetime):
            check(start.params.get("TZID") == "Africa/Casablanca", f"{url}: {uid} timed start has TZID=Africa/Casablanca ({start.params})")
            check("Africa/Casablanca" in zones, f"{url}: a VTIMEZONE for Africa/Casablanca")
            check(value.tzinfo is not None, f"{url}: {uid} start resolves to a zone")
        else:
            end = event.get("DTEND")
            check(end is not None and end.dt > value, f"{url}: {uid} all-day end is after its start")
    check(len(set(uids)) == len(uids), f"{url}: UIDs are unique")
    return uids


def send_proposal(base):
    """Sends an idea with personal data through the sandbox's open call; returns its code."""
    form_url = base + "fr/communes/demo/programs/2025-2026/proposals/new"
    status, _, body = fetch(form_url)
    if not check(status == 200, f"{form_url}: {status}"):
        return None
    page = body.decode()
    token = re.search(r'name="token" value="([^"]+)"', page)
    axis = re.search(r'<select id="axis" name="axis"[^>]*>.*?<option value="(\d+)"', page, re.S)
    if not check(token and axis, "the proposal form has a token and an axis"):
        return None
    fields = {"token": token.group(1), "website": "", "axis": axis.group(1), "title": "Un banc <devant> l'école & le parc",
              "description": "Des bancs pour attendre les enfants.", "name": "Samira Bennani", "gender": "woman",
              "association": PERSONAL[2], "neighbourhood": PERSONAL[1], "consent": "yes"}
    status, headers, _ = fetch(form_url, urllib.parse.urlencode(fields).encode())
    location = headers.get("Location", "") if headers else ""
    code = re.search(r"/fr/proposals/([^/?]+)", location)
    check(status == 303 and code, f"the idea is received (303 to its tracking page): {status} {location}")
    return code.group(1) if code else None


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    base = sys.argv[1] if sys.argv[1].endswith("/") else sys.argv[1] + "/"
    code = send_proposal(base)

    feeds = [f"{lang}/communes/{program}/feed.atom" for lang in ("ar", "fr")
             for program in ("demo/programs/2025-2026", "settat/programs/2024-2025")]
    if code:
        feeds += [f"ar/proposals/{code}/feed.atom", f"fr/proposals/{code}/feed.atom"]
    for path in feeds:
        url = base + path
        status, headers, body = fetch(url)
        if not check(status == 200, f"{url}: status {status}"):
            continue
        check(headers.get("Content-Type") == "application/atom+xml; charset=utf-8", f"{url}: Content-Type {headers.get('Content-Type')}")
        feed = check_atom(url, body)
        text = body.decode("utf-8", "replace")
        for personal in PERSONAL:
            check(personal not in text, f"{url}: shows {personal!r}")
        if feed is not None and "/proposals/" in path:
            titles = [entry.findtext(ATOM + "title") for entry in feed.findall(ATOM + "entry")]
            check(len(titles) == 1, f"{url}: one entry, the receipt ({titles})")
            check("Un banc <devant> l'école & le parc" in (feed.findtext(ATOM + "title") or ""), f"{url}: the title, unescaped by the parser")

    for path in ["ar/calendar.ics", "fr/calendar.ics"] + [f"{lang}/communes/{slug}/calendar.ics" for lang in ("ar", "fr")
                                                           for slug in ("demo", "settat", "beni-mellal")]:
        url = base + path
        status, headers, body = fetch(url)
        if not check(status == 200, f"{url}: status {status}"):
            continue
        check(headers.get("Content-Type") == "text/calendar; charset=utf-8", f"{url}: Content-Type {headers.get('Content-Type')}")
        uids = check_ics(url, body)
        _, _, again = fetch(url)
        check(again == body, f"{url}: the same bytes on a second request")
        check(uids == [str(e.get("UID")) for e in icalendar.Calendar.from_ical(again).walk("VEVENT")], f"{url}: stable UIDs")
        text = body.decode("utf-8", "replace")
        for personal in PERSONAL:
            check(personal not in text, f"{url}: shows {personal!r}")

    for path in ["fr/communes/nowhere/calendar.ics", "ar/communes/settat/programs/2030-2031/feed.atom", "fr/proposals/NOPE/feed.atom"]:
        status, _, _ = fetch(base + path)
        check(status == 404, f"{base + path}: {status}, not 404")

    print(f"feeds: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
