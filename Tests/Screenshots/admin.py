#!/usr/bin/python3
"""The admin area in a real browser, as a focal point would use it on a 360 px phone in Arabic.

Opens the one-time link printed by `infitah user add` (LINK), chooses a password, lands on the
dashboard, opens the sandbox commune's draft program in the editor, adds an activity to its first project through the
activity form, and checks that the public matrix shows it. Then screenshots of the admin pages
the person uses every day (dashboard, program editor, proposals queue and one proposal, workshop
entry, council review and its packet, lifecycle, committee, milestones, events, partners, CSV
import, audit log, account, the new-axis form sent empty, the calls tab, a call and the new-call
form sent empty, sign-in) in ar and fr at 360 and 1280 px, each checked for sideways overflow like
the public pages (screens.py); the review packet printed to PDF, checked to be A4 with its matrix
landscape; last, the program sent back to draft (its comments call closes) and the step to
consultation with its comments-call fieldset.

usage: admin.py BASE_URL LINK OUT_DIR        (run by Tests/Screenshots/run)
"""
import base64
import os
import re
import shutil
import subprocess
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from screens import browser, catalog, full_page_png, overflow, set_width

PROGRAM = "communes/demo/programs/2025-2026"  # in consultation: editable without an amendment, with two public versions
PASSWORD = "شجرة الزيتون الخضراء 2026"
ACTIVITY = "ورشة تكوينية حول الميزانية التشاركية لفائدة جمعيات الأحياء"


def main(base, link, out):
    os.makedirs(out, exist_ok=True)
    base = base.rstrip("/")
    text = catalog("ar")
    failures = 0

    def check(ok, label, detail=""):
        nonlocal failures
        print(f"{'ok      ' if ok else 'FAILED  '} admin: {label}{'  ' + detail if detail and not ok else ''}")
        if not ok:
            failures += 1
        return ok

    driver = browser()
    try:
        set_width(driver, 360)
        driver.get(link)
        check(driver.find_elements(By.ID, "password") != [], "the one-time link opens the password form", driver.current_url)
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.ID, "confirm").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        WebDriverWait(driver, 10).until(lambda d: "/admin/ar/?notice=" in d.current_url or d.find_elements(By.CSS_SELECTOR, ".form-errors"))
        check("/admin/ar/" in driver.current_url and text["notice.password_set"] in driver.find_element(By.TAG_NAME, "main").text,
              "password chosen, signed in, on the dashboard", driver.current_url)

        driver.get(f"{base}/admin/ar/{PROGRAM}")
        links = driver.find_elements(By.CSS_SELECTOR, "a[href*='/activities/new']")
        if not check(bool(links), "the program editor offers 'add activity'", driver.current_url):
            return failures
        driver.get(links[0].get_attribute("href"))
        fields = driver.find_elements(By.ID, "f-title_ar")
        if not check(bool(fields), "the activity form opens", driver.current_url + " " + driver.find_element(By.TAG_NAME, "main").text[:400]):
            return failures
        fields[0].send_keys(ACTIVITY)
        driver.find_element(By.ID, "f-start").send_keys("2025-03-01")
        driver.find_element(By.ID, "f-end").send_keys("2025-03-31")
        full_page_png(driver, os.path.join(out, "admin-activity-ar-360.png"))
        failures += overflow(driver, 360, f"{'admin-activity':<14} ar  360px")
        driver.find_element(By.CSS_SELECTOR, "form.admin-form button[type=submit]").click()
        WebDriverWait(driver, 10).until(lambda d: "notice=" in d.current_url or d.find_elements(By.CSS_SELECTOR, ".form-errors"))
        check("notice=" in driver.current_url, "the activity is saved (303 with a notice)", driver.current_url)

        driver.get(f"{base}/ar/{PROGRAM}/matrix")
        check(ACTIVITY in driver.find_element(By.TAG_NAME, "main").text, "the public matrix shows the new activity")

        driver.get(f"{base}/admin/ar/{PROGRAM}/proposals")
        found = [re.search(r"/proposals/([0-9]+)$", a.get_attribute("href") or "")
                 for a in driver.find_elements(By.CSS_SELECTOR, "main a[href*='/proposals/']")]
        proposal = next((m.group(1) for m in found if m), None)
        check(proposal is not None, "the proposals queue links to a proposal")
        # (name, path, form to submit empty): the pages staff use every day, and one form's errors.
        pages = [("admin-dashboard", "", None), ("admin-program", PROGRAM, None),
                 ("admin-proposals", PROGRAM + "/proposals", None),
                 ("admin-review", PROGRAM + "/review", None), ("admin-packet", PROGRAM + "/review/2/packet", None),
                 ("admin-lifecycle", PROGRAM + "/lifecycle", None), ("admin-committee", PROGRAM + "/committee", None),
                 ("admin-milestones", PROGRAM + "/milestones", None), ("admin-events", PROGRAM + "/events", None),
                 ("admin-partners", PROGRAM + "/partners", None), ("admin-import", PROGRAM + "/import", None),
                 ("admin-workshop", PROGRAM + "/proposals/workshop", None), ("admin-audit", "audit", None),
                 ("admin-account", "account", None), ("admin-axis-error", PROGRAM + "/axes/new", "form.admin-form"),
                 ("admin-calls", PROGRAM + "/calls", None), ("admin-call", PROGRAM + "/calls/501", None),
                 ("admin-call-error", PROGRAM + "/calls/new", "form.admin-form")]
        if proposal:
            pages.append(("admin-triage", f"{PROGRAM}/proposals/{proposal}", None))
        for width in (360, 1280):
            set_width(driver, width)
            for name, path, submit in pages:
                for language in ("ar", "fr"):
                    driver.get(f"{base}/admin/{language}/{path}")
                    if submit:
                        driver.find_element(By.CSS_SELECTOR, submit + " button[type=submit]").click()
                        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".form-errors"))
                    heading = driver.find_elements(By.TAG_NAME, "h1")
                    if not check(bool(heading) and "403" not in driver.title, f"{name} {language} {width}px opens", driver.current_url):
                        continue
                    file = os.path.join(out, f"{name}-{language}-{width}.png")
                    full_page_png(driver, file)
                    failures += overflow(driver, width, f"{name:<17} {language} {width:>4}px  {file}")
        for language in ("ar", "fr"):
            print_packet(driver, f"{base}/admin/{language}/{PROGRAM}/review/2/packet",
                                     os.path.join(out, f"admin-packet-{language}"), check)
        # Issue 12: the step back to draft closes the sandbox's comments call (said on the Calls tab),
        # and the step to consultation offers to open a new one in the same form. Last, as it moves the program.
        driver.get(f"{base}/admin/fr/{PROGRAM}/lifecycle/to/draft")
        driver.find_element(By.CSS_SELECTOR, "form.admin-form button[type=submit]").click()
        WebDriverWait(driver, 10).until(lambda d: "notice=" in d.current_url)
        check("notice=notice.lifecycle_moved" in driver.current_url, "back to draft recorded", driver.current_url)
        for width in (360, 1280):
            set_width(driver, width)
            for name, path in (("admin-to-consultation", "/lifecycle/to/consultation"), ("admin-calls-rework", "/calls")):
                for language in ("ar", "fr"):
                    driver.get(f"{base}/admin/{language}/{PROGRAM}{path}")
                    file = os.path.join(out, f"{name}-{language}-{width}.png")
                    full_page_png(driver, file)
                    failures += overflow(driver, width, f"{name:<17} {language} {width:>4}px  {file}")
        driver.delete_all_cookies()
        set_width(driver, 360)
        driver.get(f"{base}/admin/ar/login")
        full_page_png(driver, os.path.join(out, "admin-login-ar-360.png"))
        failures += overflow(driver, 360, f"{'admin-login':<14} ar  360px")
    finally:
        driver.quit()
    print(f"admin: {failures} problem(s)" if failures else "admin: no problems")
    return failures


def print_packet(driver, url, stem, check):
    """The review packet printed as the browser prints it (CSS page sizes honoured): portrait
    A4 pages with the matrix on landscape ones. Writes stem.pdf and a PNG of the first landscape
    page (pdfinfo/pdftoppm from poppler-utils, skipped when missing); a problem counts through `check`."""
    driver.get(url)
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    with open(stem + ".pdf", "wb") as file:
        file.write(base64.b64decode(pdf["data"]))
    if not shutil.which("pdfinfo") or not shutil.which("pdftoppm"):
        print(f"skipped  {stem}.pdf page sizes (no poppler-utils)")
        return
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "200", stem + ".pdf"], capture_output=True, text=True).stdout
    sizes = [tuple(float(x) for x in re.findall(r"([0-9.]+) x ([0-9.]+)", line)[0])
             for line in info.splitlines() if re.match(r"Page +[0-9]+ size:", line)]
    landscape = [n + 1 for n, (w, h) in enumerate(sizes) if w > h]
    portrait = [n + 1 for n, (w, h) in enumerate(sizes) if w < h]
    check(bool(landscape) and bool(portrait) and all(abs(min(w, h) - 595) < 3 and abs(max(w, h) - 842) < 3 for w, h in sizes),
          f"packet prints on A4, matrix landscape ({len(portrait)} portrait, landscape pages {landscape})", info)
    if landscape:
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(landscape[0]), "-l", str(landscape[0]), "-singlefile",
                        stem + ".pdf", stem + "-matrix"], check=False)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", stem + ".pdf", stem + "-page1"], check=False)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(1 if main(*sys.argv[1:]) else 0)
