"""The pages in a real browser: Chromium, driven by Playwright, over HTTP on localhost."""

from __future__ import annotations

import pytest

from conftest import require_module


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
    page = open_page(components_html, "clusters.html?clusterType=vmware_cluster#ipaddressmanagement")
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
