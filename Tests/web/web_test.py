"""Browser test of the SunSpot web page against a live sunspotd (Scripts/web-test.sh starts it).

Drives Debian's chromium through chromedriver (selenium), the way a person would: adds and
moves buildings, sets floors, places a window, saves, reopens the share link, picks a flat,
reads its table, switches language, meets a save conflict, plays the day, and checks a phone
layout. The table shown must carry exactly the numbers GET …/sunlight returns (fetched here
independently), the page's drawing sun must agree with GET /v1/sun, and the browser console
must stay free of errors. Screenshots of each state go to --screenshots.

Usage: web_test.py --base http://127.0.0.1:PORT --screenshots DIR
"""

import argparse
import json
import math
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

# Tolerances for the page's drawing sun (web/js/solar.js, NOAA/Meeus low-accuracy series)
# against the engine's NREL SPA via /v1/sun: both angles, sun above 5° elevation.
SUN_ANGLE_TOLERANCE_DEG = 0.02
TRUE_SOLAR_TOLERANCE_S = 5


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Page:
    def __init__(self, base, shots, lang, size=(1400, 900), touch=False, prefix=""):
        self.base = base.rstrip("/")
        self.shots = shots
        self.prefix = prefix
        self.allowed_errors = []
        self.taps = []
        options = webdriver.ChromeOptions()
        for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={size[0]},{size[1]}",
                    "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist",
                    f"--lang={lang}"]:
            options.add_argument(arg)
        options.add_experimental_option("prefs", {"intl.accept_languages": lang})
        options.binary_location = "/usr/bin/chromium"
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.set_script_timeout(30)
        self.wait = WebDriverWait(self.driver, 30)
        self.shot_index = 0
        self.size = size
        if touch:
            # A phone: its viewport, device pixels, and a touch screen (pointer events of type touch).
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": size[0], "height": size[1], "deviceScaleFactor": 2, "mobile": True})
            self.driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
        self.touch = touch

    # -- helpers ---------------------------------------------------------------------------
    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def by_id(self, element_id):
        return self.driver.find_element(By.ID, element_id)

    def until(self, predicate, what):
        try:
            return self.wait.until(lambda d: predicate())
        except TimeoutException:
            raise Failure(f"timed out waiting for {what}")

    def open(self, path):
        self.driver.get(self.base + path)
        self.until(lambda: self.js("return document.body.dataset.ready === 'true'"), "the page to start")

    def document(self):
        return self.js("return JSON.parse(JSON.stringify(window.sunspot.model.document))")

    def screenshot(self, name, what):
        self.shot_index += 1
        path = f"{self.shots}/{self.prefix}{self.shot_index:02d}-{name}.png"
        # Let the 3D view draw its pending frame first (it renders on requestAnimationFrame).
        self.driver.execute_async_script(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()))")
        self.driver.save_screenshot(path)
        print(f"  screenshot {path}: {what}")

    def console_errors(self):
        """Console entries at error level, except those a step said it expects."""
        bad = []
        for entry in self.driver.get_log("browser"):
            if entry["level"] != "SEVERE":
                continue
            if any(allowed in entry["message"] for allowed in self.allowed_errors):
                continue
            bad.append(entry["message"])
        return bad

    def screen_of(self, x, y, z=0.0):
        return self.js("return window.sunspot.project(arguments[0], arguments[1], arguments[2])", x, y, z)

    def canvas_action_at(self, x, y, z=0.0):
        """Selenium actions address the canvas relative to its centre."""
        canvas = self.by_id("scene-canvas")
        rect = self.js("const r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.width, r.height]", canvas)
        sx, sy = self.screen_of(x, y, z)
        return canvas, round(sx - rect[0] - rect[2] / 2), round(sy - rect[1] - rect[3] / 2)

    def drag(self, start, end):
        canvas, x0, y0 = self.canvas_action_at(*start)
        _, x1, y1 = self.canvas_action_at(*end)
        chain = ActionChains(self.driver, duration=50)
        chain.move_to_element_with_offset(canvas, x0, y0).click_and_hold()
        for k in range(1, 9):
            chain.move_to_element_with_offset(canvas, x0 + (x1 - x0) * k // 8, y0 + (y1 - y0) * k // 8)
        chain.release().perform()

    def click_canvas(self, x, y, z):
        canvas, sx, sy = self.canvas_action_at(x, y, z)
        ActionChains(self.driver).move_to_element_with_offset(canvas, sx, sy).click().perform()

    def tap(self, x, y, what):
        """One tap (a touch tap on a phone, a mouse click on a desktop) at viewport point (x, y),
        counted. The point must be on screen: the test never scrolls for the person."""
        w, h = self.js("return [window.innerWidth, window.innerHeight]")
        check(0 <= x < w and 0 <= y < h, f"{what} is off screen at ({x:.0f}, {y:.0f}) in a {w}×{h} viewport")
        self.taps.append(what)
        if self.touch:
            # A finger down and up at one point: Chrome's gesture detector makes it a tap (click).
            self.driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
            self.driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        else:
            self.driver.execute_cdp_cmd("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
            for kind in ("mousePressed", "mouseReleased"):
                self.driver.execute_cdp_cmd("Input.dispatchMouseEvent", {
                    "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def tap_element(self, css, what):
        """Taps the centre of the element matching `css`; it must be wholly on screen and on top there."""
        r = self.js("""const e = document.querySelector(arguments[0]); if (!e) return null;
            const r = e.getBoundingClientRect();
            const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return [r.left, r.top, r.width, r.height, window.innerWidth, window.innerHeight, !!top && (top === e || e.contains(top))]""", css)
        check(r is not None, f"{what}: no element {css}")
        left, top, width, height, vw, vh, on_top = r
        check(left >= 0 and top >= 0 and left + width <= vw and top + height <= vh,
              f"{what} is not wholly on screen: {width:.0f}×{height:.0f} at ({left:.0f}, {top:.0f}) in {vw}×{vh}")
        check(on_top, f"{what} is covered by another element")
        self.tap(left + width / 2, top + height / 2, what)

    def set_input(self, element_id, value):
        """Types into a field as a person would (select all, type, Tab away: one change event)."""
        field = self.by_id(element_id)
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys(str(value), Keys.TAB)


def api_get(base, path):
    with urllib.request.urlopen(base.rstrip("/") + path, timeout=60) as r:
        return json.loads(r.read())


def api_get_with_revision(base, path):
    """A scene and its revision (the ETag, or a `revision` field of an envelope)."""
    with urllib.request.urlopen(base.rstrip("/") + path, timeout=60) as r:
        body = json.loads(r.read())
        etag = (r.headers.get("ETag") or "").replace("W/", "").strip('"')
    return body, body.get("revision", etag)


def api_put(base, path, body, token, revision):
    req = urllib.request.Request(base.rstrip("/") + path, data=json.dumps(body).encode(), method="PUT",
                                 headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}",
                                          "If-Match": str(revision)})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read() or b"{}")


# Layout facts of the page as shown: sideways overflow, touch targets under 44 px, the notice
# over a control, and text cut off in the answer (a header cell narrower than its words).
LAYOUT_FACTS_JS = """
const visible = (e) => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !e.closest('[hidden]'); };
const controls = [...document.querySelectorAll('button, input, select, summary, a[href]')].filter(visible);
const small = controls.map((e) => [e, e.getBoundingClientRect()])
  .filter(([e, r]) => r.height < 43.5 || r.width < 43.5)
  .map(([e, r]) => `${e.tagName.toLowerCase()}#${e.id || ''}.${e.className || ''} "${(e.textContent || e.value || '').trim().slice(0, 20)}" ${r.width.toFixed(0)}×${r.height.toFixed(0)}`);
const notice = document.getElementById('notice');
let covered = [];
if (notice && visible(notice)) {
  const n = notice.getBoundingClientRect();
  covered = controls.filter((e) => !notice.contains(e)).filter((e) => { const r = e.getBoundingClientRect();
    return r.left < n.right && r.right > n.left && r.top < n.bottom && r.bottom > n.top; })
    .map((e) => `${e.tagName.toLowerCase()}#${e.id} "${(e.textContent || '').trim().slice(0, 20)}"`);
}
const cut = [...document.querySelectorAll('#flat-result thead th, #flat-result .answer *, #flat-result .bands-note, #flat-result td.num')]
  .filter(visible).filter((e) => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)
  .map((e) => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 24)}" ${e.scrollWidth}>${e.clientWidth}`);
const wrap = document.querySelector('#flat-result .table-wrap');
return { overflow: document.documentElement.scrollWidth - window.innerWidth, small, covered, cut,
  tableOverflow: wrap ? wrap.scrollWidth - wrap.clientWidth : 0, tableWidth: wrap ? wrap.scrollWidth : 0,
  tableHeight: wrap ? wrap.getBoundingClientRect().height : 0 };
"""


def check_layout(page, where):
    facts = page.js(LAYOUT_FACTS_JS)
    check(facts["overflow"] <= 1, f"{where}: the page scrolls sideways by {facts['overflow']} px")
    check(facts["tableOverflow"] <= 1, f"{where}: the table is {facts['tableOverflow']} px wider than its box")
    check(not facts["small"], f"{where}: controls under 44 px: {facts['small'][:6]}")
    check(not facts["covered"], f"{where}: the notice covers {facts['covered']}")
    check(not facts["cut"], f"{where}: text cut off: {facts['cut']}")
    return facts


def hours1(m):
    """The page's one-decimal hours (JS toFixed(1) of minutes/60 rounded to 0.1)."""
    return f"{math.floor(m / 60 * 10 + 0.5) / 10:.1f}"


def api_post(base, path, body):
    req = urllib.request.Request(base.rstrip("/") + path, data=body, method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())


def buyer_story(base, shots, size, touch, lang, prefix):
    """The founding story on the sample compound, opened from a share link (view only):
    building 3 tapped in the 3D view, floor 5, the east unit: three taps to the verdict,
    with no scrolling by the test. Then the layout facts, a row's details and the notice."""
    sample = open("data/sample-compound.json", "rb").read()
    scene_id = api_post(base, "/v1/scenes", sample)["id"]
    page = Page(base, shots, lang, size=size, touch=touch, prefix=prefix)
    where = f"{size[0]}×{size[1]}{' touch' if touch else ''}"
    try:
        page.open(f"/#/s/{scene_id}")
        page.until(lambda: page.js("return window.sunspot.model.document.buildings.length") == 8, "the sample compound")
        page.until(lambda: page.by_id("notice").is_displayed(), "the view-only notice")
        doc = page.document()
        index = {b["id"]: i for i, b in enumerate(doc["buildings"])}
        year = int(page.by_id("date").get_attribute("value")[:4])
        terms = api_get(base, f"/v1/terms?year={year}&tz=Asia/Shanghai")
        terms = terms["terms"] if isinstance(terms, dict) else terms
        solstice = next(x["date"] for x in terms if x["longitude"] == 270)
        shown = page.by_id("date").get_attribute("value")
        check(shown == solstice, f"{where}: the date field shows {shown!r}, not {solstice} as people write it")
        labels = page.js("return [...document.querySelectorAll('#flat-buildings button')].map(b => b.textContent)")
        check("3号楼" in labels and not any(l.startswith("3 3") for l in labels), f"{where}: building choices read {labels}")
        # Every building can be picked in the camera's first view (a point where a tap hits its roof).
        unpickable = [b["id"] for i, b in enumerate(doc["buildings"]) if page.js("return window.sunspot.pickPoint(arguments[0])", i) is None]
        check(not unpickable, f"{where}: buildings no tap can reach in the first view: {unpickable}")
        check_layout(page, f"{where}, opened")
        page.screenshot("story-opened", f"{where}: the sample compound from a share link; view-only notice; every building pickable")

        # Tap 1: building 3 in the 3D view.
        x, y = page.js("return window.sunspot.pickPoint(arguments[0])", index["3"])
        page.tap(x, y, "building 3 in the 3D view")
        page.until(lambda: page.js("return document.querySelector('#flat-buildings button[aria-pressed=true]')?.dataset.building") == "3",
                   "building 3 picked by the tap")
        page.until(lambda: page.js("const r = document.getElementById('flat-units').getBoundingClientRect(); return r.bottom <= innerHeight && r.top >= 0"),
                   "the floor and unit choices brought into view")
        page.screenshot("story-building", f"{where}: tap 1 picked building 3; floors and units in view")
        # Taps 2 and 3: floor 5, the east unit.
        page.tap_element('#flat-floors button[data-floor="5"]', "floor 5")
        page.tap_element('#flat-units button[data-unit="east"]', "the east unit")
        page.until(lambda: len(page.driver.find_elements(By.CSS_SELECTOR, "#flat-table tbody tr.term-row")) == 24, "the answer")
        check(len(page.taps) == 3, f"{where}: the story took {len(page.taps)} taps: {page.taps}")
        # The answer leads: the verdict and the standard days' hours are on screen, without a swipe.
        page.until(lambda: page.js("const r = document.querySelector('#flat-answer .standard-days').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight"),
                   "the verdict and the standard days on screen")
        api = api_get(base, f"/v1/scenes/{scene_id}/flats/3/5/east/sunlight?year={year}&standard=gb50180")
        judged = [r["meetsStandard"] for r in api["rows"] if r["meetsStandard"] is not None]
        expected = "info" if not judged else ("pass" if all(judged) else "fail")
        card = page.by_id("flat-answer")
        check(card.get_attribute("data-verdict") == expected, f"{where}: the card says {card.get_attribute('data-verdict')}, the API's rows say {expected}")
        for r in (r for r in api["rows"] if r["normative"]):
            li = page.driver.find_element(By.CSS_SELECTOR, f'.standard-day[data-term="{r["term"]}"]')
            check(hours1(r["bandMinutes"]) in li.text, f"{where}: {r['term']} shows {li.text!r}, the API has {r['bandMinutes']} min in the band")
            check(r["date"] in li.text, f"{where}: {r['term']}'s date {r['date']} not in {li.text!r}")
        # The header states each day's band as GB 50180 does: 大寒 8–16, 冬至 9–15 true solar time.
        note = page.by_id("bands-note").text
        for r in (r for r in api["rows"] if r["normative"]):
            band = f"{r['bandStartTrueSolar'][:5]}–{r['bandEndTrueSolar'][:5]}"
            check(band in note, f"{where}: the bands note {note!r} does not state {r['term']}'s {band}")
        check("08:00–16:00" in note and "09:00–15:00" in note, f"{where}: the bands note reads {note!r}")
        rows = page.driver.find_elements(By.CSS_SELECTOR, "#flat-table tbody tr.term-row")
        for tr, r in zip(rows, api["rows"]):
            check(tr.find_element(By.CSS_SELECTOR, ".total").text.startswith(hours1(r["totalMinutes"])),
                  f"{where}: {r['term']} shows {tr.find_element(By.CSS_SELECTOR, '.total').text!r} h, the API {r['totalMinutes']} min")
            check(tr.find_element(By.CSS_SELECTOR, ".date").text == r["date"], f"{where}: {r['term']} date reads {tr.find_element(By.CSS_SELECTOR, '.date').text!r}")
        heights = {round(tr.rect["height"]) for tr in rows}
        check(len(heights) == 1 and min(heights) >= 44, f"{where}: row heights {sorted(heights)}")
        check(not page.js("return window.sunspot.handlesShown()"), f"{where}: editing handles are drawn over the answer")
        facts = check_layout(page, f"{where}, answered")
        print(f"  {where}: story in {len(page.taps)} taps ({'; '.join(page.taps)}); table {facts['tableWidth']}×{facts['tableHeight']:.0f} px")
        page.screenshot("story-answer", f"{where}: after 3 taps, 3号楼 5 层 east: verdict card first, 24 compact rows")

        # A row's details open on tap: 冬至's intervals and who blocks them.
        # (冬至 is the last row: the person swipes down to it first.)
        page.taps.clear()
        page.js("document.querySelector('#flat-table tr.term-row[data-term=\"冬至\"]').scrollIntoView({block: 'center'})")
        page.tap_element(f'#flat-table tr.term-row[data-term="冬至"] .term', "the 冬至 row")
        details = page.driver.find_element(By.CSS_SELECTOR, 'tr.term-row[data-term="冬至"] + tr.term-details')
        check(details.is_displayed(), f"{where}: the 冬至 row did not open")
        winter = next(r for r in api["rows"] if r["longitude"] == 270)
        for iv in winter["intervals"]:
            check(iv["start"][11:19] in details.text, f"{where}: 冬至 details miss {iv['start'][11:19]}: {details.text!r}")
        page.screenshot("story-details", f"{where}: the 冬至 row opened: intervals on civil and true solar time, blockers")

        # The notice closes.
        page.driver.execute_script("window.scrollTo(0, 0)")
        page.tap_element("#notice-close", "the notice's close button")
        check(not page.by_id("notice").is_displayed(), f"{where}: the notice did not close")
        page.screenshot("story-closed", f"{where}: notice closed")
        errors = page.console_errors()
        check(not errors, f"console errors: {errors}")
    finally:
        page.driver.quit()


def minutes1(m):
    """The page's one-decimal minutes (JS toFixed(1) of the value rounded to 0.1)."""
    return f"{math.floor(m * 10 + 0.5) / 10:.1f}"


def scene_document(envelope):
    return envelope.get("document") or envelope.get("scene") or envelope


def run(base, shots):
    page = Page(base, shots, "zh-CN")
    steps = []

    def step(name):
        def wrap(fn):
            steps.append((name, fn))
            return fn
        return wrap

    ctx = {}

    @step("load the page (Chinese browser → Chinese UI, 冬至 picked, sun from the API)")
    def _():
        page.open("/")
        check(page.js("return document.documentElement.lang") == "zh-CN", "page did not follow the browser's Chinese")
        check(page.by_id("add-building").text.strip() == "＋ 楼", f"add button reads {page.by_id('add-building').text!r}")
        pressed = page.js("return [...document.querySelectorAll('#terms button[aria-pressed=true]')].map(b => b.dataset.longitude)")
        check(pressed == ["270"], f"default term should be 冬至 (270°), got {pressed}")
        page.until(lambda: page.by_id("sun-readout").get_attribute("data-source") == "api", "the API sun")
        page.screenshot("empty-scene", "an empty site on 冬至 noon: grid with metre marks, north arrow, the day's sun path")

    @step("add two buildings with the + button")
    def _():
        page.by_id("add-building").click()
        page.by_id("add-building").click()
        doc = page.document()
        check(len(doc["buildings"]) == 2, f"expected 2 buildings, have {len(doc['buildings'])}")

    @step("place a window on building 1's south facade by clicking it")
    def _():
        page.js("document.querySelector('#building-list button[data-index=\"0\"]').click()")
        page.by_id("u-place-1").click()
        box = page.document()["buildings"][0]["box"]
        page.click_canvas(box["x"] - 3, box["y"] - box["depth"] / 2, 7)
        windows = page.document()["buildings"][0]["units"][1]["windows"]
        check(len(windows) == 2 and windows[1].get("face") == "south",
              f"expected a second window on the south face, got {windows}")
        # South face runs west → east; 3 m west of its midpoint is offset −3 (a pixel is ≈ 0.3 m here).
        check(abs(windows[1]["offset"] + 3) <= 0.6, f"window offset {windows[1]['offset']} should be ≈ −3 m")

    @step("move building 2 by dragging it on the ground")
    def _():
        doc = page.document()
        b = doc["buildings"][1]
        x0, y0, top = b["box"]["x"], b["box"]["y"], b["floors"] * b["floorHeight"]
        # Grab the roof's centre and drop it over (0, -40): the grabbed point follows the pointer
        # in its horizontal plane, so the centre lands where it was dropped.
        page.drag((x0, y0, top), (0, -40, top))
        moved = page.document()["buildings"][1]["box"]
        check(abs(moved["x"] - 0) <= 0.6 and abs(moved["y"] + 40) <= 0.6,
              f"building 2 should be near (0, -40) after the drag, is at ({moved['x']}, {moved['y']})")
        ctx["moved"] = moved
        page.screenshot("two-buildings-moved", "building 2 dragged 40 m south of building 1, handles shown")

    @step("resize with the width handle, rotate with the rotation handle (each undone)")
    def _():
        box = page.document()["buildings"][1]["box"]
        x, y, w, d = box["x"], box["y"], box["width"], box["depth"]
        gap, z = 2.0, 1.2  # handles stand HANDLE_GAP m off the sides, 1.2 m up (web/js/view3d.js)
        page.drag((x + w / 2 + gap, y, z), (x + w / 2 + gap + 5, y, z))
        width = page.document()["buildings"][1]["box"]["width"]
        # The east handle moved 5 m east; the box stays centred, so it widens by 10 m.
        check(abs(width - (w + 10)) <= 0.4, f"width {width} after dragging the handle 5 m; expected {w + 10}")
        page.by_id("undo").click()
        check(page.document()["buildings"][1]["box"]["width"] == w, "undo did not restore the width")
        u, v = w / 2 + gap, d / 2 + gap
        # A click in the same frame as an undo (before the view draws again) grabs the handle
        # where the undo put it: redo then undo in one script, then ask what a click would grab.
        grabbed = page.js(
            "document.getElementById('redo').click(); document.getElementById('undo').click();"
            " return window.sunspot.handleAt(arguments[0], arguments[1], arguments[2])", x + u, y + v, z)
        check(grabbed == "rotate", f"a click on the rotation handle right after an undo grabs {grabbed!r}")
        a = math.radians(30)
        page.drag((x + u, y + v, z), (x + u * math.cos(a) - v * math.sin(a), y + u * math.sin(a) + v * math.cos(a), z))
        rotation = page.document()["buildings"][1]["box"]["rotation"]
        check(abs(rotation - 30) <= 1, f"rotation {rotation}° after turning the handle 30° counter-clockwise")
        page.screenshot("rotated", "building 2 turned 30° with the rotation handle (then undone)")
        page.by_id("undo").click()
        check(page.document()["buildings"][1]["box"]["rotation"] == 0, "undo did not restore the rotation")

    @step("set floors in the form; undo and redo")
    def _():
        page.set_input("b-floors", 18)
        check(page.document()["buildings"][1]["floors"] == 18, "floors did not change to 18")
        page.by_id("undo").click()
        check(page.document()["buildings"][1]["floors"] == 6, "undo did not restore 6 floors")
        page.by_id("redo").click()
        check(page.document()["buildings"][1]["floors"] == 18, "redo did not bring back 18 floors")

    @step("keyboard: arrow keys nudge the selected building")
    def _():
        before = page.document()["buildings"][1]["box"]
        page.by_id("scene-canvas").send_keys(Keys.ARROW_RIGHT)
        after = page.document()["buildings"][1]["box"]
        check(abs(after["x"] - before["x"] - 1) < 1e-9, f"ArrowRight moved x {before['x']} → {after['x']}")
        page.by_id("scene-canvas").send_keys(Keys.ARROW_LEFT)

    @step("save: the API stores the same document; a share link appears")
    def _():
        page.by_id("save").click()
        page.until(lambda: page.js("return !!window.sunspot.sceneId") and page.by_id("share").is_displayed(), "the share link")
        scene_id = page.js("return window.sunspot.sceneId")
        link = page.by_id("share-link").get_attribute("value")
        check(link.endswith(f"#/s/{scene_id}"), f"share link {link} does not name scene {scene_id}")
        stored = scene_document(api_get(base, f"/v1/scenes/{scene_id}"))
        local = page.document()
        check(stored["buildings"][1]["box"] == local["buildings"][1]["box"], "stored box differs from the page's")
        check(stored["buildings"][1]["floors"] == 18, "stored floors are not 18")
        check(stored["buildings"][0]["units"][0]["windows"] == local["buildings"][0]["units"][0]["windows"],
              "stored windows differ")
        ctx["id"], ctx["link"] = scene_id, link

    @step("the page draws the engine's prisms and window frames (GET /v1/scenes/{id}/geometry)")
    def _():
        geometry = api_get(base, f"/v1/scenes/{ctx['id']}/geometry")
        page.until(lambda: all(page.js("return window.sunspot.footprint(arguments[0]).engine", i)
                               for i in range(len(geometry["buildings"]))), "the engine's geometry on the page")
        compared = 0
        for i, prism in enumerate(geometry["buildings"]):
            drawn = page.js("return window.sunspot.footprint(arguments[0]).points", i)
            check(drawn == prism["footprint"], f"building {prism['id']}: page draws {drawn}, the engine has {prism['footprint']}")
            for unit in prism["units"]:
                for w, frame in enumerate(unit["windows"]):
                    shown = page.js("return window.sunspot.windowFrame(arguments[0], arguments[1], arguments[2])", i, unit["id"], w)
                    for key in ("centre", "along", "outward"):
                        check(shown is not None and shown[key] == frame[key],
                              f"building {prism['id']} unit {unit['id']} window {w}: page {key} {shown and shown[key]}, engine {frame[key]}")
                    compared += 1
        check(compared >= 3, f"only {compared} windows compared")
        print(f"  {compared} window frames and {len(geometry['buildings'])} footprints equal the engine's")

    @step("reload through the share link; pick building 1, floor 1, east unit; table equals the API's")
    def _():
        page.driver.get("about:blank")
        page.driver.get(ctx["link"])
        page.until(lambda: page.js("return document.body.dataset.ready === 'true' && window.sunspot.model.document.buildings.length === 2"), "the shared scene")
        b = page.document()["buildings"][0]
        # The tall building 2 now stands between the camera and building 1: choose it in the
        # building list (the keyboard path; clicking a building in 3D is exercised by the drag).
        page.driver.find_element(By.CSS_SELECTOR, '#building-list button[data-index="0"]').click()
        check(page.js("return document.querySelector('#building-list button[aria-pressed=true]')?.dataset.index") == "0",
              "building 1 is not selected")
        page.until(lambda: page.by_id("flat-picker").is_displayed(), "the flat picker after clicking building 1")
        # The scene is saved and unchanged: floor and unit are enough, the answer comes by itself.
        page.driver.find_element(By.CSS_SELECTOR, '#flat-floors button[data-floor="1"]').click()
        page.driver.find_element(By.CSS_SELECTOR, '#flat-units button[data-unit="east"]').click()
        page.until(lambda: len(page.driver.find_elements(By.CSS_SELECTOR, "#flat-table tbody tr.term-row")) == 24, "the 24-row table")
        year = int(page.by_id("date").get_attribute("value")[:4])
        api = api_get(base, f"/v1/scenes/{ctx['id']}/flats/1/1/east/sunlight?year={year}&standard=gb50180")
        rows = page.driver.find_elements(By.CSS_SELECTOR, "#flat-table tbody tr.term-row")
        blocked = 0
        for tr, r in zip(rows, api["rows"]):
            check(tr.get_attribute("data-term") == r["term"], f"row term {tr.get_attribute('data-term')} ≠ {r['term']}")
            check(tr.find_element(By.CSS_SELECTOR, ".term").text == r["term"], "term name not shown in Chinese")
            check(float(tr.get_attribute("data-total-minutes")) == r["totalMinutes"], f"{r['term']} total minutes differ: page {tr.get_attribute('data-total-minutes')}, API {r['totalMinutes']}")
            check(tr.find_element(By.CSS_SELECTOR, ".total").get_attribute("data-minutes") == minutes1(r["totalMinutes"]),
                  f"{r['term']} carries {tr.find_element(By.CSS_SELECTOR, '.total').get_attribute('data-minutes')} min, API {r['totalMinutes']}")
            check(tr.find_element(By.CSS_SELECTOR, ".total").text.startswith(hours1(r["totalMinutes"])),
                  f"{r['term']} shows {tr.find_element(By.CSS_SELECTOR, '.total').text} h, API {r['totalMinutes']} min")
            details = tr.find_element(By.XPATH, "following-sibling::tr[1]")
            bars = tr.find_elements(By.CSS_SELECTOR, ".sunlit")
            shown = [(s.get_attribute("data-start"), s.get_attribute("data-end")) for s in bars]
            check(shown == [(i["start"], i["end"]) for i in r["intervals"]], f"{r['term']} intervals differ: {shown}")
            meets = tr.get_attribute("data-meets")
            check(meets == ("null" if r["meetsStandard"] is None else str(r["meetsStandard"]).lower()),
                  f"{r['term']} verdict {meets} ≠ {r['meetsStandard']}")
            if r["meetsStandard"] is not None:
                word = details.find_element(By.CSS_SELECTOR, ".verdict").get_attribute("textContent")
                check(word == ("满足" if r["meetsStandard"] else "不满足"), f"{r['term']} verdict word {word}")
            ids = {i[k] for i in r["intervals"] for k in ("blockedBeforeBy", "blockedAfterBy") if i[k]}
            blockers = details.find_element(By.CSS_SELECTOR, ".blockers").get_attribute("textContent")
            for bid in ids:
                check(bid in blockers, f"{r['term']} blocker {bid} not shown ({blockers!r})")
            blocked += len(ids)
        check(blocked > 0, "the 18-floor building south of building 1 should block some sun")
        highlighted = page.js("return window.sunspot.highlighted()")
        check(highlighted == {"building": "1", "unit": "east", "floor": 1}, f"highlighted flat is {highlighted}")
        ctx["api_table"] = api
        page.screenshot("flat-table", "shared scene reopened; 1号楼 floor 1 east unit's 24-term table with bars, verdicts, blockers; its window highlighted")

    @step("the 3D light agrees with the table: lit inside the 冬至 intervals, shaded in the gaps")
    def _():
        api = ctx["api_table"]
        row = next(r for r in api["rows"] if r["longitude"] == 270)
        check(page.by_id("date").get_attribute("value") == row["date"], "the page is not on 冬至's date")
        x, y, z = api["flat"]["point"]

        def minutes(iso):
            h, m, s = map(int, iso[11:19].split(":"))
            return h * 60 + m + s / 60

        spans = [(minutes(i["start"]), minutes(i["end"])) for i in row["intervals"]]
        probes = [((a + b) / 2, True) for a, b in spans if b - a >= 6]
        probes += [((b + c) / 2, False) for (_, b), (c, _) in zip(spans, spans[1:]) if c - b >= 6]
        # And 4 minutes (≈ 1° of sun) inside and outside every boundary of a stretch ≥ 10 min.
        edges = [(a, b) for a, b in spans if b - a >= 10]
        probes += [(a + 4, True) for a, _ in edges] + [(b - 4, True) for _, b in edges]
        probes += [(a - 4, False) for a, _ in edges if not any(p <= a - 4 <= q for p, q in spans)]
        probes += [(b + 4, False) for _, b in edges if not any(p <= b + 4 <= q for p, q in spans)]
        check(any(lit for _, lit in probes) and any(not lit for _, lit in probes),
              f"冬至 should have both sunlit and blocked stretches to probe: {spans}")
        for minute, expected in probes:
            minute = round(minute)
            page.js("const s = document.getElementById('time'); s.value = String(arguments[0]);"
                    "s.dispatchEvent(new Event('input'));", minute)
            page.until(lambda: page.by_id("sun-readout").get_attribute("data-source") == "api", "the API sun")
            lit = page.js("return window.sunspot.litAt(arguments[0], arguments[1], arguments[2])", x, y, z)
            check(lit == expected, f"at {minute // 60:02d}:{minute % 60:02d} the view has the window "
                  f"{'lit' if lit else 'shaded'}, the engine's intervals {spans} say {'lit' if expected else 'shaded'}")
        print(f"  {len(probes)} instants agree with the engine's intervals {[(round(a), round(b)) for a, b in spans]} (minutes)")

    @step("switch language to English and back")
    def _():
        page.by_id("lang").click()
        check(page.js("return document.documentElement.lang") == "en", "language did not switch to English")
        first = page.driver.find_element(By.CSS_SELECTOR, "#flat-table tbody tr .term").text
        check(first == ctx["api_table"]["rows"][0]["termEn"], f"first term reads {first!r} in English")
        check(page.driver.find_element(By.CSS_SELECTOR, "#flat-table thead th").text == "Term", "table header not English")
        page.screenshot("english", "the same table in English")
        page.by_id("lang").click()
        check(page.js("return document.documentElement.lang") == "zh-CN", "language did not switch back")

    @step("play the day: the slider runs, the light follows")
    def _():
        start = int(page.by_id("time").get_attribute("value"))
        page.by_id("play").click()
        time.sleep(1.5)
        mid = int(page.by_id("time").get_attribute("value"))
        page.screenshot("playing", "playing the day: the sun and shadows move along the arc")
        page.by_id("play").click()
        check(mid != start, f"slider did not move while playing ({start} → {mid})")
        page.until(lambda: page.by_id("sun-readout").get_attribute("data-source") == "api", "the API sun after pausing")

    @step("the drawing sun (solar.js) agrees with GET /v1/sun")
    def _():
        worst = {"angle": 0.0, "tst": 0.0}
        sites = [(31.2304, 121.4737), (45.8038, 126.5350), (18.2528, 109.5119), (51.5074, -0.1278)]
        instants = [f"{y}-{m:02d}-{d:02d}T{h:02d}:17:00Z" for y, m, d in [(2026, 12, 21), (2026, 3, 20), (2026, 6, 21), (1990, 9, 23), (2099, 1, 20)]
                    for h in (0, 3, 6, 9, 12)]
        for lat, lon in sites:
            for at in instants:
                s = api_get(base, f"/v1/sun?lat={lat}&lon={lon}&at={at}")
                mine = page.js(
                    "return import('/js/solar.js').then(m => m.sunPosition(Date.parse(arguments[0]), arguments[1], arguments[2], false))",
                    at, lat, lon)
                if s["elevation"] < 5:
                    continue
                d_az = abs((mine["azimuth"] - s["azimuth"] + 540) % 360 - 180) * math.cos(math.radians(s["elevation"]))
                d_el = abs(mine["elevation"] - s["elevation"])
                h, m, sec = map(int, s["trueSolarTime"].split(":"))
                d_tst = abs((mine["trueSolarSeconds"] - (h * 3600 + m * 60 + sec) + 43200) % 86400 - 43200)
                worst["angle"] = max(worst["angle"], d_az, d_el)
                worst["tst"] = max(worst["tst"], d_tst)
        print(f"  max deviation: {worst['angle']:.4f}° (azimuth×cos(elevation), elevation), true solar time {worst['tst']:.1f} s")
        check(worst["angle"] <= SUN_ANGLE_TOLERANCE_DEG, f"sun angle off by {worst['angle']:.4f}°")
        check(worst["tst"] <= TRUE_SOLAR_TOLERANCE_S, f"true solar time off by {worst['tst']:.1f} s")

    @step("two editors: a stale save gets a clear conflict message, nothing is overwritten")
    def _():
        token = page.js("return JSON.parse(localStorage.getItem('sunspot.editTokens'))[arguments[0]]", ctx["id"])
        envelope, revision = api_get_with_revision(base, f"/v1/scenes/{ctx['id']}")
        other = scene_document(envelope)
        other["name"] = "edited in another tab"
        api_put(base, f"/v1/scenes/{ctx['id']}", other, token, revision)
        page.allowed_errors.append("412")
        page.set_input("scene-name", "my edit")
        page.by_id("save").click()
        page.until(lambda: "error" in page.by_id("notice").get_attribute("class") and page.by_id("notice").is_displayed(), "the conflict notice")
        text = page.by_id("notice").text
        check("冲突" in text, f"conflict notice reads {text!r}")
        stored = scene_document(api_get(base, f"/v1/scenes/{ctx['id']}"))
        check(stored.get("name") == "edited in another tab", "the stale save overwrote the other edit")
        page.screenshot("conflict", "a stale save: the conflict message with Reload and Save-a-copy")
        # Chromium logs the 412 response itself; that one line is expected, nothing else.
        errors = page.console_errors()
        page.allowed_errors.remove("412")
        check(not errors, f"console errors: {errors}")

    @step("phone-sized layout: no sideways scrolling, controls reachable")
    def _():
        page.driver.set_window_size(390, 844)
        page.open(f"/#/s/{ctx['id']}")
        overflow = page.js("return document.documentElement.scrollWidth - window.innerWidth")
        check(overflow <= 1, f"page scrolls sideways by {overflow}px on a phone")
        check(page.by_id("add-building").is_displayed() and page.by_id("time").is_displayed(), "controls hidden on a phone")
        page.screenshot("phone", "the same scene on a 390 × 844 phone screen: view on top, panels below")

    @step("the buyer's story on a 390 × 844 touch phone (English browser): three taps to the verdict")
    def _():
        buyer_story(base, shots, (390, 844), True, "en-US", "phone-")

    @step("the buyer's story on a 1400 × 900 desktop (Chinese browser): three clicks to the verdict")
    def _():
        buyer_story(base, shots, (1400, 900), False, "zh-CN", "desktop-")

    failures = 0
    try:
        for name, fn in steps:
            print(f"- {name}")
            try:
                fn()
                errors = page.console_errors()
                check(not errors, f"console errors: {errors}")
                print("  ok")
            except Exception as e:  # a selenium error is a failure of the step too
                failures += 1
                print(f"  FAILED: {str(e).splitlines()[0] if str(e) else type(e).__name__}")
                try:
                    page.screenshot("failure", f"state when '{name}' failed")
                except Exception:
                    pass
                break
    finally:
        page.driver.quit()
    print(f"web test: {len(steps) if not failures else 'stopped after a failure;'} {'passed' if not failures else 'FAILED'}")
    return 1 if failures else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--screenshots", required=True)
    a = parser.parse_args()
    sys.exit(run(a.base, a.screenshots))
