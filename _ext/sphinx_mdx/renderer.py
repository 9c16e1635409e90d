"""Tokens of the MDX rules to docutils nodes, on top of MyST's Sphinx renderer."""

from __future__ import annotations

import os
from collections.abc import MutableMapping, Sequence
from dataclasses import replace
from functools import partial
from typing import Any

from docutils import nodes
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from myst_parser.mdit_to_docutils.base import token_line
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.directives import YAML_LOAD_ERRORS
from myst_parser.warnings_ import MystWarnings

from . import admonitions, headings, links, media, page_data, trust
from .attributes import Markup, NotALiteral, evaluate
from .components import markdown_imports
from .components.partials import CURRENT_FILE_KEY, from_the_page, written_beside
from .flavours import Flavour, flavour_of
from .front_matter import YamlTooDeep, load_yaml
from .html import render_html_element
from .syntax.problems import MARKUP_DEPTH, MARKUP_DEPTH_KEY
from .syntax.tags import Tag, ValueKind, markup_words
from .warnings_ import MdxWarnings, quoted, warn


class JsxElement:
    """One JSX or HTML element as a component sees it: attributes, content, line."""

    def __init__(self, renderer: MdxRenderer, token: SyntaxTreeNode, inline: bool) -> None:
        self.renderer = renderer
        self.token = token
        self.tag: Tag = token.meta["tag"]
        self.inline = inline
        self.line = renderer.jsx_line(token)
        self._attributes = {attribute.name: attribute for attribute in self.tag.attributes}
        self._values: dict[str, Any] = {}
        self._bare_reported: set[str] = set()

    @property
    def name(self) -> str:
        return self.tag.name

    @property
    def attribute_names(self) -> list[str]:
        return list(self._attributes)

    def line_of(self, name: str) -> int:
        """The line of the attribute ``name`` (the element's, if it has none)."""
        attribute = self._attributes.get(name)
        return self.line + (attribute.line_offset if attribute is not None else 0)

    def warn(self, subtype: MdxWarnings, message: str, line_offset: int = 0) -> None:
        warn(subtype, message, self.renderer.location(self.line + line_offset))

    def value(self, name: str) -> Any:
        """The attribute's value (a JavaScript literal, never evaluated code), or None."""
        attribute = self._attributes.get(name)
        if attribute is None:
            return None
        if name not in self._values:
            try:
                self._values[name] = evaluate(attribute, partial(page_data.lookup, self.renderer.md_env))
            except NotALiteral as error:
                self.warn(
                    MdxWarnings.EXPRESSION,
                    f"<{self.name} {name}=...>: {error}; it is not evaluated",
                    attribute.line_offset,
                )
                self._values[name] = None
        return self._values[name]

    def text(self, name: str, default: str | None = None) -> str | None:
        """The attribute as plain text (markup values give their text)."""
        value = self.value(name)
        if self._bare(name):
            return default
        if value is None or isinstance(value, bool | dict | list):
            return default
        if isinstance(value, Markup):
            return nodes.Element("", *self.renderer.render_markup(value.source, self.line)).astext()
        return str(value)

    def flag(self, name: str) -> bool:
        """A yes/no attribute: written bare (``<TabItem default>``) or as ``{true}``."""
        attribute = self._attributes.get(name)
        return attribute is not None and (attribute.kind is ValueKind.BARE or self.value(name) is True)

    def _bare(self, name: str) -> bool:
        """Whether the attribute is written with no value where one is needed (reported once)."""
        attribute = self._attributes.get(name)
        if attribute is None or attribute.kind is not ValueKind.BARE:
            return False
        if name not in self._bare_reported:
            self._bare_reported.add(name)
            self.warn(MdxWarnings.ATTRIBUTE, f"<{self.name} {name}> has no value; it is ignored",
                      attribute.line_offset)
        return True

    def markup(self, name: str) -> list[nodes.Node] | None:
        """The attribute rendered as inline MDX (``{<u>x</u>}`` or a string)."""
        value = self.value(name)
        if self._bare(name) or value is None or isinstance(value, bool | dict | list):
            return None
        source = value.source if isinstance(value, Markup) else str(value)
        return self.renderer.render_markup(source, self.line_of(name))

    def render_children(self, into: nodes.Element) -> None:
        """Render the element's content into ``into``."""
        with self.renderer.current_node_context(into):
            self.renderer.render_children(self.token)

    def set_source(self, node: nodes.Node) -> None:
        node.source = self.renderer.document["source"]
        node.line = self.line


#: Directive bodies (and attribute values) are each parsed on their own, one inside another, out
#: of reach of the parser's nesting limit: deeper than this, content is shown as its text.
MAX_NESTED_PARSES = trust.MAX_DIRECTIVE_DEPTH
_NESTED_PARSES_KEY = "mdx_nested_parses"


class MdxRenderer(SphinxRenderer):
    """MyST's renderer, plus MDX: ESM, JSX elements, embedded HTML, librarium links."""

    def render(self, tokens: Sequence[Token], options, md_env: MutableMapping[str, Any]):
        imports: set[str] = md_env.setdefault("mdx_imports", set())
        for token in tokens:
            if token.type == "esm":
                imports.update(imported.name for imported in token.meta["imports"])
        return super().render(tokens, options, md_env)

    def render_front_matter(self, token: SyntaxTreeNode) -> None:
        """MyST's, given the YAML the parser already read (by libyaml); what does not read, MyST
        reports, except YAML too deep to walk, which MyST's own parser might still read."""
        read = self.md_env.get(page_data.FRONT_MATTER_KEY)
        if isinstance(token.content, str) and read:
            token = SyntaxTreeNode([replace(token.token, content=read)], create_root=False)
        elif isinstance(token.content, str):
            try:
                data = load_yaml(token.content)
            except YamlTooDeep as error:
                self.create_warning(f"Malformed YAML: {error}", MystWarnings.MD_TOPMATTER,
                                    line=token_line(token, default=0), append_to=self.current_node)
                return
            except YAML_LOAD_ERRORS:
                pass  # MyST reads it again, and reports it in its own words
            else:
                if data is not None:  # empty: MyST reports that too
                    token = SyntaxTreeNode([replace(token.token, content=data)], create_root=False)
        super().render_front_matter(token)

    def render_mdx_data_reference(self, token: SyntaxTreeNode) -> None:
        """``{props.edition}``: the value, as text; without one, nothing, with a warning."""
        value = page_data.lookup(self.md_env, token.meta["object"], token.meta["key"])
        if value is None:
            warn(MdxWarnings.EXPRESSION, f"{token.content} has no value here; it is left out",
                 self.location(self.jsx_line(token)))
            return
        self.current_node.append(nodes.Text(value))

    @property
    def flavour(self) -> Flavour:
        return flavour_of(self.sphinx_env.config, self.sphinx_env.srcdir)

    def location(self, line: int) -> tuple[str, int] | str:
        """Where ``line`` is: in the page, or in the partial or file being included there."""
        included = self.md_env.get(CURRENT_FILE_KEY)
        return f"{included}:{line}" if included else (self.sphinx_env.docname, line)

    def jsx_line(self, token: SyntaxTreeNode) -> int:
        """The 1-based line of a token; inline tokens know their line in the paragraph."""
        return token_line(token, default=1) + token.meta.get("line_offset", 0)

    def render_myst_role(self, token: SyntaxTreeNode) -> None:
        """MyST's, told the role's own line. A role's token has no map, so MyST gives the role its
        paragraph's first line; given a map, it hands the map's first entry to the role as its line."""
        line = self.jsx_line(token)
        token.token.map = [line, line + 1]
        super().render_myst_role(token)

    def render_markup(self, source: str, line: int) -> list[nodes.Node]:
        """Render ``source`` as inline MDX, as if it stood at ``line``.

        Each value is parsed on its own, out of reach of the parser's nesting limit, so values
        holding values (a tooltip whose trigger holds a tooltip ...) are counted here: past
        MARKUP_DEPTH, a value is shown as its plain words, with a warning.
        """
        depth = self.md_env.get(MARKUP_DEPTH_KEY, 0)
        if depth >= MARKUP_DEPTH:
            warn(MdxWarnings.JSX, f"markup nested deeper than {MARKUP_DEPTH} attribute values is shown "
                 "as plain text", self.location(line))
            return [nodes.Text(markup_words(source))]
        holder = nodes.inline()
        self.md_env[MARKUP_DEPTH_KEY] = depth + 1
        try:
            with self.current_node_context(holder):
                self.nested_render_text(source, line - 1, inline=True)
        finally:
            self.md_env[MARKUP_DEPTH_KEY] = depth
        return holder.children

    def nested_render_text(self, text: str, lineno: int, inline: bool = False, **options: Any) -> None:
        """MyST's, counted: past MAX_NESTED_PARSES (a directive in a directive in ...), the text
        is shown as it is, with a warning, so no page can exhaust Python's stack."""
        depth = self.md_env.get(_NESTED_PARSES_KEY, 0)
        if depth >= MAX_NESTED_PARSES:
            warn(MdxWarnings.NESTING, f"content nested more than {MAX_NESTED_PARSES} levels deep is shown as "
                 "text", self.location(lineno + 1))
            node = nodes.Text(markup_words(text)) if inline else nodes.literal_block(text, text, language="text")
            self.current_node.append(node)
            return
        self.md_env[_NESTED_PARSES_KEY] = depth + 1
        try:
            super().nested_render_text(text, lineno, inline, **options)
        finally:
            self.md_env[_NESTED_PARSES_KEY] = depth

    def render_esm(self, token: SyntaxTreeNode) -> None:
        line = token_line(token, default=1)
        markdown_files = markdown_imports.note_imports(self, token, line)
        for imported in token.meta["imports"]:
            if imported.name not in self.flavour.components and imported.name not in markdown_files:
                warn(
                    MdxWarnings.UNKNOWN_IMPORT,
                    f"import of {imported.name!r} from {imported.module!r}: no such component here",
                    self.location(line + imported.line_offset),
                )

    def render_mdx_problem(self, token: SyntaxTreeNode) -> None:
        warn(MdxWarnings(token.meta["subtype"]), token.meta["message"], self.location(self.jsx_line(token)))

    def render_admonition(self, token: SyntaxTreeNode) -> None:
        admonitions.render_admonition(self, token)

    def render_jsx_flow(self, token: SyntaxTreeNode) -> None:
        self._render_jsx(JsxElement(self, token, inline=False))

    def render_jsx_inline(self, token: SyntaxTreeNode) -> None:
        self._render_jsx(JsxElement(self, token, inline=True))

    def _render_jsx(self, element: JsxElement) -> None:
        if not element.tag.is_component:
            render_html_element(element)
            return
        component = self.flavour.components.get(element.name)
        if component is None and not element.inline and (path := markdown_imports.imported_file(self, element.name)):
            markdown_imports.render_imported(element, path)
            return
        if component is None:
            element.warn(
                MdxWarnings.UNKNOWN_COMPONENT,
                f"<{element.name}> is not a component this project knows; its content is shown as is",
            )
            self._render_unknown(element)
            return
        if element.name.split(".")[0] not in self.md_env["mdx_imports"] and not self.flavour.global_components:
            element.warn(
                MdxWarnings.MISSING_IMPORT,
                f"<{element.name}> is used without an import; it is rendered as the component, "
                "where MDX v1 showed its content in a plain <div>",
            )
        for name in element.attribute_names:
            if name.lower().startswith("on") or name == "dangerouslySetInnerHTML":
                element.warn(MdxWarnings.HTML, f"<{element.name} {name}=...> is not allowed; the attribute is dropped")
            elif component.attributes is not None and name not in component.attributes:
                element.warn(MdxWarnings.ATTRIBUTE, f"<{element.name}> takes no attribute {name!r}; it is ignored")
        component.render(element)

    def _render_unknown(self, element: JsxElement) -> None:
        """Show an unknown component's content in a plain wrapper, keeping every word."""
        wrapper = nodes.inline() if element.inline else nodes.container()
        wrapper["classes"].append(f"mdx-{element.name.lower()}")
        element.set_source(wrapper)
        self.current_node.append(wrapper)
        element.render_children(wrapper)

    def render_heading(self, token: SyntaxTreeNode) -> None:
        """A heading keeps the level its author wrote: inside a component (a tab pane) it stays a
        heading for readers (``<h2 class="rubric">``); after a skipped level (``#`` then ``####``),
        docutils nests it one level down, but the HTML shows ``<h4>`` as MDX did (:mod:`.headings`)."""
        super().render_heading(token)
        last = self.current_node.children[-1] if self.current_node.children else None
        if isinstance(last, nodes.rubric) and "level" in last:
            last["heading-level"] = min(last["level"], 6)
        elif isinstance(self.current_node, nodes.section):  # the heading's own section
            headings.keep_level(self.current_node, int(token.tag[1]))

    def create_warning(self, message: str, subtype: MystWarnings | str, **kwargs) -> nodes.system_message | None:
        """MyST's warnings, but for a skipped heading level: MyST warns that docutils loses the
        level, and here it is kept and shown as written (:meth:`render_heading`), as MDX did."""
        if subtype == MystWarnings.MD_HEADING_NON_CONSECUTIVE:
            return None
        return super().create_warning(message, subtype, **kwargs)

    def render_fence(self, token: SyntaxTreeNode) -> None:
        """A code block; with a title (Docusaurus's ``title="..."``), under that caption.

        Highlighted as Prism highlighted it on the site: what the lexer cannot read stays plain
        text, with no warning (Pygments' relaxed mode, which Sphinx falls back to anyway).
        """
        super().render_fence(token)
        title = token.meta.get("title")
        code = self.current_node.children[-1] if self.current_node.children else None
        if not isinstance(code, nodes.literal_block):
            return
        code["force"] = True
        if title:
            caption = nodes.caption(title, title)
            self.add_line_and_source_path(caption, token)
            wrapper = nodes.container("", caption, classes=["literal-block-wrapper"], literal_block=True)
            self.current_node[-1] = wrapper  # not replace_self, which would give it the code's classes
            wrapper += code

    def render_image(self, token: SyntaxTreeNode) -> None:
        """Images, sized by librarium's ``"#width=..."`` title; an ``.mp4`` is a video."""
        src = str(token.attrGet("src") or "")
        if media.is_video(src):
            video = media.make_video(self.renderInlineAsText(token.children or []), src)
            self.add_line_and_source_path_r([video], token)
            self.current_node.append(video)
            return
        super().render_image(token)
        media.size_from_title(self.current_node[-1])

    def render_restructuredtext(self, token: SyntaxTreeNode) -> None:
        """``{eval-rst}``: reStructuredText, with all its directives, for trusted pages only."""
        if trust.untrusted(self.sphinx_env.config):
            self._refuse(token, "directive 'eval-rst'", f"{token.markup}{token.info}\n{token.content}{token.markup}")
        else:
            super().render_restructuredtext(token)

    def render_substitution(self, token: SyntaxTreeNode, inline: bool) -> None:
        """``{{ ... }}`` is a Jinja expression MyST would run: never for untrusted pages."""
        if trust.untrusted(self.sphinx_env.config):
            self._refuse(token, "substitution", f"{{{{{token.content}}}}}", inline=inline)
        else:
            super().render_substitution(token, inline)

    def _refuse(self, token: SyntaxTreeNode, what: str, text: str, inline: bool = False) -> None:
        line = self.jsx_line(token)
        trust.warn_refused(what, self.location(line))
        if inline:
            node = nodes.literal(text, text)
            node.source, node.line = self.document["source"], line
        else:
            node = trust.refused_block(text, self.document["source"], line)
        self.current_node.append(node)

    def render_code_inline(self, token: SyntaxTreeNode) -> None:
        """`` `video: title: "name": ./file.mp4` `` is librarium's old way to show a video."""
        match = media.VIDEO_SPAN.fullmatch(token.content.strip())
        if match is None:
            super().render_code_inline(token)
            return
        video = media.make_video(match.group("title"), match.group("src"))
        self.add_line_and_source_path_r([video], token)
        self.current_node.append(video)

    def render_link(self, token: SyntaxTreeNode) -> None:
        href = str(token.attrGet("href") or "")
        if token.markup == "linkify" and not links.is_gfm_autolink(
                "".join(child.content for child in token.children or []), href):
            self.render_children(token)  # a name linkify-it finds that GFM left as text
            return
        path = self.md.normalizeLinkText(href).partition("#")[0] if links.is_relative_path(href) else None
        beside = None if path is None else self._beside_included_file(href, path)
        if beside is not None:  # MyST and librarium's links resolve a path from the page
            token.attrs["href"], written, href = beside, href, beside
        made_before = len(self.current_node.children)
        if links.is_site_link(href) or (links.is_unsafe(href) and not links.is_myst_reference(href)):
            self.render_site_link(href, self.jsx_line(token), token)
        elif path is not None and beside is None and trust.names_no_file(self._from_the_page_folder(path)):
            warn(MdxWarnings.LINK, f"link {quoted(href)} names no file a file system can hold; its text is kept",
                 self.location(self.jsx_line(token)))
            self.render_children(token)  # MyST would look for the file, and Python raise
        else:
            super().render_link(token)  # MyST decides from the path whether it names a file, a page or neither
        made = self.current_node.children[made_before:]
        if beside is not None and made and isinstance(made[0], nodes.Element) and made[0].get("reftarget"):
            made[0][trust.WRITTEN_URI] = written

    def _from_the_page_folder(self, path: str) -> str:
        return os.path.join(os.path.dirname(self.sphinx_env.doc2path(self.sphinx_env.docname)), path)

    def _beside_included_file(self, href: str, path: str) -> str | None:
        """In a partial or an imported file, a relative link ``href`` (its file part ``path``) to a file beside
        it, as a path from the page (``partials.IncludedFiles``). Only inside the folders a page may read,
        so that no link probes elsewhere; the file's type is ConfinedFiles' to refuse."""
        included = self.md_env.get(CURRENT_FILE_KEY)
        if included is None or "*" in path:  # a link names one file, never a pattern
            return None
        target = written_beside(str(included), path)
        if trust.names_no_file(target) or trust.outside_readable_folders(self.sphinx_env, target) \
                or not os.path.isfile(target):
            return None
        return self.md.normalizeLink(from_the_page(self.sphinx_env, target) + href[len(href.partition("#")[0]):])

    def render_site_link(self, href: str, line: int, token: SyntaxTreeNode) -> None:
        """A link librarium's way (``/path?query#anchor``), resolved once all pages are read."""
        if links.is_unsafe(href):
            warn(MdxWarnings.LINK, links.unsafe_link_message(href), self.location(line))
            self.render_children(token)
            return
        node, content = links.pending_link(href, self.sphinx_env.docname)
        node.source, node.line = self.document["source"], line
        self.current_node.append(node)
        with self.current_node_context(content):
            self.render_children(token)
