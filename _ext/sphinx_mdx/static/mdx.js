// Behaviour of MDX components: Escape closes tooltips; points of interest open on click.
"use strict";

(function () {
  function dismissTooltips() {
    document.querySelectorAll(".mdx-tooltip").forEach(function (tooltip) {
      if (tooltip.matches(":hover") || tooltip.matches(":focus-within")) {
        tooltip.classList.add("mdx-tooltip--dismissed");
      }
    });
    document.querySelectorAll(".mdx-poi-point.mdx-poi-open").forEach(closePoint);
  }

  function reopen(event) {
    var tooltip = event.currentTarget;
    if (event.type === "mouseleave" || event.type === "focusout") {
      if (!tooltip.matches(":hover") && !tooltip.contains(event.relatedTarget)) {
        tooltip.classList.remove("mdx-tooltip--dismissed");
      }
    } else {
      tooltip.classList.remove("mdx-tooltip--dismissed");
    }
  }

  function closePoint(point) {
    point.classList.remove("mdx-poi-open");
    point.querySelector(".mdx-poi-marker").setAttribute("aria-expanded", "false");
  }

  function togglePoint(event) {
    var marker = event.currentTarget;
    var point = marker.parentElement;
    var open = !point.classList.contains("mdx-poi-open");
    document.querySelectorAll(".mdx-poi-point.mdx-poi-open").forEach(closePoint);
    if (open) {
      point.classList.add("mdx-poi-open");
      marker.setAttribute("aria-expanded", "true");
    }
    marker.classList.add("mdx-poi-visited");
  }

  function ready() {
    document.querySelectorAll(".mdx-tooltip").forEach(function (tooltip) {
      tooltip.addEventListener("mouseenter", reopen);
      tooltip.addEventListener("mouseleave", reopen);
      tooltip.addEventListener("focusin", reopen);
      tooltip.addEventListener("focusout", reopen);
    });
    document.querySelectorAll(".mdx-poi-marker").forEach(function (marker) {
      marker.addEventListener("click", togglePoint);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") dismissTooltips();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
