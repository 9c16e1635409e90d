// Render librarium's Docusaurus pages the way Docusaurus 3 compiles them with MDX 3, for tools/mdx_diff.py.
//
// stdin: JSON lines {"path", "source"}; stdout: JSON lines {"path", "html"} or {"path", "error", "line"}.
// MDX_CONTENT_ROOT is the content folder (where site URLs start), MDX_PARTIALS the partials folder.
// Import lines go (librarium's components are stubbed). Docusaurus's own steps that change what
// a reader sees are redone here: its preprocessing
// (`:::note Title` -> `:::note[Title]`, `{#id}` escaped), its remark plugins (front matter,
// directives, admonitions, heading ids, links to .md files, GFM, HTML comments, unused directives
// back to text, code block titles) and the page title it shows when the body has no `#` heading.
// librarium's components are global in Docusaurus; here they are stubbed as classed elements,
// except PartialsComponent, which renders its partial as librarium does.
"use strict";

const fs = require("fs");
const path = require("path");
const readline = require("readline");
const { pathToFileURL } = require("url");
const yaml = require("js-yaml");
const React = require("react");
const { renderToStaticMarkup } = require("react-dom/server");

/** Docusaurus's admonition keywords and librarium's own (`preview`, `further`). */
const ADMONITIONS = ["secondary", "info", "success", "danger", "note", "tip", "warning", "important", "caution",
  "preview", "further"];
/** librarium's edition folders (PaletteVertexUrlMapper). */
const EDITION_PATHS = { palette: "/self-hosted-setup/palette", vertex: "/self-hosted-setup/vertex" };
const TP_BADGE_ALT = "Technical preview feature badge";
const CONTENT_ROOT = process.env.MDX_CONTENT_ROOT || process.cwd();
const PARTIALS = process.env.MDX_PARTIALS || "";

/** ESM packages, found where NODE_PATH points (import() itself ignores NODE_PATH). */
function load(name) {
  return import(pathToFileURL(require.resolve(name)).href);
}

// --- Docusaurus's preprocessing (@docusaurus/utils): the same changes to the text -------------

/** ```mdx-code-block fences are unwrapped: their content is MDX. */
function unwrapMdxCodeBlocks(content) {
  const fence = (ticks) => new RegExp(
    `(?<begin>^|\\r?\\n)(?<indentStart>\\x20*)${ticks}(?<spaces>\\x20*)mdx-code-block\\r?\\n(?<children>.*?)` +
    `\\r?\\n(?<indentEnd>\\x20*)${ticks}(?<end>\\r?\\n|$)`, "gs");
  const unwrap = (...args) => { const groups = args.at(-1); return groups.begin + groups.children + groups.end; };
  return content.replaceAll(fence("```"), unwrap).replaceAll(fence("````"), unwrap);
}

/** `## Title {#id}`: the `{` escaped, so that MDX does not read an expression. */
function escapeHeadingIds(content) {
  return content.replaceAll(/(?:^|\n)#{1,6}(?!#).*/g,
    (heading) => heading.replace("{#", "\\{#").replace("\\\\{#", "\\{#"));
}

/** `:::note Title` becomes `:::note[Title]`, remark-directive's label. */
function admonitionTitlesToLabels(content) {
  const directive = new RegExp(
    `^(?<quote>(> ?)*)(?<indentation>( +|\\t+))?(?<directive>:{3,}(${ADMONITIONS.join("|")})) +(?<title>.*)$`, "gm");
  return content.replaceAll(directive, (...args) => {
    const groups = args.at(-1);
    return `${groups.quote ?? ""}${groups.indentation ?? ""}${groups.directive}[${groups.title}]`;
  });
}

// --- remark plugins: what Docusaurus's mdx-loader does to the tree ---------------------------

function visit(node, visitor, parent = null, index = null) {
  visitor(node, parent, index);
  (node.children || []).forEach((child, position) => visit(child, visitor, node, position));
}

function plainText(node) {
  return node.value ?? (node.children || []).map(plainText).join("");
}

/** Import declarations go: librarium's components are stubs here, found by name (Docusaurus makes them global). */
function withoutImports() {
  return (tree) => {
    tree.children = tree.children.filter((node) => {
      if (node.type !== "mdxjsEsm" || !node.data || !node.data.estree) return true;
      const program = node.data.estree;
      program.body = program.body.filter((statement) => statement.type !== "ImportDeclaration");
      return program.body.length > 0;
    });
  };
}

/** The first heading, when it is a `#` one, is the page's title (Docusaurus's contentTitle). */
function contentTitle() {
  return (tree, file) => {
    let first = null;
    visit(tree, (node) => { if (node.type === "heading" && first === null) first = node; });
    if (first && first.depth === 1) file.data.contentTitle = plainText(first);
  };
}

/** An admonition is a div classed by its type, its title (the label, or the type) as data-tab. */
function admonitions() {
  return (tree) => visit(tree, (node) => {
    if (node.type !== "containerDirective" || !ADMONITIONS.includes(node.name)) return;
    const label = node.children[0] && node.children[0].data && node.children[0].data.directiveLabel
      ? node.children.shift() : null;
    node.data = { hName: "div", hProperties: {
      className: ["mdx-stub", `mdx-admonition-${node.name}`], dataTab: label ? plainText(label) : node.name } };
  });
}

/** `{#id}` at a heading's end is its id, not its text. */
function headingIds() {
  return (tree) => visit(tree, (node) => {
    if (node.type !== "heading") return;
    const last = node.children[node.children.length - 1];
    const id = last && last.type === "text" ? /\s*\{#(?<id>(?:.(?!\{#|\}))*.)\}$/.exec(last.value) : null;
    if (!id) return;
    last.value = last.value.replace(id[0], "");
    node.data = { ...node.data, hProperties: { id: id.groups.id } };
  });
}

/** A link to a .md file goes to that page's URL: from the linking file's folder, number prefixes
 *  dropped, `x/x.md` and `x/index.md` at `/x` (Docusaurus's resolveMarkdownLinks and its doc ids). */
function markdownLinks() {
  return (tree, file) => visit(tree, (node) => {
    if ((node.type !== "link" && node.type !== "definition") || /^[a-z][\w+.-]*:/i.test(node.url)) return;
    const target = /^(?<file>[^#?]+\.mdx?)(?<rest>[#?].*)?$/.exec(node.url);
    if (!target) return;
    const base = target.groups.file.startsWith("/") ? CONTENT_ROOT : path.dirname(file.path);
    node.url = pageUrl(path.join(base, target.groups.file)) + (target.groups.rest || "");
  });
}

function pageUrl(file) {
  const parts = path.relative(CONTENT_ROOT, file).replace(/\.mdx?$/, "").split(path.sep)
    .map((part) => part.replace(/^\d+[-_.]\s*/, ""));
  const last = parts.length - 1;
  if (/^(index|readme)$/i.test(parts[last]) || (parts.length > 1 && parts[last] === parts[last - 1])) parts.pop();
  return "/" + parts.join("/");
}

/** A directive nobody handled: a bare `:name` in text is text again; others stay as remark made them. */
function unusedDirectives() {
  return (tree) => visit(tree, (node, parent, index) => {
    if (node.type === "textDirective" && !node.data && !node.children.length
        && !Object.keys(node.attributes || {}).length) {
      parent.children[index] = { type: "text", value: `:${node.name}` };
    }
  });
}

/** A code block's meta (`title="..."`) reaches its element, as Docusaurus's code plugin passes it. */
function codeMeta() {
  return (tree) => visit(tree, (node) => {
    if (node.type === "code" && node.meta) node.data = { ...node.data, hProperties: { metastring: node.meta } };
  });
}

// --- components -----------------------------------------------------------------------------

const MAGIC_COMMENT = /^\s*(?:\/\/|#|\/\*|<!--|--|%|;)\s*highlight-(?:next-line|start|end)\s*(?:\*\/|-->)?\s*$/;

/** A code block as Docusaurus's CodeBlock shows it: its title above, highlight comments taken out. */
function CodeBlock({ children }) {
  const code = React.Children.only(children);
  const { metastring, className, children: text } = code.props;
  const title = /title=(?<quote>["'])(?<title>.*?)\k<quote>/.exec(metastring || "");
  const lines = String(text).split("\n").filter((line) => !MAGIC_COMMENT.test(line));
  return React.createElement(React.Fragment, null,
    title && React.createElement("div", { className: "mdx-code-title" }, title.groups.title),
    React.createElement("pre", null, React.createElement("code", { className }, lines.join("\n"))));
}

function stub(name, tag = "div") {
  // what a reader sees of it: a tab's label (as data-tab, like MDX v1's stubs), a tooltip's trigger, the children
  return function Stub({ children, trigger, label, value }) {
    const attributes = { className: `mdx-stub mdx-${name}` };
    const tab = label ?? value;
    if (name === "TabItem" && tab !== undefined) attributes["data-tab"] = String(tab);
    const parts = [];
    if (trigger !== undefined) {
      parts.push(React.createElement("span", { key: "t", className: "mdx-stub-trigger" }, trigger));
    }
    parts.push(React.createElement(tag, { key: "b", className: "mdx-stub-body" }, children));
    return React.createElement(tag, attributes, ...parts);
  };
}

function link(name, href, text) {
  return React.createElement("a", { className: `mdx-stub mdx-${name}`, href }, text ?? href);
}

const COMPONENTS = {
  pre: CodeBlock,
  Tooltip: stub("Tooltip", "span"),
  VersionedLink: ({ text, url }) => link("VersionedLink", url, text),
  PaletteVertexUrlMapper: ({ edition, text, url }) => link("PaletteVertexUrlMapper",
    (EDITION_PATHS[String(edition).toLowerCase()] ?? EDITION_PATHS.vertex) + url, text),
  Video: ({ title }) => React.createElement("video", { className: "mdx-video", title }),
  TpBadge: () => React.createElement("img", { className: "mdx-stub mdx-TpBadge", alt: TP_BADGE_ALT,
    src: "/img/tech-preview-dark.svg" }),
  PartialsComponent: Partial,
};

/** librarium's PartialsComponent: the partial whose front matter names this category and name,
 *  rendered with the component's other attributes as its props. */
function Partial({ category, name, ...props }) {
  const file = partials().get(`${category}\u0000${name}`);
  if (!file) return null;
  const source = fs.readFileSync(file, "utf8");
  let Content;
  try {
    Content = compiled(file, source);
  } catch (error) {
    throw new Error(`in ${path.relative(CONTENT_ROOT, file)}, line ${error.line}: ${error.reason || error.message}`);
  }
  // marked with its file, where differences in it are reported
  return React.createElement("div", { className: "mdx-partial", "data-source": file },
    React.createElement(Content, { ...props, components: componentsFor(source) }));
}

let partialIndex = null;

function partials() {
  if (partialIndex) return partialIndex;
  partialIndex = new Map();
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/^_.*\.mdx?$/.test(entry.name)) {
        const front = frontMatter(fs.readFileSync(file, "utf8"));
        const key = `${front.partial_category ?? ""}\u0000${front.partial_name ?? ""}`;
        if (!partialIndex.has(key)) partialIndex.set(key, file);
      }
    }
  };
  if (PARTIALS && fs.existsSync(PARTIALS)) walk(PARTIALS);
  return partialIndex;
}

/** Every capitalised JSX name of a source has a component: its own, or a classed stub. */
function componentsFor(source) {
  const components = { ...COMPONENTS };
  for (const [, name] of source.matchAll(/<([A-Z]\w*)/g)) {
    components[name] = components[name] || stub(name);
  }
  return components;
}

// --- compiling and rendering ----------------------------------------------------------------

let mdx = null;
let remarkPlugins = null;
const compiledFiles = new Map();

function frontMatter(source) {
  const match = /^---\r?\n(?<yaml>[\s\S]*?)\r?\n---\s*(?:\r?\n|$)/.exec(source.replace(/^\uFEFF/, ""));
  if (!match) return {};
  const data = yaml.load(match.groups.yaml);
  return data && typeof data === "object" ? data : {};
}

/** The file's MDX component. Docusaurus's loader exports the file's `frontMatter` and `toc`, which
 *  pages may read: its front matter is here, its table of contents is empty (TOCInline is a stub). */
function compiled(file, source) {
  if (compiledFiles.has(file)) return compiledFiles.get(file).Content;
  const preprocessed = admonitionTitlesToLabels(escapeHeadingIds(unwrapMdxCodeBlocks(source.replace(/^\uFEFF/, ""))));
  const result = mdx.compileSync({ value: preprocessed, path: file },
    { format: "mdx", outputFormat: "function-body", remarkPlugins, development: false });
  const body = String(result).replace(/^("use strict";)?/, "$1const {frontMatter, toc} = arguments[0];");
  const { Fragment, jsx, jsxs } = require("react/jsx-runtime");
  const Content = new Function(body)({ Fragment, jsx, jsxs, frontMatter: frontMatter(source), toc: [] }).default;
  compiledFiles.set(file, { Content, data: result.data });
  return Content;
}

function render(file, source) {
  const Content = compiled(file, source);
  const html = renderToStaticMarkup(React.createElement(Content, { components: componentsFor(source) }));
  const front = frontMatter(source);
  if (front.hide_title || compiledFiles.get(file).data.contentTitle !== undefined) return html;
  // the title Docusaurus's theme shows above a body without a `#` heading
  const title = front.title ?? path.basename(file).replace(/\.mdx?$/, "");
  const header = React.createElement("header", null, React.createElement("h1", null, String(title)));
  return renderToStaticMarkup(header) + html;
}

async function main() {
  mdx = await load("@mdx-js/mdx");
  remarkPlugins = [
    (await load("remark-frontmatter")).default,
    (await load("remark-directive")).default,
    withoutImports,
    contentTitle,
    admonitions,
    headingIds,
    markdownLinks,
    (await load("remark-gfm")).default,
    (await load("@slorber/remark-comment")).default,
    unusedDirectives,
    codeMeta,
  ];
  const pages = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of pages) {
    if (!line.trim()) continue;
    const { path: file, source } = JSON.parse(line);
    let answer;
    try {
      answer = { path: file, html: render(file, source.replace(/^\uFEFF/, "")) };
    } catch (error) {
      const message = String(error && error.reason ? error.reason : error && error.message ? error.message : error);
      answer = { path: file, error: message.split("\n")[0], line: (error && error.line) || null };
    }
    process.stdout.write(JSON.stringify(answer) + "\n");
  }
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
