#!/usr/bin/python3
"""Screenshots and a horizontal-overflow check of the public pages, in a real browser.

For each page, language (ar, fr) and width (360 px phone, 1280 px desktop): loads the page in
headless Chromium, saves a full-page PNG to OUT/<page>-<lang>-<width>.png, and checks that the
page itself never scrolls sideways (document.documentElement.scrollWidth <= the width).
A wide table may scroll inside its own `.table-scroll` box; that is not overflow. When a page
overflows, the elements sticking out are named to help find the rule at fault.

Issue 14: on each page, every period ("2024-2025") is measured as drawn: its first year must lie to
the left of its second on the same line (not reversed by the bidi algorithm inside Arabic, not
broken); at 360 px no box may cut its content (scrollWidth > clientWidth outside a box that
scrolls) and no table may be wider than its box.

Then the proposal flow of the sandbox commune's open ideas call, as a citizen on a 360 px phone
in Arabic: a validation round trip (empty title -> the error next to the field, the typed
description kept), then the filled form (screenshot), submit, the receipt at /ar/proposals/<code>
with the title typed and the status "processing" (screenshot), and the tracking URL opened
again fresh; then the code typed by hand (lower case, no dashes) into /ar/proposals leads back to
it, and its personal data is erased from its confirmation page (screenshots of the tracking page,
the confirmation and the page that says it is done). Every screenshot is checked for sideways
overflow too.

Prints one line per page or step and exits 1 when a page is missing (a status other than its own: 200, or 404 for the error pages),
overflows, or a step of the proposal flow fails. Run by Tests/Screenshots/run, which builds and starts the server.

usage: screens.py BASE_URL OUT_DIR
Needs Debian's chromium, chromium-driver and python3-selenium (hence /usr/bin/python3).
"""
import base64
import os
import re
import sys
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

PROGRAM = "communes/settat/programs/2024-2025"
PAGES = [
    ("home", ""),
    ("commune", "communes/settat"),
    ("program", PROGRAM),
    ("matrix", PROGRAM + "/matrix"),
    ("project", PROGRAM + "/projects/1"),
    ("participation", PROGRAM + "/participation"),
    ("network", "network"),
    ("versions", "communes/demo/programs/2025-2026/versions"),
    # The sandbox's consultation draft against its program after the consultation (issue 6).
    ("compare", "communes/demo/programs/2025-2026/versions/compare"),
    # Issue 12: every open and upcoming call, a commune's open calls, a program with open calls at the top.
    ("calls", "calls"),
    ("dashboard", "network/dashboard"),
    ("search", "search?q=%D8%A7%D9%84%D9%85%D9%8A%D8%B2%D8%A7%D9%86%D9%8A%D8%A9+budget"),
    ("commune-demo", "communes/demo"),
    ("program-demo", "communes/demo/programs/2025-2026"),
    # Following a proposal and the notices the consent box points to (issue 12).
    ("lookup", "proposals"),
    ("terms", "terms"),
    ("privacy", "privacy"),
    # Issue 13: Settat's program is adopted and nothing of its execution is documented, so its
    # Execution page says so (admin.py records progress and shoots it filled); the data page links it.
    ("execution-empty", PROGRAM + "/execution"),
    ("data", "data"),
    # Issue 13, part B: the sandbox's illustrative program in execution (made up, and labelled so):
    # its Execution page with the evidence and the evaluation, a project card, the published evaluation.
    ("execution-demo", "communes/demo/programs/2023-2024/execution"),
    ("project-demo", "communes/demo/programs/2023-2024/projects/1"),
    ("evaluation", "communes/demo/programs/2023-2024/evaluations/2023"),
    ("program-illustrative", "communes/demo/programs/2023-2024"),
    # Issue 17: an error page says what is missing, in the page's language (expected status 404).
    ("missing-program", "communes/settat/programs/2030-2031", 404),
    ("missing-commune", "communes/nowhere", 404),
]
LANGUAGES = ["ar", "fr"]
WIDTHS = [360, 1280]
MAX_HEIGHT = 12000  # a full-page shot taller than this is cut (the matrix can be long)

# Elements whose box reaches past the viewport's sides, outside any box that scrolls itself.
OFFENDERS_JS = """
const width = document.documentElement.clientWidth, found = [];
for (const el of document.body.querySelectorAll('*')) {
  if (el.closest('.table-scroll')) continue;
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  if (r.right > width + 0.5 || r.left < -0.5) {
    let name = el.tagName.toLowerCase();
    if (el.id) name += '#' + el.id;
    if (typeof el.className === 'string' && el.className.trim()) name += '.' + el.className.trim().split(/\\s+/).join('.');
    found.push(name + ' [' + Math.round(r.left) + '..' + Math.round(r.right) + ']');
  }
}
return found.slice(0, 6);
"""


# Issue 14: every period "2024-2025" drawn as written, 2024 to the left of 2025, on one line.
PERIODS_JS = """
const found = [], walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
let seen = 0;
while (walker.nextNode()) {
  const node = walker.currentNode, re = /(20[0-9][0-9])-(20[0-9][0-9])/g;
  if (node.parentElement.closest('select, option, script, style')) continue;
  let m;
  while ((m = re.exec(node.data))) {
    if (node.data[m.index - 1] === '/') continue;   // a piece of an address, not a period
    const first = document.createRange(), second = document.createRange();
    first.setStart(node, m.index); first.setEnd(node, m.index + 4);
    second.setStart(node, m.index + 5); second.setEnd(node, m.index + 9);
    const a = first.getBoundingClientRect(), b = second.getBoundingClientRect();
    if (a.width === 0 || b.width === 0) continue;   // not drawn (hidden, print only)
    seen += 1;
    const where = node.parentElement.tagName.toLowerCase() + (node.parentElement.className ? '.' + node.parentElement.className : '');
    if (Math.abs(a.top - b.top) > 2) found.push(m[0] + ' broken across lines in ' + where);
    else if (a.left >= b.left) found.push(m[0] + ' drawn reversed (' + Math.round(a.left) + ' >= ' + Math.round(b.left) + ') in ' + where);
  }
}
return [seen, found.slice(0, 6)];
"""

# Issue 14: at 360 px nothing is cut: no box narrower than what it holds unless it scrolls, and on
# a public page no table wider than its box.
CUT_JS = """
const found = [], publicPage = arguments[0];
for (const el of document.body.querySelectorAll('*')) {
  const style = getComputedStyle(el);
  if (style.display === 'inline' || style.display === 'none' || el.clientWidth <= 1) continue;
  if (style.clipPath !== 'none' || el.closest('svg')) continue;   // visually hidden text, drawings
  const scrolls = ['auto', 'scroll'].includes(style.overflowX);
  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  if (!scrolls && el.scrollWidth > el.clientWidth + 1 && !['input', 'select', 'textarea'].includes(el.tagName.toLowerCase()))
    found.push(name + ' cut: ' + el.scrollWidth + ' > ' + el.clientWidth);
  if (publicPage && el.tagName === 'TABLE' && el.parentElement && el.getBoundingClientRect().width > el.parentElement.clientWidth + 1)
    found.push(name + ' wider than its box: ' + Math.round(el.getBoundingClientRect().width) + ' > ' + el.parentElement.clientWidth);
}
return found.slice(0, 6);
"""


def periods(driver, label):
    """One line about the periods drawn on the page; 1 when one reads reversed or breaks."""
    seen, found = driver.execute_script(PERIODS_JS)
    if found:
        print(f"REVERSED {label}  {'; '.join(found)}")
        return 1
    if seen:
        print(f"ok       {label}  {seen} period(s) drawn as written")
    return 0


def cut(driver, label, public=True):
    """One line about boxes that cut their content at a phone's width; 1 when one does."""
    found = driver.execute_script(CUT_JS, public)
    if found:
        print(f"CUT      {label}  {'; '.join(found)}")
        return 1
    return 0


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                 "--disable-dev-shm-usage", "--force-device-scale-factor=1"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(20)
    return driver


def set_width(driver, width):
    # Device emulation, not a window size: the page gets exactly this layout viewport, and a
    # phone width is treated as a phone (meta viewport honoured), as a visitor's phone would.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 800 if width < 600 else 900,
        "deviceScaleFactor": 1, "mobile": width < 600,
    })


def full_page_png(driver, path):
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], MAX_HEIGHT), "scale": 1}
    # Only a page taller than the viewport is captured beyond it: Chromium shifted a short
    # right-to-left page sideways when asked to (the Arabic look-up page at 1280 px lost its right side).
    beyond = size["height"] > metrics["cssLayoutViewport"]["clientHeight"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot",
                                  {"format": "png", "captureBeyondViewport": beyond, "clip": clip})
    with open(path, "wb") as file:
        file.write(base64.b64decode(shot["data"]))


FORM_PATH = "communes/demo/programs/2025-2026/proposals/new"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def catalog(language):
    """The i18n catalog (key = text), so the test checks the very text a reader sees."""
    entries = {}
    with open(os.path.join(ROOT, "Templates", "i18n", f"{language}.strings"), encoding="utf-8") as file:
        for line in file:
            key, sep, value = line.partition("=")
            if sep and not line.lstrip().startswith("#"):
                entries[key.strip()] = value.strip()
    return entries


def overflow(driver, width, label):
    """One line about sideways scrolling; 1 when the page overflows."""
    scroll_width = driver.execute_script("return document.documentElement.scrollWidth;")
    if scroll_width > width:
        offenders = driver.execute_script(OFFENDERS_JS)
        print(f"OVERFLOW {label}  scrollWidth {scroll_width} > {width}: {', '.join(offenders)}")
        return 1
    print(f"ok       {label}  scrollWidth {scroll_width} <= {width}")
    return 0


def proposal_flow(driver, base, out):
    """A citizen's idea sent from a phone in Arabic; returns the number of problems."""
    width, language = 360, "ar"
    text = catalog(language)
    set_width(driver, width)
    form_url = f"{base}/{language}/{FORM_PATH}"
    failures = 0

    def check(ok, label, detail=""):
        nonlocal failures
        print(f"{'ok      ' if ok else 'FAILED  '} proposal: {label}{'  ' + detail if detail and not ok else ''}")
        if not ok:
            failures += 1
        return ok

    if not check(status(form_url) == 200, "form page answers 200", form_url):
        return failures
    title = "إنارة الأزقة في حي النهضة"
    description = "نقترح تركيب مصابيح تعمل بالطاقة الشمسية في الأزقة المظلمة قرب المدرسة، حفاظا على سلامة التلاميذ مساء."

    # Validation round trip: the browser's own `required` check is switched off so the
    # server's answer is what is seen.
    driver.get(form_url)
    driver.execute_script("document.querySelector('form.proposal-form').noValidate = true;")
    Select(driver.find_element(By.ID, "axis")).select_by_index(1)
    driver.find_element(By.ID, "description").send_keys(description)
    driver.find_element(By.ID, "consent").click()
    driver.find_element(By.CSS_SELECTOR, "form.proposal-form button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "title-error"))
    error = driver.find_element(By.ID, "title-error")
    beside = driver.execute_script(
        "const e = document.getElementById('title-error'), f = document.getElementById('title');"
        "return e.parentElement === f.parentElement && f.getAttribute('aria-describedby') === 'title-error';")
    check(error.text.strip() == text["proposal.error.required"], "empty title: error text shown",
          repr(error.text))
    check(beside, "empty title: error next to the title field (same .field, aria-describedby)")
    kept = driver.find_element(By.ID, "description").get_property("value")
    check(kept == description, "empty title: typed description kept", repr(kept))
    check(driver.find_element(By.ID, "consent").is_selected(), "empty title: consent tick kept")

    # The real submission, from a fresh form.
    driver.get(form_url)
    Select(driver.find_element(By.ID, "axis")).select_by_index(1)
    driver.find_element(By.ID, "title").send_keys(title)
    driver.find_element(By.ID, "description").send_keys(description)
    driver.find_element(By.ID, "consent").click()
    check(driver.find_element(By.ID, "title").get_property("value") == title, "title typed in Arabic")
    file = os.path.join(out, f"proposal-form-{language}-{width}.png")
    full_page_png(driver, file)
    failures += overflow(driver, width, f"{'proposal-form':<14} {language} {width:>4}px  {file}")
    driver.find_element(By.CSS_SELECTOR, "form.proposal-form button[type=submit]").click()
    # The receipt is the tracking page marked ?received=1 (it thanks once); the code's own URL has no mark.
    receipt = re.compile(re.escape(base) + r"/ar/proposals/([A-Z2-9]{6}-[A-Z2-9]{6}-[A-Z2-9]{6})\?received=1$")
    try:
        WebDriverWait(driver, 10).until(lambda d: receipt.match(d.current_url))
    except Exception:
        check(False, "submit lands on /ar/proposals/<code>", driver.current_url)
        return failures
    receipt_url = driver.current_url
    tracking_url = receipt_url.split("?")[0]
    check(True, f"submit lands on {receipt_url}")
    body = driver.find_element(By.TAG_NAME, "main").text
    check(text["proposal.received.thanks"] in body, "receipt thanks: " + text["proposal.received.thanks"])
    check(title in body, "receipt shows the title typed")
    check(text["proposal.status.processing"] in body, "receipt shows the status " + text["proposal.status.processing"])
    code = receipt.match(receipt_url).group(1)
    check(code in body, "receipt shows the tracking code")
    file = os.path.join(out, f"proposal-receipt-{language}-{width}.png")
    full_page_png(driver, file)
    failures += overflow(driver, width, f"{'proposal-rcpt':<14} {language} {width:>4}px  {file}")

    # Coming back later: the tracking URL alone, with no browser state, still answers.
    try:
        with urllib.request.urlopen(tracking_url, timeout=10) as response:
            fresh_status, fresh = response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        fresh_status, fresh = error.code, ""
    check(fresh_status == 200 and title in fresh and code in fresh
          and text["proposal.status.processing"] in fresh and text["proposal.received.thanks"] not in fresh,
          "tracking URL opened fresh: 200 with title, code, status, and no thanks",
          f"HTTP {fresh_status}")
    driver.delete_all_cookies()
    driver.get(tracking_url)
    check(title in driver.find_element(By.TAG_NAME, "main").text, "tracking URL reopened in the browser")
    file = os.path.join(out, f"proposal-tracking-{language}-{width}.png")
    full_page_png(driver, file)
    failures += overflow(driver, width, f"{'proposal-track':<14} {language} {width:>4}px  {file}")

    # Found again by its code, typed the way a person types it.
    driver.get(f"{base}/{language}/proposals")
    driver.find_element(By.ID, "code").send_keys(code.replace("-", "").lower())
    driver.find_element(By.CSS_SELECTOR, "form.lookup-form button[type=submit]").click()
    try:
        WebDriverWait(driver, 10).until(lambda d: d.current_url == tracking_url)
        check(True, "code typed in lower case without dashes leads to the tracking page")
    except Exception:
        check(False, "code typed in lower case without dashes leads to the tracking page", driver.current_url)

    # Erasing its personal data: the confirmation, then the page that says it is done.
    driver.find_element(By.LINK_TEXT, text["proposal.tracking.erase_link"]).click()
    file = os.path.join(out, f"proposal-erase-{language}-{width}.png")
    full_page_png(driver, file)
    failures += overflow(driver, width, f"{'proposal-erase':<14} {language} {width:>4}px  {file}")
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    try:
        WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/erase?done=1"))
        body = driver.find_element(By.TAG_NAME, "main").text
        check(text["erase.done.message"] in body, "erase: the page says it was done")
    except Exception:
        check(False, "erase lands on .../erase?done=1", driver.current_url)
    file = os.path.join(out, f"proposal-erased-{language}-{width}.png")
    full_page_png(driver, file)
    failures += overflow(driver, width, f"{'proposal-erasd':<14} {language} {width:>4}px  {file}")
    return failures


def pdf_pages(driver, url, stem):
    """The page printed as Chrome prints it (CSS page sizes honoured): stem.pdf, a PNG per page,
    and the text of each page (poppler's pdftotext); None when poppler-utils is missing."""
    import shutil, subprocess
    driver.get(url)
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    with open(stem + ".pdf", "wb") as file:
        file.write(base64.b64decode(pdf["data"]))
    if not shutil.which("pdfinfo") or not shutil.which("pdftotext"):
        print(f"skipped  {stem}.pdf pages (no poppler-utils)")
        return None
    info = subprocess.run(["pdfinfo", stem + ".pdf"], capture_output=True, text=True).stdout
    count = int(re.search(r"Pages:\s+([0-9]+)", info).group(1))
    subprocess.run(["pdftoppm", "-png", "-r", "50", stem + ".pdf", stem + "-page"], check=False)
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), stem + ".pdf", "-"],
                           capture_output=True, text=True).stdout for n in range(1, count + 1)]


def first_page_filled(pdf):
    """How far down its first page a PDF's ink goes (0 to 1), from a grey render by pdftoppm."""
    import subprocess
    stem = pdf[:-4] + "-fill"
    subprocess.run(["pdftoppm", "-gray", "-r", "30", "-f", "1", "-l", "1", pdf, stem], check=False)
    path = next((stem + suffix for suffix in ("-1.pgm", "-01.pgm", "-001.pgm") if os.path.exists(stem + suffix)), None)
    if path is None:
        return 0.0
    with open(path, "rb") as file:
        data = file.read()
    os.remove(path)
    fields, position = [], 0
    while len(fields) < 4:   # P5, width, height, maxval, separated by whitespace
        while data[position:position + 1].isspace():
            position += 1
        start = position
        while not data[position:position + 1].isspace():
            position += 1
        fields.append(data[start:position])
    width, height = int(fields[1]), int(fields[2])
    pixels = data[position + 1:]
    last = max((row for row in range(height) if min(pixels[row * width:(row + 1) * width]) < 200), default=0)
    return (last + 1) / height


def print_checks(driver, base, out):
    """Issue 14, print: every page of the printed matrix after the first names the axis and project
    its rows belong to; a printed project card ends on a page worth printing (no near-empty page)."""
    failures = 0
    set_width(driver, 1280)
    pages = pdf_pages(driver, f"{base}/fr/{PROGRAM}/matrix", os.path.join(out, "print-matrix-fr"))
    if pages is not None:
        unnamed = [n + 1 for n, text in enumerate(pages) if n > 0 and not re.search(r"Axe [0-9]+ › Projet [0-9]+", text)]
        ok = len(pages) > 1 and not unnamed
        print(f"{'ok      ' if ok else 'FAILED  '} print: the matrix's {len(pages)} pages name their axis and project"
              + ("" if ok else f" (pages without: {unnamed}; a one-page print cannot show it)"))
        failures += 0 if ok else 1
    # The first page is not left half empty by a row pushed whole to the next page: its ink reaches
    # well down the page (Taroudant's activities carry their project's partners, the tallest rows).
    for language, slug in (("fr", "settat"), ("fr", "taroudant"), ("ar", "taroudant")):
        stem = os.path.join(out, f"print-matrix-{slug}-{language}")
        if pdf_pages(driver, f"{base}/{language}/communes/{slug}/programs/2024-2025/matrix", stem) is None:
            continue
        filled = first_page_filled(stem + ".pdf")
        ok = filled >= 0.75
        print(f"{'ok      ' if ok else 'FAILED  '} print: {slug} matrix ({language}), first page filled to {filled:.0%} of its height")
        failures += 0 if ok else 1
    for project in (1, 4):
        pages = pdf_pages(driver, f"{base}/ar/{PROGRAM}/projects/{project}", os.path.join(out, f"print-project-{project}-ar"))
        if pages is None:
            continue
        lines = [len([line for line in text.splitlines() if line.strip()]) for text in pages]
        ok = all(count >= 6 for count in lines)
        print(f"{'ok      ' if ok else 'FAILED  '} print: project {project} card, lines per page {lines} (none near-empty)")
        failures += 0 if ok else 1
    return failures


def main(base, out):
    os.makedirs(out, exist_ok=True)
    base = base.rstrip("/")
    failures = 0
    driver = browser()
    try:
        for width in WIDTHS:
            set_width(driver, width)
            for name, path, *expected in PAGES:
                for language in LANGUAGES:
                    url = f"{base}/{language}/{path}"
                    code = status(url)
                    label = f"{name:<14} {language} {width:>4}px"
                    if code != (expected[0] if expected else 200):
                        print(f"MISSING  {label}  HTTP {code}  {url}")
                        failures += 1
                        continue
                    driver.get(url)
                    # Compared with the emulated width, not innerWidth: on a phone an overflowing
                    # page widens the visual viewport (zooms out), and innerWidth grows with it.
                    scroll_width = driver.execute_script("return document.documentElement.scrollWidth;")
                    file = os.path.join(out, f"{name}-{language}-{width}.png")
                    full_page_png(driver, file)
                    if scroll_width > width:
                        offenders = driver.execute_script(OFFENDERS_JS)
                        print(f"OVERFLOW {label}  scrollWidth {scroll_width} > {width}: {', '.join(offenders)}")
                        failures += 1
                    else:
                        print(f"ok       {label}  scrollWidth {scroll_width} <= {width}  {file}")
                    failures += periods(driver, label)
                    if width < 600:
                        failures += cut(driver, label)
        failures += proposal_flow(driver, base, out)
        failures += print_checks(driver, base, out)
    finally:
        driver.quit()
    print(f"{failures} problem(s)" if failures else "no problems")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: screens.py BASE_URL OUT_DIR")
    sys.exit(main(sys.argv[1], sys.argv[2]))
