"""The web app in a real browser: Debian's headless Chromium driven by Playwright.

The tests start uvicorn on 127.0.0.1 (a free port) against the demo store, load the map,
filter it, click through to a place and to an evidence sentence, walk the timeline, search,
series and actor pages, and check the briefing in HTML and PDF. Each page is kept as a
screenshot under ``artifacts/screenshots/`` (gitignored), a test artefact to look at.
Skipped only when /usr/bin/chromium is absent (CI installs it).
"""

from __future__ import annotations

import io
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]

if CHROMIUM.exists():
    import uvicorn
    from playwright.sync_api import Browser, Page, expect, sync_playwright
    from pypdf import PdfReader


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(app: FastAPI) -> Iterator[str]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=base_url)
    errors: list[str] = []
    pg = context.new_page()
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
    # the app is offline: any request leaving 127.0.0.1 is a bug
    pg.route(
        re.compile(r"^(?!http://127\.0\.0\.1)"),
        lambda route: (errors.append(route.request.url), route.abort()),
    )
    yield pg
    context.close()
    assert not errors, errors


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=name != "map")


def _map_ready(page: Page, after: float = 0) -> float:
    page.wait_for_function(f"window.pukaraMapReady > {after}", timeout=20_000)
    return float(page.evaluate("window.pukaraMapReady"))


def test_map_filter_and_click_through_to_evidence(page: Page) -> None:
    page.goto("/map")
    first = _map_ready(page)
    expect(page.locator("#map")).to_have_attribute("data-state", "ready")
    assert page.locator(".cluster-icon").count() > 5
    total = page.locator("#counts b").first.inner_text()
    _shot(page, "map")

    page.select_option("select[name=activity]", "gold_mining")
    page.click("#apply")
    _map_ready(page, first)
    assert "activity=gold_mining" in page.url
    filtered = page.locator("#counts b").first.inner_text()
    assert int(filtered.replace(",", "")) < int(total.replace(",", ""))
    _shot(page, "map-filtered")

    # hide the markers, then click Loreto's department polygon (drawn on canvas)
    page.uncheck("#layer-events")
    page.uncheck("#layer-facts")
    point = page.evaluate(
        "(() => { const p = window.pukaraMap.latLngToContainerPoint([-4.2, -74.5]);"
        " const r = document.getElementById('map').getBoundingClientRect();"
        " return [p.x + r.left, p.y + r.top]; })()"
    )
    page.mouse.click(*point)
    page.wait_for_url("**/places/pe%3A16**")
    expect(page.locator("h1#place-name")).to_have_text("Loreto")
    expect(page.locator("#convergence")).to_contain_text("Convergence")
    _shot(page, "place")

    quote = page.locator("#facts li.fact blockquote").first.inner_text().strip("“”")
    page.locator("#facts li.fact a", has_text="evidence").first.click()
    page.wait_for_url(re.compile(r"/documents/\w+\?fact=[0-9a-f]{16}"))
    mark = page.locator("mark#evidence")
    expect(mark).to_be_visible()
    assert mark.inner_text().split() == quote.split()
    _shot(page, "document")


def test_marker_click_opens_its_place(page: Page) -> None:
    page.goto("/map")
    _map_ready(page)
    single = page.locator(".leaflet-marker-icon[title]").first  # a marker, not a cluster
    name = (single.get_attribute("title") or "").split(":")[0]
    single.click()
    page.wait_for_url("**/places/**")
    expect(page.locator("h1#place-name")).to_have_text(name)


def test_timeline_filter_and_event(page: Page) -> None:
    page.goto("/events")
    page.select_option("select[name=type]", "seizure")
    page.click("#apply")
    page.wait_for_url("**type=seizure**")
    heads = page.locator("#timeline li.event .head > a").all_inner_texts()
    assert heads and set(heads) == {"Seizure"}
    _shot(page, "timeline")
    page.locator("#timeline li.event .head > a").first.click()
    page.wait_for_url(re.compile(r"/events/[0-9a-f]{16}$"))
    expect(page.locator("h1")).to_contain_text("Seizure")
    _shot(page, "event")
    page.locator("a", has_text="evidence in the document").first.click()
    expect(page.locator("mark#evidence")).to_be_visible()


def test_search_actor_and_series(page: Page) -> None:
    page.goto("/map")
    page.fill("header input[name=q]", "sendero")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=sendero")
    expect(page.locator("#actors")).to_contain_text("Shining Path")
    _shot(page, "search")
    page.locator("#actors a", has_text="Shining Path").click()
    expect(page.locator("h1")).to_have_text("Shining Path")
    _shot(page, "actor")
    page.goto("/series?indicator=coca_cultivation_area&place=PE")
    chart = page.locator("img[alt^='chart of']")
    expect(chart).to_be_visible()
    page.wait_for_function("document.querySelector(\"img[alt^='chart of']\").naturalWidth > 0")
    assert page.locator("#series-table tbody tr").count() > 3
    _shot(page, "series")


def test_brief_html_and_pdf(page: Page) -> None:
    page.goto("/brief?place=LORETO&since=2024-01")
    expect(page.locator("h1")).to_have_text("Situation brief: Loreto")
    banners = page.locator(".marking")
    expect(banners).to_have_count(2)
    assert set(banners.all_inner_texts()) == {"TLP:AMBER REL TO PE"}
    page.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    _shot(page, "brief")
    href = page.locator("#pdf-link").get_attribute("href")
    pdf = page.request.get(href or "")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    body = pdf.body()
    assert body.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    assert "Loreto" in text and "TLP:AMBER REL TO PE" in text


def test_api_docs_work_offline(page: Page) -> None:
    page.goto("/api/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Pukara")
    expect(page.locator(".opblock-summary-path", has_text="/api/events").first).to_be_visible()
    _shot(page, "api-docs")  # the page fixture fails the test on any request off the server
