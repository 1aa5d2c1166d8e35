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
landscape; the execution of Settat's program and, on the sandbox's illustrative program, progress
recorded with a photo as evidence (shown on the Execution page, the project card and the integrated
idea's tracking page) and the annual evaluation pages, the published one printed on A4 portrait;
last, the program sent back to draft (its comments call closes) and the step to consultation with
its comments-call fieldset.

usage: admin.py BASE_URL LINK OUT_DIR        (run by Tests/Screenshots/run)
"""
import base64
import os
import re
import shutil
import subprocess
import sys
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from screens import browser, catalog, cut, full_page_png, overflow, periods, set_width

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
        WebDriverWait(driver, 10).until(lambda d: "saved=" in d.current_url or d.find_elements(By.CSS_SELECTOR, ".form-errors"))
        # Issue 14: back on the editor at the saved row (its fragment), which says what was saved.
        check(re.search(r"\?saved=a[0-9]+#row-a[0-9]+$", driver.current_url) is not None, "the activity is saved, back at its row",
              driver.current_url)
        marks = driver.find_elements(By.CSS_SELECTOR, "tr.saved-note .saved-mark")
        check(bool(marks) and marks[0].text.startswith(text["editor.saved_row"].split("{1}")[0].strip()), "the saved row says so")
        driver.save_screenshot(os.path.join(out, "admin-saved-row-ar-360.png"))   # the viewport the person sees

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
                    failures += periods(driver, f"{name:<17} {language} {width:>4}px")
                    if width < 600:
                        failures += cut(driver, f"{name:<17} {language} {width:>4}px", public=False)
        # Called first, then added: `check` counts into `failures` while they run, and
        # `failures += f()` would read `failures` before the call and lose those counts.
        found = execution(driver, base, out, check)
        failures += found
        found = evidence_and_evaluation(driver, base, out, check)
        failures += found
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


SETTAT = "communes/settat/programs/2024-2025"  # adopted: the run gives the account a focal-point role there


def execution(driver, base, out, check):
    """Issue 13 as a focal point on a 360 px phone in Arabic: a refused progress entry (the message
    beside the field, what was typed kept), then progress recorded on two activities of Settat's
    adopted program, an indicator's unit, baseline and target set and two measured values; then the
    admin execution pages, the public Execution page and the project card, ar and fr, 360 and 1280 px.
    (In the screenshot database only: the demo data invents no execution for Settat.)"""
    failures = 0
    admin = f"{base}/admin/ar/{SETTAT}/execution"
    set_width(driver, 360)

    def submit(url, fields, select=None):
        driver.get(url)
        for name, value in fields.items():
            box = driver.find_element(By.ID, "x-" + name)
            box.clear()
            box.send_keys(value)
        if select:
            Select(driver.find_element(By.ID, select[0])).select_by_value(select[1])
        driver.find_element(By.CSS_SELECTOR, "form.admin-form button[type=submit]").click()
        WebDriverWait(driver, 10).until(lambda d: "notice=" in d.current_url or d.find_elements(By.CSS_SELECTOR, ".form-errors"))
        return "notice=" in driver.current_url

    driver.get(f"{admin}/activities/112")
    Select(driver.find_element(By.ID, "x-status")).select_by_value("delayed")
    driver.find_element(By.ID, "x-percent").clear()
    driver.find_element(By.ID, "x-percent").send_keys("20")
    driver.find_element(By.CSS_SELECTOR, "form.admin-form button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".form-errors"))
    check(bool(driver.find_elements(By.ID, "x-reason_ar-error")), "a delayed activity without a reason: the message beside the field")
    full_page_png(driver, os.path.join(out, "admin-execution-error-ar-360.png"))
    failures += overflow(driver, 360, f"{'admin-exec-error':<17} ar  360px")

    check(submit(f"{admin}/activities/111", {"percent": "60", "started_on": "2024-02-01", "actual_cost": "4 500",
                                              "note_ar": "نُشرت ثلاث كبسولات من أصل خمس"}, ("x-status", "in-progress")),
          "progress recorded on activity 1.1")
    check(submit(f"{admin}/activities/123", {"percent": "0", "reason_ar": "لم يتوفر مكتب شاغر بعد"}, ("x-status", "delayed")),
          "activity 2.3 marked delayed with its reason")
    check(submit(f"{admin}/activities/121", {"percent": "100", "started_on": "2024-03-01", "ended_on": "2024-06-30"}, ("x-status", "done")),
          "activity 2.1 done")
    driver.get(admin)
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main a[href*='/execution/indicators/']")]
    if check(bool(links), "the execution page lists the indicators"):
        indicator = links[2] if len(links) > 2 else links[0]  # project 2's follow-up indicator: a count of opinions
        driver.get(indicator)
        Select(driver.find_element(By.ID, "x-unit")).select_by_value("count")
        for name, value in {"baseline": "0", "baseline_on": "2024-01-01", "target": "6", "target_on": "2025-12-31"}.items():
            driver.find_element(By.ID, "x-" + name).send_keys(value)
        driver.find_elements(By.CSS_SELECTOR, "form.admin-form button[type=submit]")[0].click()
        WebDriverWait(driver, 10).until(lambda d: "notice=" in d.current_url or d.find_elements(By.CSS_SELECTOR, ".form-errors"))
        check("notice=" in driver.current_url, "indicator plan set")
        for day, value in (("2024-12-31", "2"), ("2025-06-30", "4")):
            driver.get(indicator)
            driver.find_element(By.ID, "x-measured_on").clear()
            driver.find_element(By.ID, "x-measured_on").send_keys(day)
            driver.find_element(By.ID, "x-value").send_keys(value)
            driver.find_element(By.ID, "x-source_ar").send_keys("محاضر دورات المجلس")
            driver.find_element(By.CSS_SELECTOR, "form.admin-form[action$='/values'] button[type=submit]").click()
            WebDriverWait(driver, 10).until(lambda d: "notice=" in d.current_url or d.find_elements(By.CSS_SELECTOR, ".form-errors"))
            check("notice=" in driver.current_url, f"measured value {value} recorded")
        pages = [("admin-execution", f"{SETTAT}/execution"), ("admin-exec-activity", f"{SETTAT}/execution/activities/111"),
                 ("admin-exec-indicator", indicator.split("/admin/ar/")[1]), ("admin-exec-import", f"{SETTAT}/execution/import")]
    else:
        pages = []
    public = [("execution", f"{SETTAT}/execution"), ("project-execution", f"{SETTAT}/projects/2")]
    for width in (360, 1280):
        set_width(driver, width)
        for language in ("ar", "fr"):
            for name, path in pages:
                driver.get(f"{base}/admin/{language}/{path}")
                file = os.path.join(out, f"{name}-{language}-{width}.png")
                full_page_png(driver, file)
                failures += overflow(driver, width, f"{name:<17} {language} {width:>4}px  {file}")
            for name, path in public:
                driver.get(f"{base}/{language}/{path}")
                check(driver.find_elements(By.TAG_NAME, "h1") != [], f"{name} {language} {width}px opens")
                file = os.path.join(out, f"{name}-{language}-{width}.png")
                full_page_png(driver, file)
                failures += overflow(driver, width, f"{name:<17} {language} {width:>4}px  {file}")
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


ILLUSTRATIVE = "communes/demo/programs/2023-2024"  # the sandbox's illustrative program in execution (09_demo_execution.sql)
TRACKING = "DEMQEX-AMPXEA-AAAAA2"  # an idea the run script integrated into its project 2


def evidence_and_evaluation(driver, base, out, check):
    """Issue 13, part B, on a 360 px phone in Arabic: the focal point records progress on activity
    2.1 of the sandbox's illustrative program with a photo (a JPEG drawn here, with a GPS position in
    its Exif) as public evidence; the Execution page and the project card list the photo, the
    photo comes back without its position, and the integrated idea's tracking page shows the new
    progress. Then the evaluation pages (admin and public) in ar and fr at 360 and 1280 px, and
    the published evaluation printed to PDF: A4 portrait, every page."""
    failures = 0
    text = catalog("ar")
    set_width(driver, 360)
    photo = os.path.join(out, "evidence-photo.jpg")
    scan = os.path.join(out, "evidence-later.png")
    try:
        from PIL import Image, ImageDraw
        image = Image.new("RGB", (480, 320), (222, 236, 230))
        draw = ImageDraw.Draw(image)
        draw.rectangle((40, 160, 440, 290), fill=(11, 94, 85))
        draw.ellipse((340, 30, 420, 110), fill=(240, 190, 60))
        exif = Image.Exif()
        exif[0x010F] = "PhoneCam"                                  # Make
        exif[0x8825] = {1: "N", 2: (33.0, 0.0, 4.5), 3: "W", 4: (7.0, 36.0, 59.0)}  # GPS position
        image.save(photo, "JPEG", quality=85, exif=exif.tobytes())
        image.resize((240, 160)).save(scan, "PNG")
    except ImportError as error:
        check(False, "Pillow draws the evidence photo (the run installs it)", str(error))
        return failures + 1
    with open(photo, "rb") as file:
        check(b"PhoneCam" in file.read(), "the photo carries camera data before it is sent")

    driver.get(f"{base}/admin/ar/{ILLUSTRATIVE}/execution/activities/621")
    Select(driver.find_element(By.ID, "x-status")).select_by_value("in-progress")
    for name, value in {"percent": "80", "note_ar": "لقاء حي الوحدة، بالصورة"}.items():
        box = driver.find_element(By.ID, "x-" + name)
        box.clear()
        box.send_keys(value)
    driver.find_element(By.ID, "x-evidence").send_keys(os.path.abspath(photo))
    Select(driver.find_element(By.ID, "x-evidence-visibility")).select_by_value("public")
    full_page_png(driver, os.path.join(out, "admin-exec-evidence-form-ar-360.png"))
    failures += overflow(driver, 360, f"{'admin-evidence':<17} ar  360px")
    driver.find_element(By.CSS_SELECTOR, "form.admin-form button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: "notice=" in d.current_url or d.find_elements(By.CSS_SELECTOR, ".form-errors"))
    if not check("notice=" in driver.current_url, "progress with a photo recorded", driver.find_element(By.TAG_NAME, "main").text[:300]):
        return failures + 1
    check(bool(driver.find_elements(By.CSS_SELECTOR, ".evidence-list a")), "the activity's history lists the photo")

    # A file found later, added to that entry through its own small form: sent empty first (the
    # message beside its field, the form open), then with the file, kept internal.
    def add_form():
        boxes = driver.find_elements(By.CSS_SELECTOR, "details.evidence-add")
        return boxes[0] if boxes else None
    box = add_form()
    if check(box is not None, "each progress entry offers to add a file"):
        box.find_element(By.TAG_NAME, "summary").click()
        box.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "details.evidence-add[open] .field-error"))
        box = add_form()
        check(box is not None and box.get_attribute("open") is not None
              and text["evidence.error.none"] in box.text, "no file chosen: said beside that entry's field", box.text[:200] if box else "")
        driver.execute_script("arguments[0].scrollIntoView()", box)
        full_page_png(driver, os.path.join(out, "admin-exec-add-evidence-error-ar-360.png"))
        failures += overflow(driver, 360, f"{'admin-add-evid':<17} ar  360px")
        box.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(os.path.abspath(scan))
        Select(box.find_element(By.TAG_NAME, "select")).select_by_value("internal")
        button = box.find_element(By.CSS_SELECTOR, "button[type=submit]")
        button.click()
        # The page with the earlier error is still shown until the answer arrives: wait for it to go.
        WebDriverWait(driver, 20).until(EC.staleness_of(button))
        WebDriverWait(driver, 10).until(lambda d: "notice=" in d.current_url or d.find_elements(By.CSS_SELECTOR, ".field-error"))
        check("notice=" in driver.current_url and len(driver.find_elements(By.CSS_SELECTOR, ".progress-history li:first-child .evidence-list li")) == 2,
              "the later file is added to the same entry", driver.find_element(By.TAG_NAME, "main").text[:300])

    driver.get(f"{base}/ar/{ILLUSTRATIVE}/execution")
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main a[href*='/evidence/'][href$='.jpg']")]
    check(bool(links), "the public Execution page lists the photo")
    driver.get(f"{base}/ar/{ILLUSTRATIVE}/projects/2")
    card = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "main a[href*='/evidence/'][href$='.jpg']")]
    check(bool(card) and "80%" in driver.find_element(By.TAG_NAME, "main").text, "the project card shows 80% and the photo")
    if links:
        with urllib.request.urlopen(links[0]) as response:
            served = response.read()
            check(response.headers.get("Content-Type") == "image/jpeg" and served[:2] == b"\xff\xd8"
                  and b"PhoneCam" not in served and b"GPS" not in served, "the photo comes back as a JPEG without camera or position")
    driver.get(f"{base}/ar/proposals/{TRACKING}")
    main = driver.find_element(By.TAG_NAME, "main").text
    check("%" in main and driver.find_elements(By.CSS_SELECTOR, "main a[href*='/projects/2']") != [],
          "the integrated idea's tracking page shows its project's progress", main[:300])
    full_page_png(driver, os.path.join(out, "tracking-progress-ar-360.png"))
    failures += overflow(driver, 360, f"{'tracking':<17} ar  360px")

    # The 2024 evaluation written as a draft (its figures live), then every evaluation page shot.
    driver.get(f"{base}/admin/ar/{ILLUSTRATIVE}/evaluations/2024")
    driver.find_element(By.ID, "x-worked_ar").send_keys("اللقاءات في الأحياء مستمرة (مثال)")
    driver.find_element(By.CSS_SELECTOR, "form.admin-form button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: "notice=" in d.current_url or d.find_elements(By.CSS_SELECTOR, ".form-errors"))
    check("notice=" in driver.current_url, "the 2024 evaluation saved as a draft")
    pages = [("admin-evaluations", f"/admin/{{}}/{ILLUSTRATIVE}/evaluations"), ("admin-evaluation", f"/admin/{{}}/{ILLUSTRATIVE}/evaluations/2024"),
             ("admin-evaluation-published", f"/admin/{{}}/{ILLUSTRATIVE}/evaluations/2023"),
             ("admin-exec-evidence", f"/admin/{{}}/{ILLUSTRATIVE}/execution/activities/621"),
             ("execution-evidence", f"/{{}}/{ILLUSTRATIVE}/execution"), ("project-evidence", f"/{{}}/{ILLUSTRATIVE}/projects/2"),
             ("tracking-progress", f"/{{}}/proposals/{TRACKING}")]
    for width in (360, 1280):
        set_width(driver, width)
        for name, path in pages:
            for language in ("ar", "fr"):
                driver.get(base + path.format(language))
                check(driver.find_elements(By.TAG_NAME, "h1") != [] and "403" not in driver.title, f"{name} {language} {width}px opens")
                file = os.path.join(out, f"{name}-{language}-{width}.png")
                full_page_png(driver, file)
                failures += overflow(driver, width, f"{name:<17} {language} {width:>4}px  {file}")
    for language in ("ar", "fr"):
        print_evaluation(driver, f"{base}/{language}/{ILLUSTRATIVE}/evaluations/2023", os.path.join(out, f"evaluation-print-{language}"), check)
    # The 2024 draft deleted (only a draft can be); the list of years says it is not written any more.
    set_width(driver, 360)
    driver.get(f"{base}/admin/ar/{ILLUSTRATIVE}/evaluations/2024")
    delete = driver.find_elements(By.CSS_SELECTOR, "form[action$='/evaluations/2024/delete'] button[type=submit]")
    if check(bool(delete), "a draft evaluation offers its deletion"):
        delete[0].click()
        WebDriverWait(driver, 10).until(lambda d: "notice=" in d.current_url)
        check(driver.current_url.split("?")[0].endswith("/evaluations") and text["notice.evaluation_deleted"] in driver.find_element(By.TAG_NAME, "main").text,
              "the draft is deleted", driver.current_url)
    driver.get(f"{base}/admin/ar/{ILLUSTRATIVE}/evaluations/2023")
    check(not driver.find_elements(By.CSS_SELECTOR, "form[action$='/delete']"), "a published evaluation offers no deletion")
    return failures


def print_evaluation(driver, url, stem, check):
    """The published evaluation printed as the browser prints it: every page A4 portrait, and
    no blank page (each holds some text). Writes stem.pdf and PNGs of its pages."""
    driver.get(url)
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    with open(stem + ".pdf", "wb") as file:
        file.write(base64.b64decode(pdf["data"]))
    if not shutil.which("pdfinfo") or not shutil.which("pdftotext"):
        print(f"skipped  {stem}.pdf page sizes (no poppler-utils)")
        return
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "200", stem + ".pdf"], capture_output=True, text=True).stdout
    sizes = [tuple(float(x) for x in re.findall(r"([0-9.]+) x ([0-9.]+)", line)[0])
             for line in info.splitlines() if re.match(r"Page +[0-9]+ size:", line)]
    check(bool(sizes) and all(abs(w - 595) < 3 and abs(h - 842) < 3 for w, h in sizes),
          f"evaluation prints on A4 portrait ({len(sizes)} pages)", info)
    blank = []
    for page in range(1, len(sizes) + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), stem + ".pdf", "-"], capture_output=True, text=True).stdout
        if not text.strip():
            blank.append(page)
    check(not blank, "no blank page in the printed evaluation", f"blank pages {blank}")
    subprocess.run(["pdftoppm", "-png", "-r", "60", stem + ".pdf", stem + "-page"], check=False)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(1 if main(*sys.argv[1:]) else 0)
