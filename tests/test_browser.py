"""The pages in a real browser: Chromium, driven by Playwright, over HTTP on localhost."""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import require_module

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


def _serve(directory: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def browser(chromium_path):
    sync_api = require_module("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """``open_page(directory, path)``: a new tab on ``path`` served from ``directory``."""
    servers, contexts = [], []

    def open_(directory: Path, path: str):
        server = _serve(directory)
        servers.append(server)
        context = browser.new_context()
        contexts.append(context)
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/{path}")
        return page

    yield open_
    for context in contexts:
        context.close()
    for server in servers:
        server.shutdown()


def _supervisor(page):
    tooltip = page.locator(".mdx-tooltip").filter(has_text="Supervisor")
    return tooltip.locator(".mdx-tooltip-trigger"), tooltip.locator(".mdx-tooltip-body")


def test_tooltip_opens_on_hover_and_its_link_can_be_clicked(open_page, site_html):
    page = open_page(site_html, "faq.html")
    trigger, body = _supervisor(page)
    expect = require_module("playwright.sync_api").expect
    expect(body).to_be_hidden()
    trigger.hover()
    expect(body).to_be_visible()
    link = body.locator("a")
    link.hover()
    expect(body).to_be_visible()
    page.route("https://docs.spectrocloud.com/**", lambda route: route.fulfill(body="ok", content_type="text/html"))
    link.click()
    page.wait_for_url("https://docs.spectrocloud.com/enterprise-version/deploying-the-platform-installer/**")
    assert page.url.endswith("#monitorinstallation")


def test_tooltip_opens_on_focus_and_escape_closes_it(open_page, site_html):
    page = open_page(site_html, "faq.html")
    trigger, body = _supervisor(page)
    expect = require_module("playwright.sync_api").expect
    trigger.focus()
    expect(body).to_be_visible()
    assert trigger.get_attribute("aria-describedby") == body.get_attribute("id")
    page.keyboard.press("Escape")
    expect(body).to_be_hidden()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    expect(body).to_be_visible()


def test_tooltip_reached_with_the_keyboard(open_page, site_html):
    page = open_page(site_html, "faq.html")
    trigger, body = _supervisor(page)
    for _ in range(200):
        page.keyboard.press("Tab")
        if trigger.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("the tooltip trigger is never reached with Tab")
    require_module("playwright.sync_api").expect(body).to_be_visible()


def test_query_and_anchor_open_the_right_pane(open_page, components_html):
    page = open_page(components_html, "04-clusters.html?clusterType=vmware_cluster#ipaddressmanagement")
    expect = require_module("playwright.sync_api").expect
    heading = page.locator(".rubric:has(#ipaddressmanagement)")
    expect(heading).to_have_text("IP Address Management")
    expect(heading).to_be_visible()
    expect(heading).to_be_in_viewport()
    expect(page.get_by_text("On VMware.")).to_be_visible()
    expect(page.get_by_text("On AWS.")).to_be_hidden()


def test_anchor_alone_opens_its_pane(open_page, components_html):
    page = open_page(components_html, "tabs.html#vmwaredetails")
    expect = require_module("playwright.sync_api").expect
    expect(page.get_by_text("For VMware.")).to_be_visible()
    expect(page.get_by_text("For AWS.")).to_be_hidden()


def test_point_of_interest_opens_on_click(open_page, components_html):
    page = open_page(components_html, "points.html")
    expect = require_module("playwright.sync_api").expect
    marker = page.locator(".mdx-poi-marker").first
    description = page.locator(".mdx-poi-description").first
    expect(description).to_be_hidden()
    marker.click()
    expect(description).to_be_visible()
    assert marker.get_attribute("aria-expanded") == "true"
    assert "mdx-poi-visited" in marker.get_attribute("class")
