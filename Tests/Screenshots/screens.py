#!/usr/bin/python3
"""Screenshots and a horizontal-overflow check of the public pages, in a real browser.

For each page, language (ar, fr) and width (360 px phone, 1280 px desktop): loads the page in
headless Chromium, saves a full-page PNG to OUT/<page>-<lang>-<width>.png, and checks that the
page itself never scrolls sideways (document.documentElement.scrollWidth <= the width).
A wide table may scroll inside its own `.table-scroll` box; that is not overflow. When a page
overflows, the elements sticking out are named to help find the rule at fault.

Prints one line per page and exits 1 when a page is missing (status other than 200) or
overflows. Run by Tests/Screenshots/run, which builds and starts the server.

usage: screens.py BASE_URL OUT_DIR
Needs Debian's chromium, chromium-driver and python3-selenium (hence /usr/bin/python3).
"""
import base64
import os
import sys
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

PROGRAM = "communes/settat/programs/2024-2025"
PAGES = [
    ("home", ""),
    ("program", PROGRAM),
    ("matrix", PROGRAM + "/matrix"),
    ("project", PROGRAM + "/projects/1"),
    ("participation", PROGRAM + "/participation"),
    ("network", "network"),
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
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], MAX_HEIGHT), "scale": 1}
    shot = driver.execute_cdp_cmd("Page.captureScreenshot",
                                  {"format": "png", "captureBeyondViewport": True, "clip": clip})
    with open(path, "wb") as file:
        file.write(base64.b64decode(shot["data"]))


def main(base, out):
    os.makedirs(out, exist_ok=True)
    base = base.rstrip("/")
    failures = 0
    driver = browser()
    try:
        for width in WIDTHS:
            set_width(driver, width)
            for name, path in PAGES:
                for language in LANGUAGES:
                    url = f"{base}/{language}/{path}"
                    code = status(url)
                    label = f"{name:<14} {language} {width:>4}px"
                    if code != 200:
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
    finally:
        driver.quit()
    print(f"{failures} problem(s)" if failures else "no problems")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: screens.py BASE_URL OUT_DIR")
    sys.exit(main(sys.argv[1], sys.argv[2]))
