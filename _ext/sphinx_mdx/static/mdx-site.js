// The site around the components: a block that scrolls sideways or down (a long code line, a wide
// table) takes the keyboard focus, so that the arrow keys scroll it (axe: scrollable-region-focusable).
// Only while it does scroll: a block that fits takes no place in the tab order. Each such block is a
// named group ("Code block", "Table"), so a screen reader says what got the focus.
"use strict";

(function () {
  var SCROLLERS = [
    [".highlight > pre", "Code block"],
    [".table-wrapper", "Table"],
    [".math-wrapper", "Formula"],
  ];

  function scrolls(block) {
    return block.scrollWidth > block.clientWidth + 1 || block.scrollHeight > block.clientHeight + 1;
  }

  var labels = new Map();

  function update(block) {
    var managed = block.hasAttribute("data-mdx-scrollable");
    if (scrolls(block)) {
      if (managed || block.hasAttribute("tabindex")) return;
      block.setAttribute("data-mdx-scrollable", "");
      block.setAttribute("tabindex", "0");
      if (!block.hasAttribute("role")) {
        block.setAttribute("role", "group");
        block.setAttribute("aria-label", labels.get(block));
      }
    } else if (managed) {
      block.removeAttribute("data-mdx-scrollable");
      block.removeAttribute("tabindex");
      if (block.getAttribute("role") === "group") {
        block.removeAttribute("role");
        block.removeAttribute("aria-label");
      }
    }
  }

  function ready() {
    var blocks = [];
    SCROLLERS.forEach(function (scroller) {
      document.querySelectorAll(scroller[0]).forEach(function (block) {
        labels.set(block, scroller[1]);
        blocks.push(block);
      });
    });
    blocks.forEach(update);
    if (typeof ResizeObserver === "function") {
      // A block changes size with the window, and when a tab pane or <details> holding it opens.
      var observer = new ResizeObserver(function (entries) {
        entries.forEach(function (entry) { update(entry.target); });
      });
      blocks.forEach(function (block) { observer.observe(block); });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
