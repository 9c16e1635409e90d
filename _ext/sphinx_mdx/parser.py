"""The Sphinx parsers: MyST's with the MDX rules and renderer, and reST's; both confined
to the allowlist of :mod:`.trust` while they parse a page from untrusted authors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from docutils import nodes
from linkify_it import LinkifyIt
from linkify_it.ucre import SRC_ANY, SRC_CC, SRC_P, SRC_PSEUDO_LETTER, SRC_Z, SRC_ZCC, SRC_ZPCC, TEXT_SEPARATORS
from markdown_it import MarkdownIt
from myst_parser.config.main import MdParserConfig, TopmatterReadError, merge_file_level
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.parsers import RSTParser

from .flavours import Flavour, flavour_of
from .front_matter import read_front_matter
from .html import INLINE_NAMES as INLINE_HTML
from .page_data import FRONT_MATTER_KEY
from .renderer import MdxRenderer
from .syntax import mdx_plugin
from .trust import confined_parse, refuse_configuration, untrusted


class MdxParser(MystParser):
    """Parses ``.md`` and ``.mdx`` files as MDX of the folder's flavour (a superset of MyST here).

    As remark did (GFM), bare URLs and e-mail addresses are links (which ones:
    :func:`.links.is_gfm_autolink`; ``ingress-examples.md`` is not, though ``.md`` is a domain), and
    the text keeps its typography as written: Sphinx's smart quotes would turn ``--flag``
    into an en dash and ``"x"`` into curly quotes, which MDX never did.
    """

    supported = ("md", "markdown", "myst", "mdx")

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        document.settings.smart_quotes = False
        config = _mdx_config(env)
        try:
            topmatter = read_front_matter(inputstring)
        except TopmatterReadError:
            topmatter = None  # MyST's renderer reports it
        if topmatter and untrusted(env.config):
            refuse_configuration(topmatter, inputstring, lambda line: (env.docname, line))
        elif topmatter:
            config = merge_file_level(
                config,
                topmatter,
                lambda wtype, msg: create_warning(document, msg, wtype, line=1, append_to=document),
            )
        with shared_markdown_it(env, config) as md:
            md.options["document"] = document
            try:
                with confined_parse(document):  # the front matter, read once, for {frontMatter.x} and the title heading
                    md.render(inputstring, {FRONT_MATTER_KEY: topmatter if isinstance(topmatter, dict) else {}})
            finally:
                del md.options["document"]


def _mdx_config(env: BuildEnvironment) -> MdParserConfig:
    return replace(env.myst_config, enable_extensions={*env.myst_config.enable_extensions, "linkify"},
                   linkify_fuzzy_links=True)


#: The last parser made, and whether it is in use (a page being parsed with it).
_last_parser: tuple[MdParserConfig, Flavour, MarkdownIt] | None = None
_shared_in_use = False


@contextmanager
def shared_markdown_it(env: BuildEnvironment, config: MdParserConfig) -> Iterator[MarkdownIt]:
    """A parser of ``config`` for the pages of ``env``: the last one made, if it was made for an equal
    configuration and the same flavour, and no page is being rendered with it (a page parsed while
    another is gets one of its own). Making one (MyST's rules, ours, linkify-it's) took 1.8 ms, a
    tenth of the time reading a page takes. MyST's renderer sets up its state for a page at each
    render (everything of ours lives in the page's ``md_env``); until the next page it keeps the
    last one's document."""
    global _last_parser, _shared_in_use
    flavour = flavour_of(env.config, env.srcdir)
    if _shared_in_use:
        yield _mdx_markdown_it(config, flavour)
        return
    if _last_parser is None or _last_parser[1] is not flavour or _last_parser[0] != config:
        _last_parser = (config, flavour, _mdx_markdown_it(config, flavour))
    _shared_in_use = True
    try:
        yield _last_parser[2]
    finally:
        _shared_in_use = False


def _mdx_markdown_it(config: MdParserConfig, flavour: Flavour) -> MarkdownIt:
    md = create_md_parser(config, MdxRenderer)
    md.linkify = PythonLinkify().set({"fuzzy_link": config.linkify_fuzzy_links})
    return md.use(mdx_plugin, flavour.inline_components | INLINE_HTML, flavour.components, flavour.dialect)


def _class_body(pattern: str) -> str:
    """What the character class that opens ``pattern`` holds, between its brackets."""
    end = 1
    while pattern[end] != "]":
        end += 2 if pattern[end] == "\\" else 1
    return pattern[1:end]


#: Characters past the Basic Multilingual Plane, and surrogates: what linkify-it's classes never match in Python.
_NOT_IN_ANY = "\\ud800-\\udfff\\U00010000-\\U0010ffff"

#: linkify-it's character classes (its ``ucre`` module, composites first), each spelt as one Python class of the
#: same code points: "any character", spaces, punctuation, controls, and what a domain is made of ("pseudo
#: letters": none of those). linkify-it spells them for JavaScript's UTF-16 strings: characters past U+FFFF
#: as surrogate pairs, which a Python string never holds, and sets joined by ``|``.
PYTHON_CLASSES = {
    SRC_PSEUDO_LETTER: "[^" + _class_body(TEXT_SEPARATORS) + _class_body(SRC_Z) + _class_body(SRC_P)
                       + _class_body(SRC_CC) + _NOT_IN_ANY + "]",
    SRC_ZPCC: "[" + _class_body(SRC_Z) + _class_body(SRC_P) + _class_body(SRC_CC) + "]",
    SRC_ZCC: "[" + _class_body(SRC_Z) + _class_body(SRC_CC) + "]",
    SRC_P: "[" + _class_body(SRC_P) + "]",
    SRC_ANY: "[^" + _NOT_IN_ANY + "]",
}


class PythonLinkify(LinkifyIt):
    """linkify-it, with its character classes spelt so that Python compiles and searches them at once.

    Compiled case-insensitively, as every pattern of linkify-it is, JavaScript's spelling of "any
    character" made the first links found cost 0.3 to 0.4 s, and each of its patterns (13 to 24 kB)
    repeats the classes a domain is made of: spelt as Python's classes (:data:`PYTHON_CLASSES`), the
    patterns are a third shorter, the first links cost 0.024 s instead of 0.043 s, and searching a page
    takes half the time. A Python string holds code points, so both spellings match the same characters
    in any text without surrogate code points, and Sphinx's decoding leaves none.
    """

    def _on_compile(self) -> None:
        """linkify-it's hook for changing its basic patterns before it builds the others."""
        self.re = {key: _python_classes(value) if isinstance(value, str) else value for key, value in self.re.items()}


def _python_classes(pattern: str) -> str:
    for theirs, ours in PYTHON_CLASSES.items():
        pattern = pattern.replace(theirs, ours)
    return pattern


def parse_before_forking(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Parse a sample in the main process before Sphinx forks its parallel readers.

    The parser, and what parsing compiles at first use (linkify-it's patterns: 0.02 s), are then
    inherited by every reader process, instead of made again in each of them.
    """
    if app.parallel > 1 and docnames:
        with shared_markdown_it(env, _mdx_config(env)) as md:
            md.parse(_SAMPLE, {FRONT_MATTER_KEY: {}})


#: Text that takes linkify-it down each of its paths: a URL, a fuzzy link, an e-mail address.
_SAMPLE = "See https://example.com/a, www.example.com, example.com and user@example.com.\n"


class ConfinedRSTParser(RSTParser):
    """Sphinx's reST parser, confined like MDX pages when pages are untrusted."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        with confined_parse(document):
            super().parse(inputstring, document)
