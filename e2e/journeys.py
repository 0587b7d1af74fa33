#!/usr/bin/env python3
"""Browser journeys through Podium in a real browser (Debian's chromium + chromedriver, Selenium).

    python3 e2e/journeys.py [path/to/podium] [--screenshots DIR] [--only NAME ...]

Starts `podium serve --demo` on a temporary database and a free port, walks each journey as its user
would (sign-in form, links, forms and buttons), asserts what the user must see, keeps a screenshot of
every step as DIR/NN-journey-step.png, and stops the server. Prints one line per journey; on a failure
it names the journey and the step, keeps a screenshot of the failure and exits 1. Installs nothing.
"""
import argparse
import datetime
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
from zoneinfo import ZoneInfo

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

ADMIN, ADMIN_PASSWORD = "e2e-admin@test.podium", "e2e-admin-password"
ORGANIZER = ("organizer@demo.podium", "demo-organizer")
LEADER = ("leader@demo.podium", "demo-leader")
OFFICIAL = ("official@demo.podium", "demo-official")
REVIEWER = ("reviewer@demo.podium", "demo-reviewer")
PHONE, DESK = (390, 844), (1280, 900)
WAIT = 20  # seconds any condition may take before the step fails


class StepFailed(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary):
        self.dir = tempfile.mkdtemp(prefix="podium-e2e-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(self.dir, "server.log")
        env = dict(os.environ, PODIUM_ADMIN_EMAIL=ADMIN, PODIUM_ADMIN_PASSWORD=ADMIN_PASSWORD,
                   PODIUM_UPLOADS_DIR=os.path.join(self.dir, "uploads"))
        env.pop("DATABASE_URL", None)
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [binary, "serve", "--demo", "--database", os.path.join(self.dir, "demo.sqlite"),
             "--hostname", "127.0.0.1", "--port", str(self.port)],
            cwd=self.dir, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 180
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"podium exited early (status {self.process.returncode}); see {self.log_path}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"podium did not answer /healthz within 180 s; see {self.log_path}")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class Browser:
    """One user's browser window, with the helpers a journey needs."""

    def __init__(self, run, size):
        options = Options()
        options.binary_location = "/usr/bin/chromium"
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=en-US",
                         f"--window-size={size[0]},{size[1]}"):
            options.add_argument(argument)
        options.add_experimental_option("prefs", {"intl.accept_languages": "en-US,en"})
        self.driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
        self.driver.set_window_size(*size)
        self.driver.set_page_load_timeout(60)
        self.run = run
        run.browsers.append(self)

    # navigation and reading
    def open(self, path):
        self.driver.get(self.run.base + path)
        self.wait(lambda d: d.execute_script("return document.readyState") == "complete", f"{path} did not load")

    def path(self):
        return self.driver.current_url.replace(self.run.base, "")

    def text(self, css="main"):
        return self.driver.execute_script(
            "var e = document.querySelector(arguments[0]); return e ? e.innerText : ''", css) or ""

    def find(self, css, within=None):
        return (within or self.driver).find_element(By.CSS_SELECTOR, css)

    def finds(self, css, within=None):
        return (within or self.driver).find_elements(By.CSS_SELECTOR, css)

    def wait(self, condition, message, timeout=WAIT):
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.1,
                                 ignored_exceptions=(StaleElementReferenceException, NoSuchElementException)).until(condition)
        except TimeoutException:
            raise StepFailed(message) from None

    def see(self, words, css="main", timeout=WAIT):
        """Waits until every one of `words` is in the text of `css`."""
        words = [words] if isinstance(words, str) else words
        try:
            self.wait(lambda d: all(w in self.text(css) for w in words), "", timeout)
        except StepFailed:
            alerts = " | ".join(e.text for e in self.finds(".alert, .error") if e.text.strip())
            raise StepFailed(f"expected to see {words!r} in {css} on {self.path()}; it says: {self.text(css)[:600]!r}"
                             + (f"; the page's messages: {alerts!r}" if alerts else "")) from None

    def not_see(self, word, css="main"):
        if word in self.text(css):
            raise StepFailed(f"did not expect to see {word!r} on {self.path()}")

    # forms
    def fill(self, css, value, within=None):
        field = self.find(css, within)
        if field.get_attribute("type") in ("date", "time", "datetime-local"):
            self.driver.execute_script(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}))", field, value)
        else:
            field.clear()
            field.send_keys(value)
        return field

    def choose(self, css, text=None, value=None, within=None):
        select = Select(self.find(css, within))
        if value is not None:
            select.select_by_value(value)
        else:
            select.select_by_visible_text(text)

    def submit(self, button):
        """Clicks a submit button and waits for the next page."""
        old = self.find("html")
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        self.wait(lambda d: self._stale(old) and d.execute_script("return document.readyState") == "complete",
                  f"submitting on {self.path()} did not load a new page")

    def _stale(self, element):
        try:
            element.is_enabled()
            return False
        except Exception:
            return True

    def sign_in(self, who):
        email, password = who
        self.open("/login")
        self.fill("#f-email", email)
        self.fill("#f-password", password)
        self.submit(self.find("form[action='/login'] button[type=submit]"))
        if self.path().startswith("/login"):
            raise StepFailed(f"{email} could not sign in: {self.text()[:300]!r}")

    def shot(self, step):
        self.run.shot(self, step)

    def quit(self):
        try:
            self.driver.quit()
        except Exception:
            pass


class Run:
    def __init__(self, base, screenshots):
        self.base = base
        self.screenshots = screenshots
        self.number = 0
        self.browsers = []
        self.journey = ""
        self.step = ""
        self.stamp = time.strftime("%H%M%S")

    def shot(self, browser, step):
        self.number += 1
        name = f"{self.number:02d}-{self.journey}-{step}.png"
        browser.driver.save_screenshot(os.path.join(self.screenshots, name))
        return name

    def at(self, step):
        """Names the step now under way, for the failure message."""
        self.step = step

    def close_browsers(self):
        for browser in self.browsers:
            browser.quit()
        self.browsers = []


# --- journeys -------------------------------------------------------------------------------------


def organizer_builds_games(run, state):
    """An organizer signs in, creates a small games programme, adds two events and the companies' teams,
    opens it for entries, and the public programme page lists the events."""
    b = Browser(run, DESK)
    run.at("sign-in")
    b.sign_in(ORGANIZER)
    b.see("Overview")
    b.shot("dashboard")

    run.at("new-program")
    slug = f"e2e-games-{run.stamp}"
    name = f"E2E Staff Games {run.stamp}"
    b.open("/admin/programs")
    b.find("a[href='/admin/programs/new']").click()
    b.wait(lambda d: b.path() == "/admin/programs/new", "the New program link did not open the form")
    b.choose("#f-kind", value="games")
    b.fill("#f-slug", slug)
    b.fill("#f-name", name)
    b.fill("#f-startDate", "2026-12-12")
    b.fill("#f-venue", "Company Sports Hall")
    b.shot("new-program-form")
    b.submit(b.find("main form.form button[type=submit]"))
    b.wait(lambda d: re.fullmatch(r"/admin/programs/\d+", b.path()), f"creating the program did not open it: {b.text()[:400]!r}")
    b.see(name)
    state["games_program_path"] = b.path()
    b.shot("program-created")

    run.at("add-events")
    b.open(f"/admin/games/{slug}")
    boxes = b.finds("input[name='templates[]']")
    if len(boxes) < 2:
        raise StepFailed("the games office offers fewer than two event templates")
    labels = []
    for box in boxes[:2]:
        b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
        box.click()
        labels.append(box.find_element(By.XPATH, "..").text.split("\n")[0].strip())
    b.shot("choose-events")
    b.submit(b.find(f"form[action='/admin/games/{slug}/events'] button[type=submit]"))
    events = [row.text for row in b.finds("#events tbody tr")]
    if len(events) != 2:
        raise StepFailed(f"expected two events after adding them, the office lists {events!r}")
    state["games_events"] = [row.find_element(By.CSS_SELECTOR, "td").text for row in b.finds("#events tbody tr")]
    b.shot("events-added")

    run.at("add-teams")
    b.choose("#f-unitId", value="companies")
    b.submit(b.find(f"form[action='/admin/games/{slug}/teams'] button[type=submit]"))
    teams = b.finds("#teams tbody tr")
    if not teams:
        raise StepFailed(f"no team listed after adding every company: {b.text('#teams')[:300]!r}")
    b.shot("teams-added")

    run.at("open-entries")
    b.open(state["games_program_path"])
    opener = [f for f in b.finds("form[action$='/status']") if b.find("input[name=status]", f).get_attribute("value") == "open"]
    if not opener:
        raise StepFailed(f"the program page offers no way to open entries: {b.text('.lifecycle')!r}")
    b.submit(b.find("button", opener[0]))
    b.see("Open", ".lifecycle")
    b.shot("opened")

    run.at("public-page")
    public = Browser(run, DESK)
    public.open(f"/p/{slug}")
    public.see(name)
    public.shot("public-home")
    public.open(f"/p/{slug}/programme")
    public.see(state["games_events"])
    public.shot("public-programme")


GAMES = "workers-games-2026"  # the demo's games open for entries
EVENT = "Men's 100 m"


def leader_enters_athletes(run, state):
    """A team leader signs in, opens their team's entries for the open games and enters two athletes in the
    men's 100 m; both are listed as entered, and the quota of two is then used up."""
    b = Browser(run, DESK)
    run.at("sign-in")
    b.sign_in(LEADER)
    b.see("Your teams")
    b.shot("dashboard")

    run.at("open-entries")
    link = [a for a in b.finds("main a") if a.text.strip().startswith("6th Jinghua Workers' Games")]
    if not link:
        raise StepFailed(f"the dashboard has no link to the open games: {b.text()[:400]!r}")
    link[0].click()
    b.wait(lambda d: b.path().startswith(f"/admin/games/{GAMES}"), f"the games link led to {b.path()}")
    if "/entries" not in b.path():
        b.find("ul.stats a[href*='/entries?team=']").click()
        b.wait(lambda d: "/entries" in b.path(), "the 'Entries of' link did not open the team's entries")
    b.see("Entries")
    state["leader_team"] = b.find("h1").text.split(" · ")[0]
    b.shot("team-entries")

    entered = []
    for turn in (1, 2):
        run.at(f"enter-athlete-{turn}")
        section = [s for s in b.finds("section.entry-event") if b.find("h2", s).text.strip() == EVENT]
        if not section:
            raise StepFailed(f"no {EVENT!r} on the entries page")
        section = section[0]
        b.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", section)
        details = b.find("details", section)
        if not details.get_attribute("open"):
            b.find("summary", section).click()
        select = Select(b.find("select[name='persons[]']", section))
        choices = [o for o in select.options if o.get_attribute("value") and o.text not in entered]
        if not choices:
            raise StepFailed(f"no athlete left to choose for {EVENT!r}")
        athlete = choices[0].text
        select.select_by_visible_text(athlete)
        if turn == 2:
            b.shot("choose-athlete")
        b.submit(b.find("button[type=submit].primary", section))
        name = athlete.split(" (")[0].split(" · ")[0].strip()
        section_id = [s for s in b.finds("section.entry-event") if b.find("h2", s).text.strip() == EVENT][0].get_attribute("id")
        b.see(name, f"#{section_id} .entry-list")
        entered.append(athlete)
        state.setdefault("athletes", []).append(name)
        state["event_section"] = section_id
    b.shot("entered")
    section = b.find("#" + state["event_section"])
    if b.finds("details form", section):
        raise StepFailed(f"{EVENT!r} still offers to add an entry after the team's quota of two")


def official_records_results(run, state):
    """An administrator makes the demo official an official of the open games; a reader opens the public
    standings; the official, on a phone, types the two 100 m times and saves them as official; the reader's
    page shows the leader's team with points and its athletes' places without being reloaded."""
    grant_role(run, "6th Jinghua Workers' Games", "admin-grants-official")

    run.at("reader-opens-standings")
    reader = Browser(run, DESK)
    reader.open(f"/p/{GAMES}/standings")
    reader.see(["Team standings", state["leader_team"]])
    reader.wait(lambda d: not reader.find("#live-note").get_attribute("hidden"), "the live note never said the page is live")
    reader.driver.execute_script("window.__marker = 1")
    before = reader.text("#live-region")
    reader.shot("standings-before")

    run.at("official-signs-in")
    phone = Browser(run, PHONE)
    phone.sign_in(OFFICIAL)
    phone.shot("dashboard")
    phone.open(f"/admin/games/{GAMES}")
    phone.find(f"a[href='/admin/games/{GAMES}/results']").click()
    phone.wait(lambda d: phone.path() == f"/admin/games/{GAMES}/results", "the results link did not open the events")
    phone.shot("events")
    [a for a in phone.finds("main li a") if a.text.strip().startswith(EVENT)][0].click()
    phone.wait(lambda d: re.fullmatch(rf"/admin/games/{GAMES}/results/\d+", phone.path()), "the event did not open its sheet")
    phone.see(state["athletes"])

    run.at("official-types-times")
    rows = phone.finds("fieldset.sheet-row")
    marks = {}
    for row, mark in zip(rows, ("12.48", "13.05")):
        field = phone.find("input[name$='[mark]']", row)
        field.clear()
        field.send_keys(mark)
        marks[phone.find(".who", row).text] = mark
    phone.shot("times-typed")
    phone.submit(phone.find("button[name=official]"))
    phone.see(["Place 1", "Place 2"])
    phone.shot("saved-official")

    run.at("standings-follow")
    team = state["leader_team"]

    def points(d):
        for row in reader.finds("#live-region table.standings tbody tr"):
            cells = [c.text for c in reader.finds("td", row)]
            if len(cells) > 2 and cells[1] == team and cells[2] not in ("", "0"):
                return cells
        return None
    cells = reader.wait(points, f"the public standings never showed points for {team} without a reload")
    if reader.text("#live-region") == before:
        raise StepFailed("the standings text did not change")
    if reader.driver.execute_script("return window.__marker") != 1:
        raise StepFailed("the standings page was reloaded (window.__marker is gone)")
    if cells[0] not in ("1", "1="):
        raise StepFailed(f"{team} has points but is ranked {cells[0]!r}")
    reader.shot("standings-after")

    run.at("results-page")
    reader.open(f"/p/{GAMES}/results")
    reader.see([EVENT] + state["athletes"])
    reader.shot("results")


def create_program(b, kind, slug, name, start="2026-12-12", venue="Company Sports Hall"):
    """The organizer's New program form; returns the program's back-office path."""
    b.open("/admin/programs")
    b.find("a[href='/admin/programs/new']").click()
    b.wait(lambda d: b.path() == "/admin/programs/new", "the New program link did not open the form")
    b.choose("#f-kind", value=kind)
    b.fill("#f-slug", slug)
    b.fill("#f-name", name)
    b.fill("#f-startDate", start)
    b.fill("#f-venue", venue)
    b.submit(b.find("main form.form button[type=submit]"))
    b.wait(lambda d: re.fullmatch(r"/admin/programs/\d+", b.path()), f"creating the program did not open it: {b.text()[:400]!r}")
    b.see(name)
    return b.path()


def move_status(b, program_path, status, label):
    b.open(program_path)
    forms = [f for f in b.finds("form[action$='/status']") if b.find("input[name=status]", f).get_attribute("value") == status]
    if not forms:
        raise StepFailed(f"the program page offers no way to {status!r}: {b.text('.lifecycle')!r}")
    b.submit(b.find("button", forms[0]))
    b.see(label, ".lifecycle")


def grant_role(run, program_name, step, email="official@demo.podium", field="officialPrograms[]", who="Official (demo)"):
    """The administrator gives a demo user a role for one program on the user's page."""
    run.at(step)
    admin = Browser(run, DESK)
    admin.sign_in((ADMIN, ADMIN_PASSWORD))
    admin.open("/admin/users")
    row = [r for r in admin.finds("main tbody tr") if email in r.text]
    if not row:
        raise StepFailed(f"the users page does not list {email}")
    admin.find("a", row[0]).click()
    admin.wait(lambda d: re.fullmatch(r"/admin/users/\d+", admin.path()), f"the line of {email} did not open the user")
    Select(admin.find(f"select[name='{field}']")).select_by_visible_text(program_name)
    admin.shot("grant-role")
    admin.submit(admin.find("main form.form button[type=submit]"))
    admin.see(who)
    admin.quit()


def timekeeper_taps_relay(run, state):
    """An organizer sets up a small relay (two legs, two teams) and starts it; the demo official, made its
    official, keeps time on a phone at the first exchange and taps two bibs; the public live board, open in
    another browser, shows the teams through the exchange without a reload."""
    b = Browser(run, DESK)
    run.at("organizer-creates-relay")
    b.sign_in(ORGANIZER)
    slug, name = f"e2e-relay-{run.stamp}", f"E2E Lakeside Relay {run.stamp}"
    # Race day is today in the program's time zone: reads are timed against today's start.
    today = datetime.datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    program_path = create_program(b, "relay", slug, name, start=today, venue="Lakeside Park")

    run.at("course")
    b.open(f"/admin/relay/{slug}")
    details = b.find("#course details")
    if not details.get_attribute("open"):
        b.find("#course summary").click()
    for index, (distance, point) in enumerate((("5", "Boathouse"), ("4.5", "Lakeside Finish"))):
        b.fill(f"#f-legs-{index}-distance", distance)
        b.fill(f"#f-legs-{index}-exchangePoint", point)
    b.fill("#course [name=teamSize]", "2")
    b.shot("course-form")
    b.submit(b.find("#course form button[type=submit]"))
    b.see(["Boathouse", "Lakeside Finish"], "#course table")

    run.at("teams")
    teams = []
    for bib in ("7", "8"):
        units = [o for o in Select(b.find("#f-unitId")).options if o.get_attribute("value")]
        unit = units[len(teams)].text
        b.choose("#f-unitId", text=unit)
        b.fill("#f-bib", bib)
        b.submit(b.find(f"form[action='/admin/relay/{slug}/teams'] button[type=submit]"))
        b.see(bib, "#teams table")
        teams.append(bib)
    b.shot("teams")

    run.at("status-running")
    for status, label in (("open", "Now: Open"), ("closed", "Now: Entries closed"), ("running", "Now: Under way")):
        move_status(b, program_path, status, label)

    run.at("start")
    b.open(f"/admin/relay/{slug}")
    # The gun went off half an hour ago (in the program's time zone), so a first leg of 5 km is plausible.
    shanghai = datetime.datetime.now(ZoneInfo("Asia/Shanghai"))
    gun = max(shanghai - datetime.timedelta(minutes=30), shanghai.replace(hour=0, minute=0, second=1, microsecond=0))
    b.fill("#f-start-at", gun.strftime("%H:%M:%S"))
    b.submit([f for f in b.finds("#start form") if b.finds("#f-start-at", f)][0].find_element(By.CSS_SELECTOR, "button"))
    b.see(gun.strftime("%H:%M:%S"), "#start")
    b.shot("started")
    b.quit()

    grant_role(run, name, "admin-grants-timekeeper")

    run.at("board-opens")
    board = Browser(run, DESK)
    board.open(f"/p/{slug}/live")
    board.see(name)
    board.driver.execute_script("window.__marker = 1")
    before = board.text()
    board.shot("board-before")

    run.at("timekeeper-point")
    phone = Browser(run, PHONE)
    phone.sign_in(OFFICIAL)
    phone.open(f"/admin/relay/{slug}/timing")
    [a for a in phone.finds("nav.team-switch a") if "Boathouse" in a.text][0].click()
    phone.wait(lambda d: "point=" in phone.path(), "choosing the timing point did not open the tap pad")
    phone.wait(lambda d: phone.find("#sync-state").text and "JavaScript" not in phone.find("#sync-state").text,
               "the tap pad never came to life")
    phone.shot("tap-pad")

    for bib in teams:
        run.at(f"tap-bib-{bib}")
        field = phone.find("#bib")
        field.clear()
        field.send_keys(bib)
        phone.find("#tap").click()
        phone.wait(lambda d: bib in phone.text("#taps"), f"the tap for bib {bib} is not in the list")
        time.sleep(0.05)
    phone.wait(lambda d: all(word not in phone.text("#taps") for word in ("queued", "Queued")), "taps stayed queued")
    phone.shot("tapped")

    run.at("board-moves")
    board.wait(lambda d: board.text("main table").count("Leg 2 of 2") == 2 and "Boathouse" in board.text("main table"),
               "the live board never showed both teams on leg 2, through the Boathouse, after the taps")
    if board.driver.execute_script("return window.__marker") != 1:
        raise StepFailed("the live board was reloaded (window.__marker is gone)")
    board.shot("board-after")


def reviewer_scores_nominations(run, state):
    """An organizer sets up a recognition program with one award (one place), nominates two employees and
    puts the demo reviewer on the panel; the reviewer scores the nominations; the organizer approves the
    result and publishes; the public honor roll shows the winner."""
    b = Browser(run, DESK)
    run.at("organizer-creates-recognition")
    b.sign_in(ORGANIZER)
    slug, name = f"e2e-recognition-{run.stamp}", f"E2E Recognition {run.stamp}"
    program_path = create_program(b, "recognition", slug, name, venue="Conference Hall")
    move_status(b, program_path, "open", "Now: Open")

    run.at("roster")
    b.open("/admin/people")
    people = []
    for row in b.finds("main tbody tr"):
        cells = [c.text.strip() for c in b.finds("td", row)]
        if len(cells) > 2 and cells[1] and "mploy" in cells[2] and cells[-1].lower().startswith("active"):
            people.append((cells[0], cells[1]))
        if len(people) == 2:
            break
    if len(people) < 2:
        raise StepFailed(f"the roster shows fewer than two active employees: {b.text()[:400]!r}")

    run.at("category")
    b.open(f"/admin/recognition/{slug}")
    if not b.find("#categories details").get_attribute("open"):
        b.find("#categories summary").click()
    form = b.find("#categories details form")
    b.fill("[name=name]", "E2E Innovation Award", form)
    b.fill("[name=code]", "E2EI", form)
    b.fill("[name=quotaTotal]", "1", form)
    b.shot("category-form")
    b.submit(b.find("button[type=submit]", form))
    b.wait(lambda d: b.path().endswith("/categories/E2EI"), f"adding the award did not open its page: {b.text()[:300]!r}")
    b.see("E2E Innovation Award")
    state["category_path"] = b.path()

    grant_role(run, name, "admin-grants-reviewer", "reviewer@demo.podium", "reviewerPrograms[]", "Reviewer (demo)")
    run.at("panel")
    b.open(state["category_path"])
    form = b.find("#panel form")
    choices = [o.text for o in Select(b.find("select", form)).options if "Reviewer (demo)" in o.text]
    if not choices:
        raise StepFailed("the panel form does not offer the demo reviewer")
    Select(b.find("select", form)).select_by_visible_text(choices[0])
    b.submit(b.find("button[type=submit]", form))
    b.see("Reviewer (demo)", "#panel table")
    b.shot("panel")

    b.open(f"/admin/recognition/{slug}")
    for number, (person, employee) in enumerate(people, 1):
        run.at(f"nominate-{number}")
        form = b.find("#nominations form")
        b.fill("[name=nominee]", employee, form)
        b.fill("[name=citation]", f"{person} led the e2e project that cut waste by {10 * number}%.", form)
        b.submit(b.find("button[type=submit]", form))
        b.see(person, "#nominations table")
    b.shot("nominated")
    state["nominees"] = [p for p, _ in people]

    move_status(b, program_path, "closed", "Now: Entries closed")

    run.at("reviewer-scores")
    r = Browser(run, DESK)
    r.sign_in(REVIEWER)
    r.open(f"/admin/recognition/{slug}/review")
    r.see(state["nominees"])
    winner = state["nominees"][0]
    card = [c for c in r.finds("main article, main li, main .candidate, main div") if winner in c.text and r.finds("input[name^='pick[']", c)]
    if not card:
        raise StepFailed(f"no Pick box next to {winner}")
    box = r.find("input[name^='pick[']", card[-1])
    r.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    r.shot("ballot")
    save = [btn for btn in r.finds("main button[type=submit]") if "ballot" in btn.text.lower()]
    r.submit(save[0])
    r.wait(lambda d: "not voted yet" not in r.text(), f"the ballot does not read as cast: {r.text()[:400]!r}")
    r.shot("ballot-saved")

    run.at("organizer-approves")
    b.open(state["category_path"])
    b.see(winner, "#tally")
    approve = b.finds(f"form[action$='/decisions'] button")
    if not approve:
        raise StepFailed(f"the award page offers no approval: {b.text('#tally')[:500]!r}")
    b.shot("tally")
    b.submit(approve[0])
    b.open(f"/admin/recognition/{slug}")
    b.see(winner, "#decisions")
    b.shot("decided")

    run.at("reader-opens-honor-roll")
    public = Browser(run, DESK)
    public.open(f"/p/{slug}/honor-roll")
    public.see(name)
    if winner in public.text():
        raise StepFailed(f"{winner} is on the public honor roll before the notice")
    public.wait(lambda d: public.finds("#live-region"), "the honor roll is not a live page")
    public.driver.execute_script("window.__marker = 1")
    public.shot("honor-roll-before")

    run.at("notice")
    form = [f for f in b.finds("#notice form") if b.finds("[name=endsAt]", f)]
    if not form:
        raise StepFailed(f"no way to start the public notice: {b.text('#notice')!r}")
    ends = datetime.datetime.now(ZoneInfo("Asia/Shanghai")) + datetime.timedelta(days=5)
    b.fill("[name=endsAt]", ends.strftime("%Y-%m-%dT%H:%M"), form[0])
    b.submit(b.find("button[type=submit]", form[0]))
    b.see("Public notice from", "#notice")
    b.shot("notice")

    run.at("honor-roll-appears")
    public.wait(lambda d: winner in public.text() and "Public notice of the proposed honorees" in public.text(),
                f"the proposed honor roll never appeared without a reload: {public.text()[:400]!r}")
    if public.driver.execute_script("return window.__marker") != 1:
        raise StepFailed("the honor roll page was reloaded (window.__marker is gone)")
    public.see(["E2E Innovation Award", winner])
    if state["nominees"][1] in public.text():
        raise StepFailed(f"{state['nominees'][1]}, who was not picked, is on the honor roll")
    public.shot("honor-roll-after")


JOURNEYS = [
    ("organizer", organizer_builds_games),
    ("leader", leader_enters_athletes),
    ("official", official_records_results),
    ("timekeeper", timekeeper_taps_relay),
    ("reviewer", reviewer_scores_nominations),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary", nargs="?", default=".build/debug/podium")
    parser.add_argument("--screenshots", default="e2e/screenshots")
    parser.add_argument("--only", nargs="*", help="run only these journeys")
    args = parser.parse_args()
    for tool in ("/usr/bin/chromium", "/usr/bin/chromedriver"):
        if not os.path.exists(tool):
            sys.exit(f"{tool} is missing: apt-get install chromium chromium-driver")
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"{args.binary} is not an executable podium binary")
    os.makedirs(args.screenshots, exist_ok=True)
    for old in os.listdir(args.screenshots):
        if old.endswith(".png"):
            os.remove(os.path.join(args.screenshots, old))

    # A CI that gives up on the run sends SIGTERM: stop the server and the browsers on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("journeys stopped by SIGTERM"))
    started = time.time()
    server = Server(os.path.abspath(args.binary))
    print(f"podium is up at {server.base} after {time.time() - started:.1f} s", flush=True)
    run = Run(server.base, args.screenshots)
    state = {}
    failed = None
    try:
        for name, journey in JOURNEYS:
            if args.only and name not in args.only:
                continue
            run.journey, run.step = name, "start"
            began = time.time()
            try:
                journey(run, state)
            except Exception as error:
                shots = []
                for browser in run.browsers:
                    try:
                        shots.append(run.shot(browser, f"FAILED-{run.step}"))
                    except Exception:
                        pass
                detail = str(error) if isinstance(error, StepFailed) else traceback.format_exc()
                failed = f"journey {name!r} failed at step {run.step!r}: {detail}\n  screenshots: " + \
                    ", ".join(os.path.join(args.screenshots, s) for s in shots)
                break
            finally:
                run.close_browsers()
            print(f"passed  {name:<12} {time.time() - began:6.1f} s", flush=True)
    finally:
        run.close_browsers()
        server.stop()
        if failed:
            print(f"FAILED  {failed}\n  server log: {server.log_path}", file=sys.stderr)
        else:
            shutil.rmtree(server.dir, ignore_errors=True)
    if failed:
        sys.exit(1)
    print(f"all journeys passed in {time.time() - started:.1f} s; screenshots in {args.screenshots}")


if __name__ == "__main__":
    main()
