"""The small pieces on their own: tag tokenizer, attribute values, ESM, URL scheme, mojibake, front matter,
relative URIs."""

from __future__ import annotations

import re
from dataclasses import replace
from types import SimpleNamespace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from linkify_it import LinkifyIt, ucre
from myst_parser.config.main import MdParserConfig, TopmatterReadError, read_topmatter
from sphinx.util.osutil import relative_uri

from sphinx_mdx.attributes import Markup, NotALiteral, evaluate
from sphinx_mdx.front_matter import read_front_matter
from sphinx_mdx.links import heading_id, is_site_link, is_unsafe, page_url
from sphinx_mdx.mojibake import repair_lines
from sphinx_mdx.navigation import relative_uris
from sphinx_mdx.parser import PYTHON_CLASSES, PythonLinkify, shared_markdown_it
from sphinx_mdx.syntax.esm import Import, imported_names
from sphinx_mdx.syntax.tags import TagKind, ValueKind, find_closing, scan_tag
from sphinx_mdx.warnings_ import option_lines


@pytest.mark.parametrize(("block", "lines"), [
    (".. note::\n   :Bogus: y\n   :class: z\n\n   spans: two\n", {"bogus": 11, "class": 12}),  # reST, lower case
    (".. figure:: a.png\n   b.png\n   :width: 5\n", {"width": 12}),  # after an argument on two lines
    ("```{note}\n:bogus: x\n\nlater: not an option\n```", {"bogus": 11}),  # up to the first blank line
    ("```{code-block} yaml\nspans: two lines\n```", {}),  # content right after the fence
    ("```{note}\n---\nclass: |\n  bogus: 1\n\n  more\nbogus: x\n---\nbody\n```",
     {"class": 12, "bogus": 16}),  # MyST's --- block: its own keys, blank lines and all
    ("```{note}\n---\n---\n", {}),
    ("```{note}\n---\n\"Bogus\": 1\nwidth: a\nwidth: b\n---\n", {"bogus": 12, "width": 14}),  # quoted; last
])
def test_option_lines(block, lines):
    """The line that gives each option, for the warnings about it (the directive's first line is 10)."""
    assert option_lines(block, 10) == lines


def tag(source: str):
    return scan_tag(source, 0, len(source))


def values(source: str) -> dict:
    return {attribute.name: evaluate(attribute) for attribute in tag(source).attributes}


@pytest.mark.parametrize(
    ("source", "name", "kind"),
    [
        ("<InfoBox>", "InfoBox", TagKind.OPEN),
        ("</InfoBox>", "InfoBox", TagKind.CLOSE),
        ("<InfoBox />", "InfoBox", TagKind.SELF_CLOSING),
        ("<Tabs. TabPane tab='x'>", "Tabs.TabPane", TagKind.OPEN),
        ("<br>", "br", TagKind.SELF_CLOSING),
        ("<br / >", "br", TagKind.SELF_CLOSING),
        ('<a href="/x">', "a", TagKind.OPEN),
    ],
)
def test_scan_tag(source, name, kind):
    found = tag(source)
    assert (found.name, found.kind, found.end) == (name, kind, len(source))


@pytest.mark.parametrize(
    "source", ["a < b", "<Location of the gateway installer from step #2>", "<3", "< br />", "<a href=>", "<X y={>"]
)
def test_text_that_is_not_a_tag(source):
    assert tag(source) is None


def test_attribute_values():
    found = values(
        """<X s="a" t='b' n={1} yes={true} q={"c"} bare jsx={<u>word</u>} """
        """list={[{x: 20, label: 1, description: "d, with {braces}",},]} u=plain>"""
    )
    assert found == {
        "s": "a",
        "t": "b",
        "n": 1,
        "yes": True,
        "q": "c",
        "bare": True,
        "jsx": Markup("<u>word</u>"),
        "list": [{"x": 20, "label": 1, "description": "d, with {braces}"}],
        "u": "plain",
    }


@pytest.mark.parametrize("expression", ["{someVariable}", "{call()}", "{() => 1}", "{`template ${x}`}", "{...props}"])
def test_expressions_are_never_evaluated(expression):
    source = f"<X a={expression}>" if not expression.startswith("{...") else f"<X {expression}>"
    attribute = tag(source).attributes[0]
    assert attribute.kind is ValueKind.EXPRESSION
    with pytest.raises(NotALiteral):
        evaluate(attribute)


def test_multiline_attributes_keep_their_line():
    found = tag('<P points={[\n  {x: 1},\n]}\n  label="z">')
    assert [attribute.line_offset for attribute in found.attributes] == [0, 3]


def test_find_closing_counts_nesting_and_skips_code():
    source = "<b>x `</b>` <b>y</b> z</b> after"
    close = find_closing(source, 3, len(source), "b")
    assert source[close.start :] == "</b> after"


def test_imported_names():
    assert imported_names(
        "import InfoBox from '@librarium/shared/src/components/InfoBox';\n"
        'import {\n  Tabs,\n  Tooltip as Tip\n} from "shared";\n'
        "import * as All from 'all';\nexport const meta = {a: 1};"
    ) == [
        Import("InfoBox", "@librarium/shared/src/components/InfoBox", 0),
        Import("Tabs", "shared", 1),
        Import("Tip", "shared", 1),
        Import("All", "all", 5),
    ]


@pytest.mark.parametrize(
    ("docname", "url"),
    [
        ("15-faq", "/faq"),
        ("04-clusters", "/clusters"),
        ("12-enterprise-version/01-deploying-the-platform-installer", "/enterprise-version/deploying-the-platform-installer"),
        ("02.5-architecture", "/architecture"),
        ("faq", "/faq"),
        ("index", "/"),
        ("00-index", "/"),
    ],
)
def test_page_url(docname, url):
    assert page_url(docname) == url


def test_heading_id():
    assert heading_id("IP Address Management") == "ipaddressmanagement"
    assert heading_id("How does Spectro Cloud handle IP management?") == "howdoesspectrocloudhandleipmanagement?"


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "JavaScript:x", " java\tscript:x", "jav&#x61;script:x", "vbscript:x", "data:text/html,x"]
)
def test_unsafe_urls(href):
    assert is_unsafe(href)


def test_safe_and_site_links():
    assert not is_unsafe("https://example.com") and not is_unsafe("/clusters")
    assert is_site_link("/clusters?x=1#y") and is_site_link("#anchor")
    assert not is_site_link("//cdn.example.com/x") and not is_site_link("https://x")


def test_mojibake_repair_names_its_lines():
    text, repairs = repair_lines("Fine line\n## What OSâ€™s are supported?\nDon't touch \"quotes\" or ﬁ.\n")
    assert text == "Fine line\n## What OS’s are supported?\nDon't touch \"quotes\" or ﬁ.\n"
    assert repairs == [(2, "## What OSâ€™s are supported?", "## What OS’s are supported?")]


def test_latex_stand_ins_for_greek_letters_match_them():
    import unicodedata

    from sphinx_mdx.latex import CHARACTERS

    for letter in "αβγδεζηθικλμνξπρςστυφχψω":
        name = unicodedata.name(letter).removeprefix("GREEK SMALL LETTER ").replace("FINAL SIGMA", "VARSIGMA").replace("LAMDA", "LAMBDA")
        assert CHARACTERS[letter] == rf"\ensuremath{{\{name.lower()}}}", letter
    assert CHARACTERS["ο"] == r"\textit{o}"


@pytest.mark.parametrize(
    "source",
    [
        "---\ntitle: Hello\nhiddenFromNav: true\n---\n# Page\n",
        "---\nb: |\n  kept   \n  lines\t\n...\nbody\n",
        "---\ntitle: no end\n",
        "--- \nx: 1\n----\n",
        "---\ndate: 2021-05-01\nn: 0x1F\nv: [1, {a: b}]\n---\n",
        "---\na: &x [1, 2]\nb: *x\n---\n",
        "# No front matter\n---\nx: 1\n---\n",
        "---\n---\n",
        "---\n- a list\n---\n",
        "---\nkey: [unclosed\n---\n",
        "---\nx: 1\r\ny: \u00e9\r\n---\r\n",
        "---\nx: " + "[" * 600 + "]" * 600 + "\n---\n",
    ],
)
def test_front_matter_is_read_as_myst_reads_it(source):
    """Our front matter reader (libyaml) and MyST's (PyYAML in Python) see the same keys and errors."""
    try:
        expected = read_topmatter(source)
    except TopmatterReadError as error:
        with pytest.raises(TopmatterReadError, match=str(error).split(":")[0]):
            read_front_matter(source)
    else:
        assert read_front_matter(source) == expected


#: Target URIs as the html and dirhtml builders make them, and the odd ones Sphinx's function handles.
uri = st.lists(st.sampled_from(["a", "b", "a.html", "index.html", "", "#x", "b#y"]), min_size=1, max_size=5).map(
    lambda segments: "/".join(segments)) | st.sampled_from(["/abs/x.html", "", "./"])


@given(base=uri, targets=st.lists(uri, max_size=8))
@example(base="a/b/", targets=["a/b/", "a/", "a/c/", "", "c/"])
@example(base="a/index.html", targets=["a/", "a/index.html", "index.html"])
def test_relative_uris_are_sphinxs(base, targets):
    """The navigation's links, made once per page, are the ones Sphinx makes one link at a time."""
    assert relative_uris(base, targets) == [relative_uri(base, target) for target in targets]


#: The names linkify-it's ``ucre`` module gives the classes we spell again.
RESPELT = [name for name in dir(ucre) if name.startswith("SRC_") and getattr(ucre, name) in PYTHON_CLASSES]


@pytest.mark.parametrize("name", RESPELT)
def test_linkify_classes_are_the_same_sets(name):
    """Case-insensitive, as linkify-it compiles them, each of our spellings of its character classes
    matches exactly the code points its JavaScript spelling matches (surrogates aside: text has none);
    and every use of theirs is replaced."""
    assert len(RESPELT) == len(PYTHON_CLASSES)
    theirs = getattr(ucre, name)
    ours = PYTHON_CLASSES[theirs]
    theirs_re, ours_re = re.compile(theirs, re.IGNORECASE), re.compile(ours, re.IGNORECASE)
    differ = [hex(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF
              and bool(theirs_re.fullmatch(chr(code))) != bool(ours_re.fullmatch(chr(code)))]
    assert differ == []
    patterns = [value for value in PythonLinkify().set({"fuzzy_link": True}).re.values() if isinstance(value, str)]
    assert not any(theirs in pattern for pattern in patterns)
    assert any(ours in pattern for pattern in patterns)


#: Characters at the edges of "any character": astral emoji and letters, letters whose case
#: changes length or script (the Kelvin sign, long s, dotted I), spaces, separators, punctuation.
edge_characters = "eé\u00df\u0130\u212a\u017f\u65e5\U0001f680\U00010400\u00a0\uff5c-_.,'()<>@:/?#1 \n"
#: Links as authors write them, with their neighbours, and text around them.
link_text = st.lists(
    st.builds("".join, st.tuples(
        st.sampled_from(["", "https://", "http://", "mailto:", "www.", "//", "user@", "(", "<", " "]),
        st.text(alphabet=edge_characters, min_size=1, max_size=5),
        st.sampled_from(["", ".com", ".io", ".co.uk", ".ru", ".xn--p1ai", ":8080", ".1.2.3"]),
        st.text(alphabet=edge_characters, max_size=6),
    )),
    max_size=4,
).map(" ".join)


@settings(max_examples=300, deadline=None)  # the first example compiles both sets of patterns
@given(text=link_text)
@example(text="see www.example.com\U0001f680/x and https://\u017fite.\u212a\u0130.com")
@example(text="mail user@example.co.uk, (https://example.io/path?q=1#top) or example.com:8080/\u00e9")
def test_python_linkify_finds_what_linkify_it_finds(text):
    """The links found, with their bounds, are linkify-it's own, fuzzy links included, through each
    call markdown-it makes: ``pretest``, ``test`` and ``match`` (its core rule), ``match_at_start`` at
    every position (its inline rule)."""
    def found(linkify):
        at_start = [linkify.match_at_start(text[start:]) for start in range(len(text))]
        return (linkify.pretest(text), linkify.test(text),
                [(match.index, match.last_index, match.url) for match in linkify.match(text) or []],
                [(match.last_index, match.url) for match in at_start if match])
    assert found(PythonLinkify().set({"fuzzy_link": True})) == found(LinkifyIt().set({"fuzzy_link": True}))


def test_pages_share_a_parser_unless_their_configuration_differs_or_it_is_in_use():
    """Pages of one configuration and flavour share the parser; one parsed while another page is
    rendered (a directive reading a file) gets its own, and so does another configuration."""
    env = SimpleNamespace(config=SimpleNamespace(mdx_flavour="mdx1"), srcdir=".")
    config = MdParserConfig(enable_extensions={"linkify"})
    with shared_markdown_it(env, config) as first:
        with shared_markdown_it(env, replace(config)) as nested:
            assert nested is not first
    with shared_markdown_it(env, replace(config)) as again:
        assert again is first
    with shared_markdown_it(env, replace(config, heading_anchors=2)) as other:
        assert other is not first
    docusaurus = SimpleNamespace(config=SimpleNamespace(mdx_flavour="docusaurus"), srcdir=".")
    with shared_markdown_it(docusaurus, replace(config, heading_anchors=2)) as mdx3:
        assert mdx3 is not other
    with pytest.raises(RuntimeError), shared_markdown_it(docusaurus, replace(config, heading_anchors=2)):
        raise RuntimeError("a page that fails to render")
    with shared_markdown_it(docusaurus, replace(config, heading_anchors=2)) as after_failure:
        assert after_failure is mdx3  # free again
