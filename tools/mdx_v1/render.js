// Render librarium pages the way MDX v1 did, for tools/mdx_diff.py.
//
// stdin: JSON lines {"path", "source"}; stdout: JSON lines {"path", "html"} or {"path", "error"}.
// Front matter and import/export lines go (gatsby-plugin-mdx dropped the former; the latter
// load librarium's components, which are stubbed here as plain classed elements).
"use strict";

const readline = require("readline");
const vm = require("vm");
const babel = require("@babel/core");
const compile = require("@mdx-js/mdx");
const React = require("react");
const { renderToStaticMarkup } = require("react-dom/server");
const { mdx } = require("@mdx-js/react");

/** Components that librarium renders inside a line of text. */
const INLINE = new Set(["Tooltip"]);
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The page as MDX v1 saw it: no front matter, no import/export lines (outside code fences). */
function mdxBody(source) {
  const lines = source.replace(/^\uFEFF/, "").split("\n");
  if (lines[0].trim() === "---") {
    const end = lines.findIndex((line, number) => number > 0 && line.trim() === "---");
    if (end > 0) lines.fill("", 0, end + 1);
  }
  let fence = null;
  return lines
    .map((line) => {
      const opening = FENCE.exec(line);
      if (fence === null && opening) fence = opening[1][0];
      else if (fence !== null && opening && opening[1][0] === fence) fence = null;
      return fence === null && /^(import|export)\s/.test(line) ? "" : line;
    })
    .join("\n");
}

function stub(name) {
  const tag = INLINE.has(name) ? "span" : "div";
  // what a reader sees of it: a tab's label (compared as the TabPane's), a tooltip's trigger, the children
  return function Stub({ children, trigger, tab }) {
    const attributes = { className: `mdx-stub mdx-${name}` };
    if (typeof tab === "string") attributes["data-tab"] = tab;
    const parts = [];
    if (trigger !== undefined) {
      parts.push(React.createElement("span", { key: "t", className: "mdx-stub-trigger" }, trigger));
    }
    parts.push(React.createElement(tag, { key: "b", className: "mdx-stub-body" }, children));
    return React.createElement(tag, attributes, ...parts);
  };
}

function render(source) {
  const body = mdxBody(source);
  const components = {};
  for (const [, name] of body.matchAll(/<([A-Z][\w.]*)/g)) {
    const [base, ...members] = name.split(".");
    components[base] = components[base] || stub(base);
    if (members.length) components[base][members.join(".")] = stub(members.join("."));
  }
  // the stubs take the place of MDX v1's shortcodes, so that `Tabs.TabPane` finds its stub too
  const jsx = compile
    .sync(body)
    .replace("export default function MDXContent", "function MDXContent")
    .replace(/^const (\w+) = makeShortcode\("\1"\);$/gm, "");
  const { code } = babel.transformSync(jsx, {
    babelrc: false,
    configFile: false,
    plugins: [[require.resolve("@babel/plugin-transform-react-jsx"), { pragma: "mdx" }]],
  });
  // the page's own JavaScript runs without require or process (our own corpus: vm is no sandbox)
  const context = vm.createContext({ ...components, mdx, React, console: { warn() {}, log() {}, error() {} } });
  const MDXContent = vm.runInContext(`${code}\nMDXContent`, context, { timeout: 5000 });
  return renderToStaticMarkup(React.createElement(MDXContent));
}

const pages = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
pages.on("line", (line) => {
  if (!line.trim()) return;
  const { path, source } = JSON.parse(line);
  let answer;
  try {
    answer = { path, html: render(source) };
  } catch (error) {
    answer = { path, error: String(error && error.message ? error.message : error).split("\n")[0] };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
