"""The pages in a real browser: Chromium, driven by Playwright, over HTTP on localhost."""

from __future__ import annotations

import re

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


def test_plain_tooltip_opens_on_focus_and_escape_closes_it(open_page, components_html):
    page = open_page(components_html, "tooltips.html")
    tooltip = page.locator(".mdx-tooltip").filter(has_text="Hello body.")
    trigger, body = tooltip.locator(".mdx-tooltip-trigger"), tooltip.locator(".mdx-tooltip-body")
    expect = require_module("playwright.sync_api").expect
    expect(body).to_have_attribute("role", "tooltip")
    expect(trigger).to_have_attribute("aria-describedby", body.get_attribute("id"))
    expect(trigger).to_have_accessible_description("Hello body.")
    trigger.focus()
    expect(body).to_be_visible()
    page.keyboard.press("Escape")
    expect(body).to_be_hidden()
    assert _is_focused(trigger)
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    expect(body).to_be_visible()
    trigger.evaluate("element => element.blur()")
    expect(body).to_be_hidden()
    trigger.hover()
    expect(body).to_be_visible()


def _is_focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def test_link_tooltip_is_a_disclosure_for_the_keyboard(open_page, site_html):
    page = open_page(site_html, "faq.html")
    trigger, body = _supervisor(page)
    expect = require_module("playwright.sync_api").expect
    for _ in range(200):
        page.keyboard.press("Tab")
        if _is_focused(trigger):
            break
    else:
        pytest.fail("the tooltip trigger is never reached with Tab")
    assert trigger.evaluate("element => element.tagName") == "BUTTON"
    expect(trigger).to_have_attribute("aria-controls", body.get_attribute("id"))
    expect(trigger).to_have_attribute("aria-expanded", "false")
    assert body.get_attribute("role") is None, "role=tooltip may hold no link"
    expect(body).to_be_hidden()
    page.keyboard.press("Enter")
    expect(trigger).to_have_attribute("aria-expanded", "true")
    expect(body).to_be_visible()
    page.keyboard.press("Tab")  # at once: no waiting for the fade
    assert _is_focused(body.locator("a"))
    page.keyboard.press("Escape")
    expect(body).to_be_hidden()
    expect(trigger).to_have_attribute("aria-expanded", "false")
    assert _is_focused(trigger)
    page.keyboard.press("Space")
    expect(body).to_be_visible()
    page.keyboard.press("Space")
    expect(body).to_be_hidden()


def test_disclosure_closes_when_focus_leaves_it(open_page, site_html):
    page = open_page(site_html, "faq.html")
    trigger, body = _supervisor(page)
    expect = require_module("playwright.sync_api").expect
    trigger.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(body).to_be_hidden()
    expect(trigger).to_have_attribute("aria-expanded", "false")


def test_icon_trigger_is_a_named_button(open_page, components_html):
    page = open_page(components_html, "tooltips.html")
    expect = require_module("playwright.sync_api").expect
    icons = page.get_by_role("button", name="More information")
    assert icons.count() == page.locator(".mdx-tooltip-icon").count() > 0
    icon = icons.first
    icon.focus()
    body = page.locator("#" + icon.get_attribute("aria-describedby"))
    expect(body).to_be_visible()
    expect(icon).to_have_accessible_description(body.inner_text())


def test_triggers_have_one_underline(open_page, components_html):
    page = open_page(components_html, "tooltips.html")
    underlines = page.locator(".mdx-tooltip-trigger:not(.mdx-tooltip-icon)").evaluate_all("""triggers =>
        triggers.map(trigger => [trigger, ...trigger.querySelectorAll("*")].filter(element => {
            const style = getComputedStyle(element);
            return style.textDecorationLine.includes("underline") || style.borderBottomStyle !== "none";
        }).length)""")
    assert underlines and all(count == 1 for count in underlines), underlines


PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize(("site", "path"), [
    ("components_html", "tooltips.html"),
    ("components_html", "points.html"),
    ("components_html", "directives.html"),
    ("site_html", "faq.html"),
    ("site_html", "authoring.html"),
])
def test_popups_stay_inside_a_phone_screen(open_page, request, site, path):
    page = open_page(request.getfixturevalue(site), path)
    page.set_viewport_size(PHONE)
    expect = require_module("playwright.sync_api").expect
    triggers = page.locator(".mdx-tooltip-trigger, .mdx-poi-marker")
    assert triggers.count() > 0
    for index in range(triggers.count()):
        trigger = triggers.nth(index)
        popup = trigger.locator("xpath=following-sibling::*[1]")
        trigger.click()
        expect(popup).to_be_visible()
        box = popup.bounding_box()
        width, height = page.evaluate("[document.documentElement.clientWidth, "
                                      "document.documentElement.clientHeight]")
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (trigger.inner_text(), box)
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, (trigger.inner_text(), box)
        page.keyboard.press("Escape")
        expect(popup).to_be_hidden()


def test_without_the_script_focus_still_shows_every_popup(open_page, components_html):
    page = open_page(components_html, "points.html")
    expect = require_module("playwright.sync_api").expect
    page.route("**/mdx.js*", lambda route: route.abort())
    for path in ("points.html", "tooltips.html"):
        page.goto(page.url.rsplit("/", 1)[0] + "/" + path)
        for trigger in page.locator(".mdx-tooltip-trigger, .mdx-poi-marker").all():
            popup = trigger.locator("xpath=following-sibling::*[1]")
            expect(popup).to_be_hidden()
            trigger.focus()
            expect(popup).to_be_visible()

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


def test_one_point_open_at_a_time(open_page, components_html):
    page = open_page(components_html, "points.html")
    expect = require_module("playwright.sync_api").expect
    markers, descriptions = page.locator(".mdx-poi-marker"), page.locator(".mdx-poi-description")
    markers.nth(0).click()
    markers.nth(1).click()
    expect(descriptions.nth(1)).to_be_visible()
    expect(descriptions.nth(0)).to_be_hidden()
    expect(markers.nth(0)).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Tab")
    assert _is_focused(markers.nth(2))
    assert [description.is_visible() for description in descriptions.all()].count(True) <= 1
    page.keyboard.press("Enter")
    expect(descriptions.nth(2)).to_be_visible()
    assert [description.is_visible() for description in descriptions.all()].count(True) == 1


def test_escape_closes_a_point_and_returns_focus_to_its_marker(open_page, components_html):
    page = open_page(components_html, "points.html")
    expect = require_module("playwright.sync_api").expect
    point = page.locator(".mdx-poi-point").filter(has=page.locator(".mdx-poi-description a"))
    marker, description = point.locator(".mdx-poi-marker"), point.locator(".mdx-poi-description")
    expect(marker).to_have_attribute("aria-controls", description.get_attribute("id"))
    marker.focus()
    expect(description).to_be_hidden()
    page.keyboard.press("Enter")
    expect(description).to_be_visible()
    page.keyboard.press("Tab")
    assert _is_focused(description.locator("a"))
    page.keyboard.press("Escape")
    expect(description).to_be_hidden()
    expect(marker).to_have_attribute("aria-expanded", "false")
    assert _is_focused(marker)


def _luminance(colour: str) -> float:
    """WCAG's relative luminance of a computed ``rgb(...)`` colour."""
    channels = [float(channel) / 255 for channel in re.findall(r"[\d.]+", colour)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(locator) -> tuple[float, str]:
    """The contrast ratio of an element's text on its background, and that background (opaque)."""
    text, background = locator.evaluate("element => [getComputedStyle(element).color, "
                                        "getComputedStyle(element).backgroundColor]")
    assert background.startswith("rgb("), f"not opaque: {background}"
    lighter, darker = sorted([_luminance(text), _luminance(background)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05), background


@pytest.mark.parametrize(("theme", "scheme"), [("light", "light"), ("dark", "light"), ("auto", "dark")])
def test_markers_keep_their_contrast_in_every_state(open_page, components_html, theme, scheme):
    page = open_page(components_html, "points.html")
    page.emulate_media(color_scheme=scheme)
    page.evaluate(f"document.body.dataset.theme = {theme!r}")
    page_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (_luminance(page_background) < 0.5) == (scheme == "dark" or theme == "dark"), page_background
    marker = page.locator(".mdx-poi-marker").first

    def leave() -> None:
        page.mouse.move(0, 0)
        marker.evaluate("element => element.blur()")

    states = {}
    leave()
    states["normal"] = _contrast(marker)
    marker.hover()
    states["hover"] = _contrast(marker)
    page.mouse.move(0, 0)
    marker.focus()
    states["focus"] = _contrast(marker)
    marker.click()
    require_module("playwright.sync_api").expect(marker).to_have_attribute("aria-expanded", "true")
    states["open"] = _contrast(marker)
    marker.click()
    leave()
    states["visited"] = _contrast(marker)
    marker.hover()
    states["visited, hover"] = _contrast(marker)
    assert len({background for _, background in states.values()}) >= 4, states
    for name, (ratio, background) in states.items():
        assert ratio >= 4.5, (theme, scheme, name, ratio, background)


def test_touch_opens_and_closes_popups(open_page, browser, components_html):
    url = open_page(components_html, "tooltips.html").url
    context = browser.new_context(has_touch=True, is_mobile=True, viewport=PHONE)
    try:
        page = context.new_page()
        expect = require_module("playwright.sync_api").expect
        for path in ("tooltips.html", "points.html"):
            page.goto(url.rsplit("/", 1)[0] + "/" + path)
            for trigger in page.locator(".mdx-tooltip-trigger, .mdx-poi-marker").all():
                popup = trigger.locator("xpath=following-sibling::*[1]")
                trigger.tap()
                expect(popup).to_be_visible()
                page.touchscreen.tap(2, PHONE["height"] / 2)  # the page's margin: popups keep clear of the edge
                expect(popup).to_be_hidden()
            disclosure = page.locator(".mdx-tooltip-trigger[aria-expanded], .mdx-poi-marker").first
            disclosure.tap()
            disclosure.tap()
            expect(disclosure.locator("xpath=following-sibling::*[1]")).to_be_hidden()
    finally:
        context.close()
