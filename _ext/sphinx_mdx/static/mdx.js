// Tooltips and points of interest for mouse, touch, keyboard and screen readers.
// Without this script, mdx.css opens them on hover and focus, so their content stays reachable.
"use strict";

(function () {
  var EDGE = 8; // px kept between a popup and the edges of the viewport
  var popups = []; // every tooltip and point of the page, in document order

  document.documentElement.classList.add("mdx-js");

  // Where a popup may go, in order of preference: a class of mdx.css ("" for its first place), and the
  // axis on which it stands beside its anchor: shifting it along the other one never covers the anchor.
  var TOOLTIP_PLACES = [{name: "", axis: "y"}, {name: "mdx-place-below", axis: "y"}];
  var POINT_PLACES = [{name: "", axis: "x"}, {name: "mdx-place-left", axis: "x"},
                      {name: "mdx-place-below", axis: "y"}, {name: "mdx-place-above", axis: "y"}];

  // Puts a popup in the first of its places where it fits beside its anchor, else where it overflows
  // least, then shifts it by what still overflows: at any width it shows whole.
  function fit(popup, places) {
    popup.style.translate = "";
    var overflows = places.map(function (place) {
      put(popup, places, place);
      return overflow(popup, place.axis);
    });
    put(popup, places, places[overflows.indexOf(Math.min.apply(Math, overflows))]);
    popup.style.translate = shift(popup, "x") + "px " + shift(popup, "y") + "px";
  }

  function put(popup, places, place) {
    places.forEach(function (other) { if (other.name) popup.classList.toggle(other.name, other === place); });
  }

  // How far the popup's start and end stand past the viewport's edges on one axis (negative: inside).
  function past(popup, axis) {
    var rect = popup.getBoundingClientRect();
    var root = document.documentElement;
    if (axis === "x") return {start: EDGE - rect.left, end: rect.right - (root.clientWidth - EDGE)};
    return {start: EDGE - rect.top, end: rect.bottom - (root.clientHeight - EDGE)};
  }

  function overflow(popup, axis) {
    var edges = past(popup, axis);
    return Math.max(edges.start, 0) + Math.max(edges.end, 0);
  }

  // Back from the end edge, but never past the start edge: a popup too big to fit shows its start.
  function shift(popup, axis) {
    var edges = past(popup, axis);
    return Math.max(-Math.max(edges.end, 0), edges.start);
  }

  // One tooltip or point. A tooltip whose body holds links, and a point, are disclosures: their
  // trigger (it has aria-expanded) opens them on click, Enter or Space, and they close when focus
  // or a press goes elsewhere. A text-only tooltip shows while its trigger has focus. A mouse over
  // a tooltip shows it too. Escape hides any of them until the pointer or focus comes back.
  function setUp(element, trigger, body, openClass, places, hover) {
    var disclosure = trigger.hasAttribute("aria-expanded");
    var state = {expanded: false, hovered: false, focused: false, dismissed: false};
    var popup = {
      element: element,
      trigger: trigger,
      body: body,
      places: places,
      isOpen: function () { return element.classList.contains(openClass); },
      close: function () { state.expanded = false; update(); },
      dismiss: function () { state.expanded = false; state.dismissed = true; update(); },
    };

    function update() {
      var open = state.expanded || ((state.hovered || state.focused) && !state.dismissed);
      if (open && !popup.isOpen()) fit(body, places);
      element.classList.toggle(openClass, open);
      if (disclosure) trigger.setAttribute("aria-expanded", String(state.expanded));
    }

    if (hover) {
      // Mouse only: a tap also sends pointer events, and must not open what its click then toggles.
      element.addEventListener("pointerenter", function (event) {
        if (event.pointerType !== "mouse") return;
        state.hovered = true;
        state.dismissed = false;
        update();
      });
      element.addEventListener("pointerleave", function (event) {
        if (event.pointerType !== "mouse") return;
        state.hovered = false;
        update();
      });
    }
    if (disclosure) {
      trigger.addEventListener("click", function () {
        if (state.expanded) {
          popup.dismiss(); // and stays closed while the mouse is still over it
          return;
        }
        popups.forEach(function (other) { if (other !== popup) other.close(); });
        state.expanded = true;
        update();
      });
      element.addEventListener("focusout", function (event) {
        if (event.relatedTarget && !element.contains(event.relatedTarget)) popup.close();
      });
    } else {
      trigger.addEventListener("focus", function () {
        state.focused = true;
        state.dismissed = false;
        update();
      });
      trigger.addEventListener("blur", function () {
        state.focused = false;
        update();
      });
      // Safari and touch screens do not focus what they click.
      trigger.addEventListener("click", function () {
        state.dismissed = false;
        trigger.focus();
        update();
      });
    }
    popups.push(popup);
  }

  function escape(event) {
    if (event.key !== "Escape") return;
    var focused = document.activeElement;
    var home = null; // the trigger of the outermost open popup that holds the focus
    popups.forEach(function (popup) {
      if (!popup.isOpen()) return;
      if (!home && popup.element.contains(focused)) home = popup.trigger;
      popup.dismiss();
    });
    if (home) home.focus();
  }

  function ready() {
    document.querySelectorAll(".mdx-tooltip, .mdx-poi-point").forEach(function (element) {
      var child = function (name) { return element.querySelector(":scope > ." + name); };
      if (element.classList.contains("mdx-tooltip")) {
        setUp(element, child("mdx-tooltip-trigger"), child("mdx-tooltip-body"), "mdx-tooltip--open", TOOLTIP_PLACES,
              true);
        return;
      }
      var marker = child("mdx-poi-marker");
      setUp(element, marker, child("mdx-poi-description"), "mdx-poi-open", POINT_PLACES, false);
      marker.addEventListener("click", function () { marker.classList.add("mdx-poi-visited"); });
    });
    document.addEventListener("keydown", escape);
    document.addEventListener("pointerdown", function (event) {
      popups.forEach(function (popup) { if (!popup.element.contains(event.target)) popup.close(); });
    });
    window.addEventListener("resize", function () {
      popups.forEach(function (popup) { if (popup.isOpen()) fit(popup.body, popup.places); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
