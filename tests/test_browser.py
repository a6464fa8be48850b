"""The pages in a real browser: Debian's headless Chromium driven by selenium and Debian's chromium-driver.

Nothing is downloaded: the test uses /usr/bin/chromium and /usr/bin/chromedriver
(`apt-get install chromium chromium-driver`; `.ci/run` installs them) and is
skipped, with that reason, where they are missing.
"""
from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from pipeline.comparison.history import build_history
from pipeline.render.history_page import history_html
from pipeline.run.outputs import page_contents, write_files

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,900"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def programme_page(corpus_programmes, tmp_path_factory):
    programme = corpus_programmes["serv-werkprogramma-2024"]
    return programme, write_files(tmp_path_factory.mktemp("page"), page_contents(programme))[0].as_uri()


@pytest.fixture(scope="module")
def history_page(derived_editions, tmp_path_factory):
    _, programmes, _ = derived_editions
    history = build_history(list(programmes.values()))
    target = tmp_path_factory.mktemp("history") / "history.html"
    target.write_text(history_html(history), encoding="utf-8")
    return history, target.as_uri()


def open_page(driver, uri: str, width: int = 1280, height: int = 900) -> None:
    driver.set_window_size(width, height)
    driver.get(uri)
    driver.get_log("browser")  # start each page with an empty console


def console_errors(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def visible(driver, selector: str) -> list:
    return [element for element in driver.find_elements("css selector", selector) if element.is_displayed()]


def assert_not_blank(driver) -> None:
    from PIL import Image

    image = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("L")
    histogram = image.histogram()
    dark = sum(histogram[:128]) / (image.width * image.height)
    assert len([n for n in histogram if n]) > 20, "the screenshot is (nearly) one colour"
    assert 0.005 < dark < 0.6, f"{dark:.1%} of the screenshot is dark"


def test_programme_page_opens_without_console_errors(browser, programme_page):
    programme, uri = programme_page
    open_page(browser, uri)
    assert browser.title == programme.edition.title
    assert len(visible(browser, ".dossier")) == programme.counts()["dossiers"]
    assert len(visible(browser, "a.theme-link")) == programme.counts()["themes"]
    assert console_errors(browser) == []
    assert_not_blank(browser)


def test_spearhead_filter_leaves_exactly_the_spearheads(browser, programme_page):
    programme, uri = programme_page
    open_page(browser, uri)
    browser.find_element("id", "spearheads-only").click()
    shown = visible(browser, ".dossier,.request")
    expected = {d.id for p in programme.parts for t in p.themes for d in t.dossiers if d.spearhead}
    assert {element.get_attribute("id") for element in shown} == expected
    assert console_errors(browser) == []


def test_theme_link_scrolls_to_the_theme(browser, programme_page):
    programme, uri = programme_page
    open_page(browser, uri)
    theme = programme.parts[-1].themes[-1]
    link = next(a for a in browser.find_elements("css selector", "a.theme-link")
                if a.get_attribute("href").endswith("#" + theme.id))
    link.click()
    top = browser.execute_script("return document.getElementById(arguments[0]).getBoundingClientRect().top",
                                 theme.id)
    assert browser.execute_script("return window.scrollY") > 1000
    assert 0 <= top < 300


def test_facet_click_shows_the_items_that_name_it_with_evidence(browser, programme_page):
    programme, uri = programme_page
    open_page(browser, uri)
    button = browser.find_element("css selector", ".facet[data-facet='actor/vdab']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    expected = {item.id for p in programme.parts for t in p.themes for item in [*t.dossiers, *t.advisory_requests]
                if item.nlp and any(m.actor == "actor/vdab" for m in item.nlp.actors)}
    shown = {element.get_attribute("id") for element in visible(browser, ".dossier,.request")}
    assert expected and shown == expected
    evidence = visible(browser, ".evidence")
    assert len(evidence) == len(expected) and all("VDAB" in e.text for e in evidence)
    browser.find_element("id", "facet-clear").click()
    assert len(visible(browser, ".dossier")) == programme.counts()["dossiers"]


def test_search_finds_a_dossier(browser, programme_page):
    programme, uri = programme_page
    open_page(browser, uri)
    dossier = programme.parts[0].themes[2].dossiers[1]
    browser.find_element("id", "search").send_keys(dossier.title)
    shown = [element.get_attribute("id") for element in visible(browser, ".dossier")]
    assert shown == [dossier.id]


def test_programme_page_fits_a_phone(browser, programme_page):
    _, uri = programme_page
    open_page(browser, uri, 390, 844)
    overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert_not_blank(browser)
    assert console_errors(browser) == []


def test_history_page_filters_and_shows_old_titles(browser, history_page):
    history, uri = history_page
    open_page(browser, uri)
    assert console_errors(browser) == []
    assert_not_blank(browser)
    rows = browser.find_elements("css selector", "tr.chain")
    assert len(rows) == len(history.chains)

    browser.find_element("id", "spearhead-ever").click()
    assert {r.get_attribute("id") for r in visible(browser, "tr.chain")} == {
        c.id for c in history.chains if c.spearhead_ever()}
    browser.find_element("id", "spearhead-ever").click()

    browser.find_element("id", "changed-only").click()
    assert {r.get_attribute("id") for r in visible(browser, "tr.chain")} == {c.id for c in history.chains if c.events}
    browser.find_element("id", "changed-only").click()

    from selenium.webdriver.support.ui import Select
    Select(browser.find_element("id", "entity")).select_by_value("theme")
    assert len(visible(browser, "tr.chain")) == sum(c.entity == "theme" for c in history.chains)
    Select(browser.find_element("id", "entity")).select_by_value("")

    browser.find_element("id", "search").send_keys("Begrotingsadvies 2025")
    shown = visible(browser, "tr.chain")
    assert [r.find_element("css selector", "td.title").text for r in shown] == ["Begrotingsadvies 2028"]
    renamed = shown[0].find_element("css selector", "td.event[data-year='2026']")
    assert "Begrotingsadvies 2026 → Begrotingsadvies 2027" in renamed.get_attribute("title")
    renamed.click()
    assert "terugkerend" in browser.find_element("id", "detail").text  # Dutch by default
    assert console_errors(browser) == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_page_speaks_the_chosen_language(browser, corpus_programmes, tmp_path, language):
    """Dutch by default, English on request: the interface, the counts and the dates; never the content.
    `WERKPROGRAMMA_SCREENSHOTS=DIR` keeps the screenshots (programme-nl.png, programme-en.png)."""
    from pipeline.render.i18n import catalogue

    programme = corpus_programmes["serv-werkprogramma-2024"]
    text = catalogue(language)
    uri = write_files(tmp_path, page_contents(programme, language=language))[0].as_uri()
    open_page(browser, uri)
    assert browser.execute_script("return document.documentElement.lang") == language
    assert browser.find_element("id", "search").get_attribute("placeholder") == text.text("programme.search")
    toolbar = browser.find_element("css selector", ".toolbar").text
    assert text.text("programme.spearheads_only") in toolbar
    assert browser.find_element("css selector", "nav#toc summary").text == text.text("programme.contents")
    assert text.text("part", number=1) in browser.find_element("css selector", ".part h2").text
    header = browser.find_element("css selector", "header.top").text
    assert text.text("programme.summary", **programme.counts()) in header
    months = " ".join(text.strings["months"])
    timing = [t.text for t in browser.find_elements("css selector", ".timing") if t.text]
    assert timing and any(month in t for t in timing for month in months.split())
    assert visible(browser, ".dossier")[0].find_element("tag name", "h4").text.startswith(
        programme.parts[0].themes[0].dossiers[0].title)  # the content as the edition has it
    browser.find_element("id", "spearheads-only").click()
    shown = browser.find_element("id", "shown").text
    total = len(browser.find_elements("css selector", ".dossier,.request"))
    assert shown == text.text("programme.shown", shown=programme.counts()["spearheads"], total=total)
    browser.find_element("id", "spearheads-only").click()
    assert console_errors(browser) == []
    assert_not_blank(browser)
    if folder := os.environ.get("WERKPROGRAMMA_SCREENSHOTS"):
        browser.save_screenshot(str(Path(folder) / f"programme-{language}.png"))
