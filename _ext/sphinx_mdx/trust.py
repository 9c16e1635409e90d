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

import glob
import html
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import nh3
from docutils import nodes
from docutils.parsers.rst import DirectiveError, directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.directives import ObjectDescription
from sphinx.roles import XRefRole
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import CustomReSTDispatcher, SphinxDirective

from .front_matter import key_line
from .mojibake import joined_surrogates
from .warnings_ import MdxWarnings, directive_location, option_lines, quoted, warn

#: Directives an untrusted page may use: none reads a file, fetches a URL or writes raw output.
DIRECTIVES = frozenset({
    # this extension's components
    "infobox", "warningbox", "tooltip", "points-of-interest", "tabs", "tab-pane", "youtube", "partial",
    "toc-inline", "video", "live-data", "intro", "intro-buttons", "main-header", "quick-setup", "clouds-section",
    "integrations", "content", "simple-card-grid",
    # admonitions
    "admonition", "attention", "caution", "danger", "error", "hint", "important", "note", "tip",
    "warning", "seealso", "versionadded", "versionchanged", "deprecated", "versionremoved",
    # code, images, math, tables
    "code-block", "code", "sourcecode", "highlight", "image", "figure", "math",
    "table", "list-table", "csv-table",
    # body elements
    "topic", "rubric", "epigraph", "highlights", "pull-quote", "compound", "container", "sidebar",
    "line-block", "parsed-literal", "glossary", "centered", "hlist", "contents", "index", "only", "toctree",
    # sphinx-design
    "tab-set", "tab-item", "tab-set-code", "grid", "grid-item", "grid-item-card", "card", "card-header",
    "card-footer", "card-carousel", "dropdown", "button-link", "button-ref", "accordion", "aside", "steps",
    "step",
})

#: Options that would read a file or fetch a URL, refused on directives that are otherwise allowed.
REFUSED_OPTIONS = {"csv-table": frozenset({"file", "url", "encoding"})}

#: Roles an untrusted page may use, besides cross-reference roles (``ref``, ``doc``, ``download``...).
ROLES = frozenset({
    "emphasis", "strong", "literal", "code", "math", "sub", "sup", "subscript", "superscript",
    "abbr", "kbd", "guilabel", "menuselection", "file", "samp", "command", "program", "dfn",
    "mailheader", "makevar", "manpage", "mimetype", "newsgroup", "regexp", "pep", "rfc",
    "title-reference", "title", "t", "index", "octicon", "fab", "fas", "far",
    # this extension's components that live in text
    "tp-badge", "versioned-link", "edition-link",
})
#: Role families of sphinx-design (badges, icons), by prefix.
ROLE_PREFIXES = ("bdg", "material-")

#: The longest URL output may carry: servers refuse longer requests (Apache's limit is 8,190
#: bytes, nginx's 8 kB), and the PDF must read each URL on one line.
MAX_URL_LENGTH = 8_192

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

#: The TeX math a page may write: the commands and environments of everyday formulas, which
#: LaTeX and MathJax both know. Anything else (``\\input``, ``\\href``, ``\\def``, ``\\@...``, ``\\)``)
#: would let a page read files, run commands, end the document or make links.
MATH_COMMANDS = frozenset("""
    alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi varpi
    rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma
    Upsilon Phi Psi Omega
    frac dfrac tfrac sqrt sum prod coprod int iint iiint oint lim limsup liminf sup inf max min arg det dim
    exp gcd hom ker lg ln log Pr deg sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh coth
    mod bmod pmod left right middle big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr
    cdot cdots ldots dots vdots ddots times div pm mp ast star circ bullet oplus ominus otimes oslash odot
    cap cup sqcap sqcup vee wedge wr setminus uplus amalg dagger ddagger
    leq le geq ge neq ne equiv approx cong sim simeq propto asymp doteq ll gg subset supset subseteq supseteq
    sqsubset sqsupset sqsubseteq sqsupseteq in notin ni owns vdash dashv models perp mid parallel smile frown
    prec succ preceq succeq bowtie
    leftarrow rightarrow to gets uparrow downarrow leftrightarrow updownarrow Leftarrow Rightarrow Uparrow
    Downarrow Leftrightarrow Updownarrow longleftarrow longrightarrow Longleftarrow Longrightarrow
    longleftrightarrow Longleftrightarrow mapsto longmapsto hookleftarrow hookrightarrow nearrow searrow
    swarrow nwarrow iff implies impliedby
    forall exists nexists neg lnot land lor emptyset varnothing infty nabla partial aleph hbar imath jmath ell
    wp Re Im angle triangle backslash prime surd top bot flat natural sharp clubsuit diamondsuit heartsuit
    spadesuit langle rangle lceil rceil lfloor rfloor lvert rvert lVert rVert vert Vert
    hat widehat bar overline underline vec dot ddot tilde widetilde acute grave breve check overbrace
    underbrace overrightarrow overleftarrow overset underset stackrel
    mathrm mathbf mathit mathsf mathtt mathcal mathbb mathfrak boldsymbol operatorname text textrm
    textbf textit texttt textsf mbox displaystyle textstyle scriptstyle scriptscriptstyle
    quad qquad enspace thinspace negthinspace hspace phantom hphantom vphantom limits nolimits
    begin end substack binom dbinom tbinom choose atop over cfrac boxed color tag notag nonumber label
""".split())
#: Environments that nest inside the equation Sphinx writes around math (display ones, such as
#: ``align``, would be an error there).
MATH_ENVIRONMENTS = frozenset("""
    matrix pmatrix bmatrix Bmatrix vmatrix Vmatrix smallmatrix cases aligned alignedat gathered split array
    subarray
""".split())
#: Braces and environments nest at most this deep (TeX's own limit is 255 groups, fewer in a heading).
MAX_TEX_DEPTH = 50
#: Commands that set their argument once for each math style (``\\mathchoice``, ``\\mathpalette``: four
#: times): nested, the time grows fourfold with each level, so they nest at most this deep.
_SET_SEVERAL_TIMES = frozenset("""phantom hphantom vphantom text textrm textbf textit texttt textsf boldsymbol
    overrightarrow overleftarrow sqrt""".split())
MAX_REPEATED_DEPTH = 3
#: Control symbols (a backslash and one character) of math: spaces, escaped specials, line breaks.
_MATH_SYMBOLS = frozenset(",;:! \\{}|_%#&$>")
_TEX_TOKEN = re.compile(r"\\([A-Za-z]+|.)|\^\^|[{}$%#]|\\$", re.DOTALL)
_ENVIRONMENT_NAME = re.compile(r"\s*\{([A-Za-z*]+)\}")

#: Tags and attributes of the page bodies that Sphinx, MyST, sphinx-design and this extension write.
SANITIZER_TAGS = frozenset({
    "a", "abbr", "aside", "blockquote", "br", "button", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "iframe", "img", "input", "ins", "kbd", "label", "li", "nav", "ol", "p", "path", "pre", "s",
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


def has_scheme(href: str) -> bool:
    """Whether ``href`` as written starts with a scheme (``https:``, ``mailto:``...)."""
    return _SCHEME.match(href) is not None


def url_allowed(url: str) -> bool:
    """Whether output may carry ``url``: http, https, mailto, or a relative reference, of at most
    :data:`MAX_URL_LENGTH` characters."""
    if len(url) > MAX_URL_LENGTH:
        return False
    try:
        urlsplit(url)  # as written too, as the links module splits it
        parts = parse_url(url)
    except ValueError:  # e.g. a bracket in the host, read as an invalid IPv6 address
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
    """Why math ``tex`` may not reach LaTeX or MathJax, if it may not.

    Only :data:`MATH_COMMANDS` and :data:`MATH_ENVIRONMENTS`, braces and environments that
    close and nest within :data:`MAX_TEX_DEPTH` (and :data:`MAX_REPEATED_DEPTH`), and none of
    ``$ % # ^^`` (TeX's own way to spell any character, a backslash too).
    """
    braces, environments = 0, []
    groups: list[bool] = []  # for each open brace, whether it holds an argument TeX sets several times
    repeating = False
    for token in _TEX_TOKEN.finditer(tex):
        text, name = token.group(), token.group(1)
        if name is None:
            if text == "{":
                braces += 1
                groups.append(repeating)
                if braces + len(environments) > MAX_TEX_DEPTH:
                    return f"groups nested more than {MAX_TEX_DEPTH} deep"
                if sum(groups) > MAX_REPEATED_DEPTH:
                    return f"\\phantom, \\text and the like nested more than {MAX_REPEATED_DEPTH} deep"
            elif text == "}":
                braces -= 1
                if braces < 0:
                    return "an unmatched }"
                groups.pop()
            else:
                return text
            repeating = False
            continue
        repeating = name in _SET_SEVERAL_TIMES
        if len(name) == 1 and not name.isalpha():
            if name not in _MATH_SYMBOLS:
                return text
        elif name not in MATH_COMMANDS:
            return text
        elif name in ("begin", "end"):
            environment = _ENVIRONMENT_NAME.match(tex, token.end())
            if environment is None or environment.group(1) not in MATH_ENVIRONMENTS:
                return f"{text} of an environment math does not have"
            if name == "begin":
                environments.append(environment.group(1))
            elif not environments or environments.pop() != environment.group(1):
                return f"an unmatched {text}{{{environment.group(1)}}}"
    if braces or environments:
        return "an unclosed { or environment"
    if len(re.findall(r"\\left\b", tex)) != len(re.findall(r"\\right\b", tex)):
        return "\\left without \\right"
    return None


# Directives and roles ------------------------------------------------------------------------------


def warn_refused(what: str, location, instead: str = "its text is shown instead") -> None:
    """The one warning for anything a page from untrusted authors may not use."""
    warn(MdxWarnings.DIRECTIVE, f"{what} is not allowed in pages from untrusted authors (mdx_trusted_pages); "
         f"{instead}", location)


class _AnyOption(dict):
    """An option spec that takes every option, so a refused directive keeps all of its text."""

    def __bool__(self) -> bool:
        return True

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> Callable[[str], str]:
        return directives.unchanged


class RefusedDirective(SphinxDirective):
    """Any directive an untrusted page may not run: its whole text, as a literal block."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = _AnyOption()

    def run(self) -> list[nodes.Node]:
        warn_refused(f"directive {self.name!r}", self.get_location())
        return [refused_directive(self)]


def refused_directive(directive) -> nodes.literal_block:
    """A directive's text as it wrote it, where it wrote it (a partial's source while one is included)."""
    return refused_block(directive.block_text, *directive.state_machine.get_source_and_line(directive.lineno))


def refused_block(text: str, source: str | None, line: int | None) -> nodes.literal_block:
    """What a page may not run, as the text it wrote, where it wrote it."""
    block = nodes.literal_block(text, text, language="text")
    block.source, block.line = source, line
    return block


def _refuse_options(directive, run: Callable[[], list[nodes.Node]]) -> list[nodes.Node]:
    """``csv-table :file:`` and the like: the directive's text, and the directive never runs."""
    used = sorted(REFUSED_OPTIONS[directive.name] & set(directive.options))
    if not used:
        return run()
    warn(MdxWarnings.DIRECTIVE, f"directive {directive.name!r} may not use :{used[0]}: in pages from "
         "untrusted authors (mdx_trusted_pages); its text is shown instead", directive_location(directive))
    return [refused_directive(directive)]


def _check_toctree_urls(directive, run: Callable[[], list[nodes.Node]]) -> list[nodes.Node]:
    """A toctree's URL entries go into every page's navigation: the same URL check as links."""
    result = run()
    env = directive.state.document.settings.env
    for toctree in (node for top in result for node in top.findall(addnodes.toctree)):
        for title, ref in list(toctree["entries"]):
            if ref not in env.found_docs and ref != "self" and not url_allowed(ref):
                warn(MdxWarnings.LINK, f"toctree entry {quoted(ref)} is not allowed (only http, https, mailto "
                     "and relative URLs); it is left out", directive_location(directive))
                toctree["entries"].remove((title, ref))
    return result


#: Allowed directives that run through a check: ``check(directive, run)`` calls ``run`` or refuses.
CHECKED_DIRECTIVES: dict[str, Callable[[Any, Callable[[], list[nodes.Node]]], list[nodes.Node]]] = {
    "csv-table": _refuse_options,
    "toctree": _check_toctree_urls,
}


def _drop_classes(directive) -> None:
    """Class names a page chooses could reuse the theme's layout (an invisible overlay over the
    whole page): ``:class:``, ``:class-*:`` and a container's arguments are dropped."""
    options = [name for name in directive.options if name in ("class", "classes") or name.startswith("class-")]
    arguments = directive.arguments if directive.name == "container" else []
    if not options and not arguments:
        return
    warn(MdxWarnings.DIRECTIVE, f"directive {directive.name!r}: class names are ignored in pages from untrusted "
         "authors (mdx_trusted_pages): they could reuse the theme's layout", directive_location(directive))
    for name in options:
        del directive.options[name]
    del arguments[:]


#: Directives run one inside another at most this deep (MyST's and reST's alike); docutils' reST
#: parser exhausts Python's stack at about 100.
MAX_DIRECTIVE_DEPTH = 24


class _Rejected(str):
    """An option value a directive's converter refused (or an option it does not take), kept, with
    why, for :func:`_checked`'s directive to report and drop."""

    def __new__(cls, value: str | None, reason: str) -> _Rejected:
        rejected = super().__new__(cls, value or "")
        rejected.reason = reason
        return rejected


def _tolerant(convert: Callable[[str], Any]) -> Callable[[str], Any]:
    if convert is directives.flag:
        return _any_flag

    def converted(value: str) -> Any:
        try:
            return convert(joined_surrogates(value) if isinstance(value, str) else value)
        except (ValueError, TypeError) as error:
            return _Rejected(value, f"has a value it cannot take ({str(error).splitlines()[0][:80]})")

    return converted


def _any_flag(value: str) -> None:
    """A flag option (``:linenos:``) with any value, as MyST takes one (``:linenos: true``)."""


def _unknown_option(value: str) -> _Rejected:
    return _Rejected(value, "is not an option of this directive")


class _TolerantOptions(dict):
    """A directive's options where an unknown one or a bad value does not fail the directive:
    docutils would replace the whole directive, its words with it, by an error the page never shows."""

    def __missing__(self, name: str) -> Callable[[str], Any]:
        return _unknown_option


def _checked(name: str, directive_class: type) -> type:
    """``directive_class`` without page-chosen classes, run through ``CHECKED_DIRECTIVES[name]`` if any,
    and not inside :data:`MAX_DIRECTIVE_DEPTH` others: deeper, its text is shown."""
    check = CHECKED_DIRECTIVES.get(name)

    class Checked(directive_class):  # type: ignore[misc,valid-type]
        option_spec = _TolerantOptions({option: _tolerant(convert)
                                        for option, convert in (directive_class.option_spec or {}).items()})

        def run(self) -> list[nodes.Node]:
            document = self.state.document
            depth = getattr(document, "mdx_directive_depth", 0)
            if depth >= MAX_DIRECTIVE_DEPTH:
                warn(MdxWarnings.NESTING, f"directives nested more than {MAX_DIRECTIVE_DEPTH} levels deep are "
                     "shown as text", directive_location(self))
                return [refused_directive(self)]
            rejected = [option for option, value in self.options.items() if isinstance(value, _Rejected)]
            lines = option_lines(self.block_text, self.lineno) if rejected else {}
            for option in rejected:
                reason = self.options.pop(option).reason
                warn(MdxWarnings.ATTRIBUTE, f"directive {self.name!r}: option :{option}: {reason}; it is ignored",
                     directive_location(self, lines.get(option.lower())))
            _drop_classes(self)
            document.mdx_directive_depth = depth + 1
            try:
                result = check(self, super().run) if check else super().run()
            except DirectiveError as error:
                warn(MdxWarnings.DIRECTIVE, f"directive {self.name!r} cannot run ({error.msg}); its text is shown "
                     "instead", directive_location(self))
                result = None
            finally:
                document.mdx_directive_depth = depth
            if result is None or result and all(isinstance(node, nodes.system_message) for node in result):
                # it failed, or made nothing but a message (code-block's bad :emphasize-lines:): the words stay
                result = [*(result or []), refused_directive(self)]
            return result

    Checked.__name__ = f"Checked{directive_class.__name__}"
    return Checked


def _refused_role(name: str):
    """A role an untrusted page may not use: its text, as written, in a literal."""

    def role(role_name, rawtext, text, lineno, inliner, options=None, content=None):
        env = inliner.document.settings.env
        warn_refused(f"role {name!r}", (env.docname, lineno))
        return [nodes.literal(rawtext, rawtext)], []

    return role


def directive_allowed(name: str, directive_class: type | None) -> bool:
    if directive_class is None:
        return False
    return name.lower() in DIRECTIVES or issubclass(directive_class, ObjectDescription)


def role_allowed(env, name: str, role_function: Any) -> bool:
    if role_function is None:
        return False
    name = name.lower()
    return (name in ROLES or name.startswith(ROLE_PREFIXES) or isinstance(role_function, XRefRole)
            or _domain_cross_reference(env, name))


def _domain_cross_reference(env, name: str) -> bool:
    """Whether ``name`` (``ref``, ``std:doc``, ``py:func``) is a domain's cross-reference role, which
    Sphinx hands out wrapped in an adapter function, so the role itself is looked at here."""
    domain_name, _, role = name.rpartition(":")
    names = [domain_name] if domain_name else [env.config.primary_domain, "std"]
    return any(isinstance(getattr(env.domains.get(each), "roles", {}).get(role), XRefRole) for each in names if each)


class ConfinedMarkup(CustomReSTDispatcher):
    """While a page is parsed (MyST, reST, ``eval-rst``, nested content alike), every
    directive and role it names is looked up here, and those outside the allowlist are
    replaced by ones that show their text."""

    _checked: dict[tuple[str, type], type] = {}

    def __init__(self, env) -> None:
        super().__init__()
        self.env = env

    def directive(self, directive_name, language_module, document):
        directive_class, messages = super().directive(directive_name, language_module, document)
        if not directive_allowed(directive_name, directive_class):
            return RefusedDirective, messages
        key = (directive_name.lower(), directive_class)
        if key not in self._checked:
            self._checked[key] = _checked(*key)
        return self._checked[key], messages

    def role(self, role_name, language_module, lineno, reporter):
        role_function, messages = super().role(role_name, language_module, lineno, reporter)
        if role_allowed(self.env, role_name, role_function):
            return role_function, messages
        return _refused_role(role_name), messages


class confined_parse:  # noqa: N801
    """Context for a parser's ``parse``: untrusted pages get :class:`ConfinedMarkup`, and
    docutils' own switches for file insertion and raw output are off."""

    def __init__(self, document: nodes.document) -> None:
        env = document.settings.env
        self.dispatcher = ConfinedMarkup(env) if untrusted(env.config) else None
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


#: Files that run script when a reader opens them from the site: never copied for untrusted pages.
ACTIVE_FILES = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".svgz", ".xml", ".xsl", ".js",
                          ".mjs", ".swf"})

#: What a page's file name may hold: it reaches URLs, the theme's attributes and the search page's links.
_PAGE_NAME = re.compile(r"[\w./ +-]+")


def _inside(root: str, path: str) -> bool:
    root = os.path.realpath(root)
    return os.path.commonpath([root, os.path.realpath(path)]) == root


#: The longest path Linux opens (``PATH_MAX``, with its NUL): a longer one is no file.
_LONGEST_PATH = 4095


def names_no_file(path: str) -> bool:
    """Whether no file system holds a file at ``path``: a NUL byte, a name longer than 255 bytes, or a path
    longer than Linux opens. Python's path functions raise on those (``ValueError``, ``ENAMETOOLONG``)
    instead of answering."""
    encoded = path.encode("utf-8", "surrogatepass")
    return b"\0" in encoded or len(encoded) > _LONGEST_PATH or any(len(name) > 255 for name in encoded.split(b"/"))


def readable_folders(env) -> list[str]:
    """The folders whose files a page may read: the source folder, the partials folder (an image beside a
    partial) and the static folders conf.py names."""
    return [env.srcdir, *_partials_folder(env), *env.config.mdx_static_dirs]


def outside_readable_folders(env, path: str) -> bool:
    """Whether ``path`` (absolute; a pattern's own folders, for a pattern) lies outside :func:`readable_folders`
    (symbolic links resolved)."""
    return not any(_inside(folder, path) for folder in readable_folders(env))


def file_refused(env, target: str) -> str | None:
    """Why the file ``target`` (as a page writes it) may not be read or copied, if it may not: outside
    :func:`readable_folders` (symlinks resolved, every match of a ``*`` pattern), active, or holding a NUL
    byte (a name merely too long is a missing file)."""
    if "\0" in target:
        return "names no file"
    _, path = env.relfn2path(target, env.docname)
    if outside_readable_folders(env, path):  # for a pattern, before it is expanded
        return "is outside the source folder"
    allowed = readable_folders(env)
    for match in pattern_matches(path, allowed) if "*" in path else [path]:
        if match != path and not any(_inside(folder, match) for folder in allowed):  # through a symbolic link
            return "is outside the source folder"
        if Path(match).suffix.lower() in ACTIVE_FILES:
            return "could run script in a reader's browser"
        if os.path.isdir(match):
            return "is a folder, not a file"
    return None


def pattern_matches(path: str, within: list[str]) -> list[str]:
    """The files an image's ``*`` pattern (``logo.*``) stands for, as Sphinx reads it: ``*`` matches
    any characters, every other character only itself. Only a pattern whose own folders lie inside one
    of ``within`` is expanded: one that climbs out (``../../*/*/*/x.png``) would walk the disk."""
    if not any(_inside(folder, path) for folder in within):
        return []
    return glob.glob(glob.escape(path).replace(glob.escape("*"), "*"))


def include_refused(env, path: str | os.PathLike[str]) -> str | None:
    """Why a Markdown file a page includes by path (an ``import``) may not be read, if it may not:
    outside the source folder and the partials folder (symlinks resolved), or not Markdown."""
    allowed = [env.srcdir, *_partials_folder(env)]
    if not any(_inside(folder, str(path)) for folder in allowed):
        return "is outside the content folder"
    if Path(path).suffix.lower() not in (".md", ".mdx"):
        return "is no Markdown file"
    return None


def _partials_folder(env) -> list[str]:
    """The partials folder, if the site has one (it may lie above the source folder, as librarium's does)."""
    folder = getattr(env, "mdx_partials_folder", None)
    return [str(folder)] if folder else []


def linked_folders(srcdir: str | os.PathLike[str]) -> list[str]:
    """The folders below ``srcdir`` that are symbolic links (their pages live elsewhere; one may loop)."""
    found = []
    for root, folders, _ in os.walk(srcdir):
        found += [os.path.relpath(os.path.join(root, name), srcdir).replace(os.sep, "/")
                  for name in folders if os.path.islink(os.path.join(root, name))]
    return found


def page_refused(srcdir: str | os.PathLike[str], filename: str) -> str | None:
    """Why the page file ``filename`` (relative to ``srcdir``) may not be built, if it may not.

    Its folders are no links (``exclude_linked_folders``), so only a page that is a link itself
    can lead outside: one ``lstat`` for most pages, instead of one per folder of the path.
    """
    if not _PAGE_NAME.fullmatch(filename):
        return "its name holds characters other than letters, digits, spaces and . _ + - /"
    path = os.path.join(srcdir, filename)
    if os.path.islink(path) and not _inside(str(srcdir), path):
        return "it is a link to a file outside the source folder"
    return None


class ConfinedFiles(SphinxTransform):
    """Images, downloads and videos whose file lies outside the source folder: a warning,
    their text in their place, and nothing read or copied."""

    default_priority = 690  # before MissingImages (700) and the collectors (doctree-read)

    def apply(self, **kwargs: Any) -> None:
        if not untrusted(self.config):
            return
        for image in list(self.document.findall(nodes.image)):
            uri = image["uri"]
            if "://" in uri or uri.startswith("data:") or not (reason := file_refused(self.env, uri)):
                continue
            self._refuse(image, written_uri(image), reason, nodes.inline("", image.get("alt") or Path(uri).name))
        for download in list(self.document.findall(addnodes.download_reference)):
            target = download.get("reftarget", "")
            if "://" in target or not (reason := file_refused(self.env, target)):
                continue
            holder = download.parent if download.parent.tagname == "mdx_video" else download
            self._refuse(holder, written_uri(download, "reftarget"), reason, nodes.inline("", download.astext()))

    def _refuse(self, node: nodes.Element, target: str, reason: str, replacement: nodes.Element) -> None:
        warn(MdxWarnings.FILE, f"file {target!r} {reason}; it is not read or copied", node)
        with_its_link(node).replace_self(replacement)  # the link would point at the file


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
            with_its_link(image).replace_self(nodes.reference("", image.get("alt") or uri, refuri=uri))


#: The attribute of an image or a download keeping the path as its author wrote it, where it was made
#: relative to another file.
WRITTEN_URI = "mdx_written_uri"


def written_uri(node: nodes.Element, key: str = "uri") -> str:
    """An image's path (or a download's target, ``key`` ``reftarget``) as its author wrote it, for
    warnings (see ``partials.IncludedFiles``)."""
    return node.get(WRITTEN_URI, node[key])


def with_its_link(node: nodes.Element) -> nodes.Element:
    """``node``, or the link that holds only it (Sphinx links a scaled image to its file): what is
    replaced when an image is."""
    parent = node.parent
    return parent if isinstance(parent, nodes.reference) and len(parent) == 1 else node


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


def show_math_as_text(math: nodes.math | nodes.math_block, message: str) -> None:
    """``math`` as the text its page wrote, in code, with ``message`` as an ``mdx.math`` warning."""
    warn(MdxWarnings.MATH, message, math)
    if isinstance(math, nodes.math_block):
        text = math.rawsource or math.astext()  # as written: latex_layout.TallMath may have rewritten it
        math.replace_self(nodes.literal_block(text, text))
    else:
        math.replace_self(nodes.literal(math.astext(), math.astext()))


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
            elif node.tagname == "mdx_video_frame" and not frame_allowed(node["src"], self.config.mdx_video_hosts):
                self._refuse(node, node["src"], nodes.inline("", node.astext()))
            elif isinstance(node, nodes.math | nodes.math_block):
                refused = refused_tex(node.astext())
                if refused is not None:
                    show_math_as_text(node, f"math using {refused} is shown as text")

    def _refuse(self, node: nodes.Element, url: str, replacement: nodes.Element) -> None:
        warn(MdxWarnings.LINK, f"URL {quoted(url)} is not allowed (only http, https, mailto and relative "
             "URLs); its text is kept", node)
        node.replace_self(replacement)


def frame_allowed(src: str, hosts: list[str]) -> bool:
    """Whether a page may embed a frame of ``src``: https, from one of ``hosts`` as a browser reads it."""
    return parse_url(src).scheme == "https" and url_host(src) in hosts


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
    if untrusted(config) and config.mathjax3_config is None and config.mathjax4_config is None:
        config.mathjax4_config = {"loader": {"load": ["ui/safe"]}}


#: kpathsea settings for pdflatex, as ``latexmkrc`` lines: open no file outside the LaTeX folder,
#: run no command (not even the "restricted" ones such as kpsewhich).
PARANOID_LATEX = "$ENV{'openin_any'} = 'p';\n$ENV{'shell_escape'} = 'f';\n"


def _paranoid_latex(app: Sphinx, exception: Exception | None) -> None:
    """Whatever reaches the ``.tex``, pdflatex reads no file outside its folder and runs nothing."""
    if exception is None and app.builder.format == "latex" and untrusted(app.config):
        latexmkrc = Path(app.builder.outdir) / "latexmkrc"
        if latexmkrc.is_file():
            text = latexmkrc.read_text(encoding="utf-8")
            if PARANOID_LATEX not in text:
                latexmkrc.write_text(PARANOID_LATEX + text, encoding="utf-8")


def exclude_linked_folders(app: Sphinx, config: Config) -> None:
    """Folders that are symbolic links are never searched for pages (even by the first search,
    which Sphinx makes before any extension can name pages): their pages live elsewhere, and a
    link to a folder above makes a loop."""
    if not untrusted(config):
        return
    folders = linked_folders(app.srcdir)
    for folder in folders:
        warn(MdxWarnings.FILE, f"folder {folder!r} is a symbolic link; its pages are not built",
             f"{Path(app.srcdir) / folder}:1")
    config.exclude_patterns = [*config.exclude_patterns, *folders]


def setup_trust(app: Sphinx) -> None:
    app.add_config_value("mdx_trusted_pages", False, "env", types=[bool])
    app.add_config_value("mdx_allow_network", False, "env", types=[bool])
    app.connect("config-inited", _safe_mathjax)
    app.connect("config-inited", exclude_linked_folders)
    app.add_transform(ConfinedFiles)
    app.add_transform(SafeIds)
    app.add_post_transform(NoRemoteImages)
    app.add_post_transform(CheckedUrls)
    app.connect("html-page-context", sanitize_page, priority=900)
    app.connect("build-finished", _paranoid_latex)
