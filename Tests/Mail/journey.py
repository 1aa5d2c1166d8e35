#!/usr/bin/python3
"""Issue 12's whole story in a real browser, on a 360 px phone, in Arabic.

An SMTP server on loopback (aiosmtpd) and Infitah with msmtp as its sendmail command, as in
check_mail.py; then, in headless Chromium:

1. a focal point made with `infitah user add` opens the one-time link, chooses a password,
   closes the sandbox's running ideas call and opens a new one in the Calls tab (Morocco time);
2. a citizen finds the new call on the home page's band of open calls, opens its form, sends an
   idea with an e-mail address, lands on the receipt, and confirms the address from the
   confirmation message's link (the page's button: a POST);
3. a committee member answers the idea from the triage page;
4. the notice with the answer reaches the SMTP server, and the proposal's Atom feed shows it.

Screenshots (JOURNEY-*.png in OUT_DIR) of each step. Every wait is bounded. Loopback only.
Prints one line per check and "N passed, N failed"; exits 1 on a failure.

usage: journey.py BIN ROOT OUT_DIR        (PYTHONPATH must reach aiosmtpd)
"""
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zoneinfo

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Screenshots"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from aiosmtpd.controller import Controller
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

import check_mail
from check_mail import Inbox, check, link, parse, request, spare_port
from screens import browser, full_page_png, set_width

PROGRAM = "communes/demo/programs/2025-2026"
TITLE = "ملاعب القرب في الحي الجديد"
ANSWER = "قُبل الاقتراح وسيُدرج في برنامج السنة المقبلة."
ADDRESS = "amina.citizen@example.ma"
PASSWORD = "نخلة باسقة في واحة درعة 2026"


def account(binary, root, database, base, role, mail):
    printed = subprocess.run([binary, "user", "add", "--db", database, "--root", root, "--email", mail, "--name", role,
                              "--role", role, "--commune", "demo", "--base-url", base],
                             capture_output=True, text=True, timeout=60).stdout.strip().splitlines()
    return printed[-1].strip() if printed else ""


def sign_in_by_link(driver, url, label):
    driver.delete_all_cookies()
    driver.get(url)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.NAME, "confirm").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: "/password/" not in d.current_url)
    return check("/admin/" in driver.current_url, f"{label}: password chosen from the one-time link, signed in", driver.current_url)


def main(binary, root, out):
    workdir = tempfile.mkdtemp(prefix="infitah-journey-")
    inbox = Inbox()
    smtp_port = spare_port()
    smtp = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    database = os.path.join(workdir, "journey.sqlite")
    command = (f"msmtp -C /dev/null --host=127.0.0.1 --port={smtp_port} --tls=off --auth=off "
               f"--domain=localhost --from=noreply@infitah.test -t")
    server = subprocess.Popen([binary, "serve", "--port", "0", "--db", database, "--root", root, "--no-access-log",
                               "--sendmail-command", command, "--mail-from", "Infitah <noreply@infitah.test>"],
                              stdout=subprocess.PIPE, stderr=open(os.path.join(workdir, "serve.err"), "w"), text=True)
    driver = None
    try:
        base = None
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and base is None:
            found = re.search(r"(http://127\.0\.0\.1:\d+)/", server.stdout.readline() or "")
            if found:
                base = found.group(1)
            elif server.poll() is not None:
                break
        if not check(base is not None, "journey: Infitah starts with msmtp as its sendmail command"):
            return 1
        driver = browser()
        set_width(driver, 360)
        journey(driver, base, binary, root, database, inbox, out)
    finally:
        if driver:
            driver.quit()
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        try:
            smtp.stop()
        except Exception:
            pass
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"journey: {check_mail.passed} passed, {check_mail.failed} failed")
    return 1 if check_mail.failed else 0


def journey(driver, base, binary, root, database, inbox, out):
    def shot(name):
        full_page_png(driver, os.path.join(out, f"journey-{name}-ar-360.png"))

    # 1. The focal point closes the running ideas call and opens a new one.
    if not sign_in_by_link(driver, account(binary, root, database, base, "focal-point", "focal.journey@example.ma"), "focal point"):
        return
    calls = f"{base}/admin/ar/{PROGRAM}/calls"
    driver.get(calls)
    driver.find_element(By.CSS_SELECTOR, "form[action$='/calls/501/close'] button").click()
    WebDriverWait(driver, 10).until(lambda d: "notice=" in d.current_url)
    check("notice=notice.call_closed" in driver.current_url, "focal point: the running ideas call is closed now")
    now = datetime.datetime.now(zoneinfo.ZoneInfo("Africa/Casablanca"))
    opens = (now + datetime.timedelta(minutes=1)).replace(second=0, microsecond=0)
    driver.get(calls + "/new")
    for name, value in [("title_ar", "إعلان تلقي الأفكار حول ملاعب القرب"), ("title_fr", "Appel à idées sur les terrains de proximité"),
                        ("opens_on", opens.strftime("%Y-%m-%d")), ("opens_time", opens.strftime("%H:%M")),
                        ("closes_on", (now + datetime.timedelta(days=10)).strftime("%Y-%m-%d")), ("closes_time", "23:59")]:
        element = driver.find_element(By.NAME, name)
        element.clear()
        element.send_keys(value)
    Select(driver.find_element(By.NAME, "kind")).select_by_value("ideas")
    shot("new-call")
    driver.find_element(By.CSS_SELECTOR, "form.admin-form button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: "notice=" in d.current_url or d.find_elements(By.CSS_SELECTOR, ".field-error"))
    if not check("notice=notice.saved" in driver.current_url, "focal point: a new ideas call is saved in Morocco time",
                 driver.find_element(By.TAG_NAME, "main").text[:400]):
        return
    shot("calls")
    # It opens at the next minute: wait for it (at most 70 s).
    deadline = time.monotonic() + 70
    while datetime.datetime.now(zoneinfo.ZoneInfo("Africa/Casablanca")) < opens and time.monotonic() < deadline:
        time.sleep(1)

    # 2. A citizen finds it from the home page and sends an idea with an e-mail address.
    driver.delete_all_cookies()
    driver.get(f"{base}/ar/")
    buttons = [a for a in driver.find_elements(By.CSS_SELECTOR, ".call-band a.button")
               if a.get_attribute("href").endswith(f"/{PROGRAM}/proposals/new")]
    if not check(bool(buttons), "citizen: the home page's band shows the new call with its button"):
        return
    shot("home")
    buttons[0].click()
    Select(driver.find_element(By.NAME, "axis")).select_by_index(1)
    driver.find_element(By.NAME, "title").send_keys(TITLE)
    driver.find_element(By.NAME, "description").send_keys("نقترح تهيئة ملعب قرب للأطفال والشباب قرب المدرسة.")
    driver.find_element(By.NAME, "email").send_keys(ADDRESS)
    consent = driver.find_element(By.NAME, "consent")
    if not consent.is_selected():
        driver.execute_script("arguments[0].click();", consent)
    shot("form")
    driver.execute_script("arguments[0].closest('form').submit();", consent)
    WebDriverWait(driver, 10).until(lambda d: "received=1" in d.current_url)
    found = re.search(r"/proposals/([A-Z2-9-]{20})\?received=1$", driver.current_url)
    if not check(found is not None, "citizen: the idea is received, the receipt shows its code", driver.current_url):
        return
    code = found.group(1)
    shot("receipt")
    received = inbox.wait(1, seconds=30)
    if not check(len(received) >= 1, "citizen: the confirmation arrives at the SMTP server"):
        return
    confirm = link(parse(received[0][1]), "confirm")
    driver.get(confirm)
    shot("confirm")
    driver.find_element(By.CSS_SELECTOR, "form.proposal-form button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".received"))
    check(True, "citizen: the address is confirmed by the page's button")

    # 3. A committee member answers it from the triage page.
    if not sign_in_by_link(driver, account(binary, root, database, base, "committee", "committee.journey@example.ma"), "committee"):
        return
    driver.get(f"{base}/admin/ar/{PROGRAM}/proposals")
    links = [a for a in driver.find_elements(By.CSS_SELECTOR, "main a") if TITLE in a.text]
    if not check(bool(links), "committee: the idea is in the triage queue"):
        return
    links[0].click()
    Select(driver.find_element(By.NAME, "status")).select_by_value("accepted")
    driver.find_element(By.NAME, "answer").send_keys(ANSWER)
    shot("triage")
    driver.find_element(By.NAME, "answer").find_element(By.XPATH, "./ancestor::form").submit()
    WebDriverWait(driver, 10).until(lambda d: "notice=" in d.current_url)
    check(True, "committee: the answer is saved")

    # 4. The notice reaches the citizen's inbox, and the proposal's feed shows the answer.
    received = inbox.wait(2, seconds=30)
    body = parse(received[-1][1]).get_content() if len(received) >= 2 else ""
    check(ANSWER in body, "the notice with the answer arrives at the SMTP server", body[:300])
    status, _, feed = request(f"{base}/ar/proposals/{code}/feed.atom")
    check(status == 200 and ANSWER in feed and ADDRESS not in feed, "the proposal's Atom feed shows the answer")
    driver.delete_all_cookies()
    driver.get(f"{base}/ar/proposals/{code}")
    check(ANSWER in driver.page_source, "the tracking page shows the answer")
    shot("tracking")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: journey.py BIN ROOT OUT_DIR")
    sys.exit(main(*sys.argv[1:]))
