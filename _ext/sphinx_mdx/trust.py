"""The trust boundary: what a page may make a build do.

Pages may come from strangers' pull requests, built on Read the Docs and served from
its domain. Unless conf.py sets ``mdx_trusted_pages = True``, a page:

- cannot change the configuration: front matter ``myst:`` (and the keys MyST merges
  with it) is ignored with a warning, and substitutions are never rendered;
- may use only the directives in :data:`DIRECTIVES` and the roles in :data:`ROLES` (and
  cross-reference roles); any other is shown as literal text with an ``mdx.directive``
  warning, never run;
- may refer only to files inside the source folder, symlinks resolved;
- makes no request over the network (``mdx_allow_network``);
- reaches readers only through :func:`url_allowed` (every URL the output carries) and an
  allowlist HTML sanitizer (nh3) on the page body.

Whatever the setting, every id is made safe for HTML attributes (:func:`safe_id`).
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import nh3
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.directives import ObjectDescription
from sphinx.roles import XRefRole
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import CustomReSTDispatcher, SphinxDirective

from .front_matter import key_line
from .warnings_ import MdxWarnings, warn

#: Directives an untrusted page may use: none reads a file, fetches a URL or writes raw output.
DIRECTIVES = frozenset({
    # this extension's components
    "infobox", "warningbox", "tooltip", "points-of-interest", "tabs", "tab-pane", "youtube",
    # admonitions
    "admonition", "attention", "caution", "danger", "error", "hint", "important", "note", "tip",
    "warning", "seealso", "versionadded", "versionchanged", "deprecated", "versionremoved",
    # code, images, math, tables
    "code-block", "code", "sourcecode", "highlight", "image", "figure", "math",
    "table", "list-table", "csv-table",
    # body elements
    "topic", "rubric", "epigraph", "highlights", "pull-quote", "compound", "container", "sidebar",
    "line-block", "parsed-literal", "glossary", "centered", "hlist", "contents", "rst-class", "class",
    "index", "only", "toctree",
    # sphinx-design
    "tab-set", "tab-item", "tab-set-code", "grid", "grid-item", "grid-item-card", "card", "card-header",
    "card-footer", "card-carousel", "dropdown", "button-link", "button-ref", "accordion", "aside", "div",
    "steps", "step",
})

#: Options that would read a file or fetch a URL, refused on directives that are otherwise allowed.
REFUSED_OPTIONS = {"csv-table": frozenset({"file", "url", "encoding"})}

#: Roles an untrusted page may use, besides cross-reference roles (``ref``, ``doc``, ``download``...).
ROLES = frozenset({
    "emphasis", "strong", "literal", "code", "math", "sub", "sup", "subscript", "superscript",
    "abbr", "kbd", "guilabel", "menuselection", "file", "samp", "command", "program", "dfn",
    "mailheader", "makevar", "manpage", "mimetype", "newsgroup", "regexp", "pep", "rfc",
    "title-reference", "title", "t", "index", "octicon", "fab", "fas", "far",
})
#: Role families of sphinx-design (badges, icons), by prefix.
ROLE_PREFIXES = ("bdg", "material-")

#: Front matter keys MyST merges into its configuration.
CONFIG_KEYS = ("myst", "html_meta", "substitutions", "mystnb")

#: The URL schemes output may carry; anything else with a scheme is refused.
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_SPECIAL_SCHEMES = frozenset({"http", "https", "ws", "wss", "ftp", "file"})
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_C0_OR_SPACE = "".join(chr(code) for code in range(0x21))
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")

#: Characters an id may not hold: docutils writes a node's second and later ids unescaped.
_UNSAFE_ID_CHARACTERS = re.compile(r"[\"<>&\x00-\x20\x7f]")

#: TeX control sequences that read or write files, define macros, change catcodes or make links:
#: math holding one is shown as text (the PDF would run it, MathJax would follow the link).
_TEX_REFUSED = frozenset({
    "input", "include", "includeonly", "InputIfFileExists", "IfFileExists", "openin", "read", "readline",
    "openout", "write", "immediate", "closein", "closeout", "special", "catcode", "lccode", "uccode",
    "def", "edef", "gdef", "xdef", "let", "futurelet", "csname", "endcsname", "scantokens", "newcommand",
    "renewcommand", "providecommand", "DeclareRobustCommand", "newenvironment", "renewenvironment",
    "usepackage", "RequirePackage", "documentclass", "endinput", "end@dblfloat", "href", "url", "hyperref",
    "hyperlink", "hypertarget", "directlua", "luaexec", "pdfobj", "pdfliteral", "pdfximage", "pdffilemoddate",
    "pdfmdfivesum", "pdffilesize", "pdffiledump", "jobname", "batchmode", "errorstopmode", "nonstopmode",
    "scrollmode", "shipout", "output", "everypar", "everymath", "everydisplay", "afterassignment",
    "aftergroup", "expandafter", "noexpand", "string", "detokenize", "unexpanded", "lowercase", "uppercase",
    "message", "errmessage", "typeout", "typein", "loop", "repeat", "newread", "newwrite", "require",
})
_TEX_CONTROL_SEQUENCE = re.compile(r"\\([A-Za-z@]+)")

#: Tags and attributes of the page bodies that Sphinx, MyST, sphinx-design and this extension write.
SANITIZER_TAGS = frozenset({
    "a", "abbr", "aside", "blockquote", "br", "button", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "iframe", "img", "input", "ins", "kbd", "label", "li", "ol", "p", "path", "pre", "s",
    "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "svg", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul", "var", "video",
})
SANITIZER_ATTRIBUTES = {
    "*": {"class", "id", "title", "role", "tabindex", "lang", "dir", "hidden"},
    "a": {"href", "download", "target", "rel", "name"},
    "button": {"type", "name", "value", "disabled"},
    "col": {"span", "style"},
    "details": {"open"},
    "iframe": {"src", "allow", "allowfullscreen", "loading", "referrerpolicy", "width", "height"},
    "img": {"src", "alt", "width", "height", "style", "loading"},
    "input": {"type", "name", "checked", "disabled", "value"},
    "label": {"for"},
    "ol": {"start", "type", "reversed"},
    "path": {"d", "fill", "fill-rule", "clip-rule"},
    "span": {"style"},
    "svg": {"version", "width", "height", "viewbox", "fill", "xmlns", "focusable"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style"},
    "table": {"style"},
    "video": {"src", "controls", "preload", "poster", "muted", "loop", "playsinline"},
}
#: CSS properties ``style`` may set: widths of columns and images, positions of markers.
SANITIZER_STYLE_PROPERTIES = frozenset({"width", "height", "left", "top", "text-align", "vertical-align"})


def untrusted(config: Config) -> bool:
    return not config.mdx_trusted_pages


# URLs and ids --------------------------------------------------------------------------------------


def parse_url(url: str):
    """``url`` split as a browser reads it (the WHATWG URL standard), not as ``urlsplit`` does.

    Browsers strip leading C0 controls and spaces, drop tabs and newlines anywhere, and for
    http(s) read ``\\`` as ``/`` and ignore the slashes after the scheme: so
    ``https://evil.example\\@www.youtube.com/`` is a page of ``evil.example``.
    """
    plain = _TAB_OR_NEWLINE.sub("", html.unescape(url).strip(_C0_OR_SPACE))
    scheme = _SCHEME.match(plain)
    if scheme is not None and scheme.group(1).lower() in _SPECIAL_SCHEMES:
        rest = plain[scheme.end():].replace("\\", "/").lstrip("/")
        plain = f"{scheme.group(1).lower()}://{rest}"
    return urlsplit(plain)


def url_allowed(url: str) -> bool:
    """Whether output may carry ``url``: http, https, mailto, or a relative reference."""
    try:
        parts = parse_url(url)
    except ValueError:  # e.g. an invalid IPv6 host
        return False
    return not parts.scheme or parts.scheme.lower() in URL_SCHEMES


def url_host(url: str) -> str | None:
    """The host a browser would contact for ``url``."""
    try:
        return parse_url(url).hostname
    except ValueError:
        return None


def safe_id(anchor: str) -> str:
    """``anchor`` without the characters that would let it break out of an HTML attribute."""
    return _UNSAFE_ID_CHARACTERS.sub("", anchor)


def refused_tex(tex: str) -> str | None:
    """The first control sequence of ``tex`` that math may not use, if any.

    ``^^5c`` is TeX's own spelling of a backslash, so ``^^`` is refused as such.
    """
    if "^^" in tex:
        return "^^"
    for match in _TEX_CONTROL_SEQUENCE.finditer(tex):
        if match.group(1) in _TEX_REFUSED or match.group(1).startswith("pdf"):
            return "\\" + match.group(1)
    return None


# Directives and roles ------------------------------------------------------------------------------


class _AnyOption(dict):
    """An option spec that takes every option, so a refused directive keeps all of its text."""

    def __bool__(self) -> bool:
        return True

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> Callable[[str], str]:
        return directives.unchanged

    def get(self, key, default=None):
        return directives.unchanged


class RefusedDirective(SphinxDirective):
    """Any directive an untrusted page may not run: its whole text, as a literal block."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = _AnyOption()

    def run(self) -> list[nodes.Node]:
        warn(MdxWarnings.DIRECTIVE, f"directive {self.name!r} is not allowed in pages from "
             "untrusted authors (mdx_trusted_pages); its text is shown instead", self.get_location())
        return [refused_block(self.block_text, self)]


def refused_block(text: str, directive) -> nodes.literal_block:
    """A directive's text as a literal block, where the directive stood."""
    block = nodes.literal_block(text, text, language="text")
    block.source, block.line = directive.state_machine.get_source_and_line(directive.lineno)
    return block


def _refuse_options(directive, run: Callable[[], list[nodes.Node]]) -> list[nodes.Node]:
    """``csv-table :file:`` and the like: the directive's text, and the directive never runs."""
    used = sorted(REFUSED_OPTIONS[directive.name] & set(directive.options))
    if not used:
        return run()
    env = directive.state.document.settings.env
    warn(MdxWarnings.DIRECTIVE, f"directive {directive.name!r} may not use :{used[0]}: in pages from "
         "untrusted authors (mdx_trusted_pages); its text is shown instead", (env.docname, directive.lineno))
    return [refused_block(directive.block_text, directive)]


def _check_toctree_urls(directive, run: Callable[[], list[nodes.Node]]) -> list[nodes.Node]:
    """A toctree's URL entries go into every page's navigation: the same URL check as links."""
    result = run()
    env = directive.state.document.settings.env
    for toctree in (node for top in result for node in top.findall(addnodes.toctree)):
        for title, ref in list(toctree["entries"]):
            if ref not in env.found_docs and ref != "self" and not url_allowed(ref):
                warn(MdxWarnings.LINK, f"toctree entry {ref[:80]!r} is not allowed (only http, https, mailto "
                     "and relative URLs); it is left out", (env.docname, directive.lineno))
                toctree["entries"].remove((title, ref))
    return result


#: Allowed directives that run through a check: ``check(directive, run)`` calls ``run`` or refuses.
CHECKED_DIRECTIVES: dict[str, Callable[[Any, Callable[[], list[nodes.Node]]], list[nodes.Node]]] = {
    "csv-table": _refuse_options,
    "toctree": _check_toctree_urls,
}


def _checked(name: str, directive_class: type) -> type:
    """``directive_class``, run through ``CHECKED_DIRECTIVES[name]``."""
    check = CHECKED_DIRECTIVES[name]

    class Checked(directive_class):  # type: ignore[misc,valid-type]
        def run(self) -> list[nodes.Node]:
            return check(self, super().run)

    Checked.__name__ = f"Checked{directive_class.__name__}"
    return Checked


def _refused_role(name: str):
    """A role an untrusted page may not use: its text, as written, in a literal."""

    def role(role_name, rawtext, text, lineno, inliner, options=None, content=None):
        env = inliner.document.settings.env
        warn(MdxWarnings.DIRECTIVE, f"role {name!r} is not allowed in pages from untrusted authors "
             "(mdx_trusted_pages); its text is shown instead", (env.docname, lineno))
        return [nodes.literal(rawtext, rawtext)], []

    return role


def directive_allowed(name: str, directive_class: type | None) -> bool:
    if directive_class is None:
        return False
    return name.lower() in DIRECTIVES or issubclass(directive_class, ObjectDescription)


def role_allowed(name: str, role_function: Any) -> bool:
    if role_function is None:
        return False
    name = name.lower()
    return name in ROLES or name.startswith(ROLE_PREFIXES) or isinstance(role_function, XRefRole)


class ConfinedMarkup(CustomReSTDispatcher):
    """While a page is parsed (MyST, reST, ``eval-rst``, nested content alike), every
    directive and role it names is looked up here, and those outside the allowlist are
    replaced by ones that show their text."""

    _checked: dict[tuple[str, type], type] = {}

    def directive(self, directive_name, language_module, document):
        directive_class, messages = super().directive(directive_name, language_module, document)
        if not directive_allowed(directive_name, directive_class):
            return RefusedDirective, messages
        name = directive_name.lower()
        if name in CHECKED_DIRECTIVES:
            key = (name, directive_class)
            if key not in self._checked:
                self._checked[key] = _checked(name, directive_class)
            return self._checked[key], messages
        return directive_class, messages

    def role(self, role_name, language_module, lineno, reporter):
        role_function, messages = super().role(role_name, language_module, lineno, reporter)
        if role_allowed(role_name, role_function):
            return role_function, messages
        return _refused_role(role_name), messages


class confined_parse:  # noqa: N801
    """Context for a parser's ``parse``: untrusted pages get :class:`ConfinedMarkup`, and
    docutils' own switches for file insertion and raw output are off."""

    def __init__(self, document: nodes.document) -> None:
        env = document.settings.env
        self.dispatcher = ConfinedMarkup() if untrusted(env.config) else None
        if self.dispatcher is not None:
            document.settings.file_insertion_enabled = False
            document.settings.raw_enabled = False

    def __enter__(self) -> None:
        if self.dispatcher is not None:
            self.dispatcher.enable()

    def __exit__(self, *exc_info) -> None:
        if self.dispatcher is not None:
            self.dispatcher.disable()


def refuse_configuration(topmatter: dict, source: str, location: Callable[[int], Any]) -> None:
    """Report the front matter keys an untrusted page may not use to change the configuration."""
    for key in CONFIG_KEYS:
        if key in topmatter:
            warn(MdxWarnings.FRONT_MATTER, f"front matter {key!r} may not change the configuration in pages "
                 "from untrusted authors (mdx_trusted_pages); it is ignored", location(key_line(source, key)))


# Files and the network -----------------------------------------------------------------------------


def inside_source(env, target: str) -> bool:
    """Whether ``target`` (as a page writes it) is a file inside the source folder, symlinks resolved."""
    _, path = env.relfn2path(target, env.docname)
    root = os.path.realpath(env.srcdir)
    return os.path.commonpath([root, os.path.realpath(path)]) == root


class ConfinedFiles(SphinxTransform):
    """Images, downloads and videos whose file lies outside the source folder: a warning,
    their text in their place, and nothing read or copied."""

    default_priority = 690  # before MissingImages (700) and the collectors (doctree-read)

    def apply(self, **kwargs: Any) -> None:
        if not untrusted(self.config):
            return
        for image in list(self.document.findall(nodes.image)):
            uri = image["uri"]
            if "://" in uri or uri.startswith("data:") or inside_source(self.env, uri):
                continue
            self._refuse(image, uri, nodes.inline("", image.get("alt") or Path(uri).name))
        for download in list(self.document.findall(addnodes.download_reference)):
            target = download.get("reftarget", "")
            if "://" in target or inside_source(self.env, target):
                continue
            holder = download.parent if download.parent.tagname == "mdx_video" else download
            self._refuse(holder, target, nodes.inline("", download.astext()))

    def _refuse(self, node: nodes.Element, target: str, replacement: nodes.Element) -> None:
        warn(MdxWarnings.FILE, f"file {target!r} is outside the source folder; it is not read or copied", node)
        parent = node.parent
        if isinstance(parent, nodes.reference) and len(parent) == 1:
            node = parent  # the link Sphinx adds to a scaled image would point at the file
        node.replace_self(replacement)


class NoRemoteImages(SphinxPostTransform):
    """For builders that would download remote images (LaTeX), a link with the alt text instead."""

    default_priority = 90  # before Sphinx's ImageDownloader (100)

    def run(self, **kwargs: Any) -> None:
        if self.config.mdx_allow_network or self.env._builder_cls.supported_remote_images:
            return
        for image in list(self.document.findall(nodes.image)):
            uri = image["uri"]
            if "://" not in uri:
                continue
            parent = image.parent
            if isinstance(parent, nodes.reference) and len(parent) == 1:
                image = parent
            image.replace_self(nodes.reference("", image.get("alt") or uri, refuri=uri))


# The choke point for URLs and ids ------------------------------------------------------------------


class SafeIds(SphinxTransform):
    """Every id of the page made safe for HTML attributes, before anything records it."""

    default_priority = 860  # after every transform that adds ids, before the collectors (880)

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.Element):
            ids = node.get("ids")
            if not ids or not any(_UNSAFE_ID_CHARACTERS.search(anchor) for anchor in ids):
                continue
            kept = []
            for anchor in ids:
                safe = safe_id(anchor)
                if safe != anchor:
                    self.document.ids.pop(anchor, None)
                    if not safe or safe in self.document.ids:
                        continue
                    self.document.ids[safe] = node
                kept.append(safe)
            node["ids"] = kept


class CheckedUrls(SphinxPostTransform):
    """Every URL the output will carry, whatever made the node (MDX, MyST, reST, a directive):
    links, images, video frames, and the links MathJax or LaTeX would make from math."""

    default_priority = 990  # last: after references are resolved

    def run(self, **kwargs: Any) -> None:
        if not untrusted(self.config):
            return
        for node in list(self.document.findall(nodes.Element)):
            if isinstance(node, nodes.reference) and not url_allowed(node.get("refuri", "")):
                self._refuse(node, node["refuri"], nodes.inline("", "", *node.children))
            elif isinstance(node, nodes.image) and not url_allowed(node["uri"]):
                self._refuse(node, node["uri"], nodes.inline("", node.get("alt", "")))
            elif node.tagname == "mdx_video_frame" and not _allowed_frame(node["src"], self.config):
                self._refuse(node, node["src"], nodes.inline("", node.astext()))
            elif isinstance(node, nodes.math | nodes.math_block):
                refused = refused_tex(node.astext())
                if refused is not None:
                    warn(MdxWarnings.MATH, f"math using {refused} is shown as text", node)
                    text = node.astext()
                    literal = nodes.literal_block if isinstance(node, nodes.math_block) else nodes.literal
                    node.replace_self(literal(text, text))

    def _refuse(self, node: nodes.Element, url: str, replacement: nodes.Element) -> None:
        warn(MdxWarnings.LINK, f"URL {url[:80]!r} is not allowed (only http, https, mailto and relative "
             "URLs); its text is kept", node)
        node.replace_self(replacement)


def _allowed_frame(src: str, config: Config) -> bool:
    return parse_url(src).scheme == "https" and url_host(src) in config.mdx_video_hosts


# The last line of defence ----------------------------------------------------------------------------


def sanitize(body: str) -> str:
    """``body`` with anything no legitimate path writes removed (nh3, the Ammonia sanitizer)."""
    return nh3.clean(
        body,
        tags=set(SANITIZER_TAGS),
        attributes={tag: set(names) for tag, names in SANITIZER_ATTRIBUTES.items()},
        generic_attribute_prefixes={"aria-", "data-"},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
        filter_style_properties=set(SANITIZER_STYLE_PROPERTIES),
    )


def sanitize_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if untrusted(app.config) and context.get("body"):
        context["body"] = sanitize(context["body"])


# Set-up ----------------------------------------------------------------------------------------------


def _safe_mathjax(app: Sphinx, config: Config) -> None:
    """MathJax's own ``ui/safe`` extension, so ``\\href`` in math cannot carry script."""
    if untrusted(config) and config.mathjax3_config is None:
        config.mathjax3_config = {"loader": {"load": ["ui/safe"]}}


def _paranoid_latex(app: Sphinx, exception: Exception | None) -> None:
    """pdflatex may open no file outside the LaTeX folder (kpathsea's ``openin_any = p``)."""
    if exception is None and app.builder.format == "latex" and untrusted(app.config):
        latexmkrc = Path(app.builder.outdir) / "latexmkrc"
        if latexmkrc.is_file():
            text = latexmkrc.read_text(encoding="utf-8")
            line = "$ENV{'openin_any'} = 'p';\n"
            if line not in text:
                latexmkrc.write_text(line + text, encoding="utf-8")


def setup_trust(app: Sphinx) -> None:
    app.add_config_value("mdx_trusted_pages", False, "env", types=[bool])
    app.add_config_value("mdx_allow_network", False, "env", types=[bool])
    app.connect("config-inited", _safe_mathjax)
    app.add_transform(ConfinedFiles)
    app.add_transform(SafeIds)
    app.add_post_transform(NoRemoteImages)
    app.add_post_transform(CheckedUrls)
    app.connect("html-page-context", sanitize_page, priority=900)
    app.connect("build-finished", _paranoid_latex)
