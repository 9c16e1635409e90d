"""Images and videos as librarium wrote them.

Images: a title ``"#width=120px"`` sizes the image; a local file that does
not exist gives one ``mdx.image`` warning and the alt text is shown instead
(a missing file would otherwise break the PDF). Videos: an inline code span
`` `video: title: "name": ./file.mp4` `` or an image link to an ``.mp4``
becomes an HTML5 video; the PDF links to the page on the site where it plays
(``mdx_site_url`` and the page's librarium URL); other builders show the
link to the file. Local video files are copied with the HTML like downloads,
and a missing one is reported by Sphinx's download collector.

The PDF shows PNG, JPEG and PDF images only. A WebP or GIF image (Docusaurus-era librarium
is mostly WebP) is converted to PNG with Pillow, a library: no program runs on a page's
files. One that still cannot be shown (a file Pillow cannot read, an SVG) is its alt
text, with a warning: pdflatex would stop at it and write no PDF at all.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.transforms.post_transforms.images import ImageConverter
from sphinx.util.images import guess_mimetype

from .components.shared import add_node, ancestors, depart_passthrough, visit_passthrough
from .links import live_url, page_url
from .trust import (WRITTEN_URI, file_refused, has_scheme, names_no_file, pattern_matches, readable_folders,
                    with_its_link, written_uri)
from .warnings_ import MdxWarnings, warn

VIDEO_SPAN = re.compile(r'video:\s*title:\s*"(?P<title>[^"]*)"\s*:\s*(?P<src>\S+)')
_IMAGE_TITLE_SIZE = re.compile(r"#(?P<key>width|height)=(?P<value>\d+(?:\.\d+)?(?:px|%|em|rem)?)")


class mdx_video(nodes.General, nodes.Element):  # noqa: N801
    """A video; its child is the link to the file (a download, or an external reference)."""


def is_video(src: str) -> bool:
    return src.lower().split("?", 1)[0].endswith((".mp4", ".webm", ".ogv", ".mov"))


def make_video(title: str, src: str) -> nodes.Element:
    """A local video file: a player in HTML, a link elsewhere. A remote one: a link, checked
    like any other (no builder fetches it)."""
    label = nodes.Text(f"Video: {title}" if title else f"Video: {Path(src).name}")
    if has_scheme(src):
        return nodes.reference("", "", label, refuri=src)
    link = addnodes.download_reference("", "", nodes.literal("", "", label), reftarget=src, refexplicit=True)
    return mdx_video("", link, title=title)


def size_from_title(image: nodes.image) -> None:
    """librarium's ``![alt](src "#width=500px")``: the title sizes the image (and, as in
    librarium, a sized image is not a link to its file, which Sphinx would make it)."""
    title = image.get("title", "")
    sizes = dict(match.group("key", "value") for match in _IMAGE_TITLE_SIZE.finditer(title))
    if not sizes:
        return
    image["classes"].append("no-scaled-link")
    for key, value in sizes.items():
        image[key] = value + ("px" if value[-1].isdigit() else "")
    del image["title"]


def css_length(value: str) -> str | None:
    """An image's ``width``/``height`` as the writers accept it (``500`` is ``500px``), or None."""
    value = value.strip()
    if value.isdigit():
        return f"{value}px"
    try:
        directives.length_or_percentage_or_unitless(value)
    except ValueError:
        return None
    return value


def visit_video_html(self, node: mdx_video) -> None:
    link = node[0]
    if isinstance(link, addnodes.download_reference) and "filename" not in link:
        self.context.append("")  # the file is missing (already reported): show the link text only
        return
    src = link["refuri"] if "refuri" in link else f"{self.builder.dlpath}/{link['filename']}"
    self.body.append(
        self.starttag(node, "video", "", CLASS="mdx-video", controls="controls", preload="metadata",
                      src=src, title=node["title"])
    )
    self.context.append("</video>")


def depart_video_html(self, node: mdx_video) -> None:
    self.body.append(self.context.pop())


class VideosOnPaper(SphinxPostTransform):
    """LaTeX: a local video is a link to its page on the site, where a reader can play it."""

    default_priority = 200
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for video in list(self.document.findall(mdx_video)):
            page = next((ancestor["docname"] for ancestor in ancestors(video)
                         if isinstance(ancestor, addnodes.start_of_file | nodes.document) and "docname" in ancestor),
                        self.env.docname)
            label = nodes.Text(video[0].astext())
            video.replace_self(nodes.reference("", "", label, refuri=live_url(self.config, page_url(page))))


def _resolve_static_dirs(app: Sphinx, config) -> None:
    """``mdx_static_dirs`` are written relative to conf.py's folder; from here on they are real paths."""
    config.mdx_static_dirs = [os.path.realpath(os.path.join(app.confdir, folder)) for folder in config.mdx_static_dirs]


def _content_file(env, uri: str) -> bool:
    """Whether ``uri`` names a file where Sphinx looks for it (relative to the page; site-absolute, in the
    content folder), or a ``*`` pattern one. os.path's test: a name too long for the file system is no
    file, not an error."""
    if names_no_file(uri):
        return False
    path = env.relfn2path(uri, env.docname)[1]
    return bool(pattern_matches(path, readable_folders(env))) if "*" in uri else os.path.isfile(path)


def _static_file(folders: list[str], uri: str) -> str | None:
    """The file a site-absolute ``uri`` names in the first of ``folders`` that has it."""
    for folder in folders:
        found = os.path.realpath(os.path.join(folder, uri.lstrip("/")))
        if os.path.commonpath([folder, found]) == folder and os.path.isfile(found):
            return found
    return None


class DecodedImagePaths(SphinxTransform):
    """A Markdown image's path as its author wrote it: markdown-it percent-encodes a path
    (``übersicht.png`` is ``%C3%BCbersicht.png``), which names no file; remark kept it as written. Where the
    encoded path names no file and the decoded one does, the decoded one is used."""

    default_priority = 675  # after IncludedFiles (670), before StaticImages (680) and MissingImages (700)

    def apply(self, **kwargs: Any) -> None:
        for image in self.document.findall(nodes.image):
            uri = image["uri"]
            if "%" not in uri or has_scheme(uri) or uri.startswith("//"):
                continue
            decoded = unquote(uri)  # looked for only where a page may read: ConfinedFiles' folders
            if not file_refused(self.env, decoded) and not self._exists(uri) and self._exists(decoded):
                image["uri"] = decoded
                image[WRITTEN_URI] = unquote(image.get(WRITTEN_URI, uri))

    def _exists(self, uri: str) -> bool:
        return _content_file(self.env, uri) or (
            uri.startswith("/") and _static_file(self.config.mdx_static_dirs, uri) is not None)


class StaticImages(SphinxTransform):
    """A site-absolute image (``/x.webp``) that is not in the content folder, from the first
    folder of ``mdx_static_dirs`` that has it, as Docusaurus serves its ``static/`` folder."""

    default_priority = 680  # before ConfinedFiles (690), which lets these folders through, and MissingImages

    def apply(self, **kwargs: Any) -> None:
        folders = self.config.mdx_static_dirs
        if not folders:
            return
        page_folder = os.path.dirname(self.env.doc2path(self.env.docname))
        for image in self.document.findall(nodes.image):
            uri = image["uri"]
            if not uri.startswith("/") or uri.startswith("//") or _content_file(self.env, uri):
                continue
            if (found := _static_file(folders, uri)) is not None:
                image["uri"] = os.path.relpath(found, page_folder).replace(os.sep, "/")


class MissingImages(SphinxTransform):
    """A local image whose file is missing (or whose ``*`` pattern matches none): one warning, and its
    alt text in its place."""

    default_priority = 700  # before the image collector runs at doctree-read

    def apply(self, **kwargs: Any) -> None:
        for image in list(self.document.findall(nodes.image)):
            uri = image["uri"]
            if has_scheme(uri) or _content_file(self.env, uri):  # data: is a scheme
                continue
            warn(MdxWarnings.IMAGE, f"image file not found: {written_uri(image)}; its alt text is shown instead", image)
            _replace_with_alt(image, image.get("alt") or Path(uri).name)


#: Images larger than this are not decoded for the PDF (Pillow's own limit is 89 million pixels):
#: a small file that claims to be huge would otherwise take the build's memory.
MAX_CONVERTED_PIXELS = 40_000_000


class PillowConverter(ImageConverter):
    """WebP and GIF images as PNG, for builders that cannot show them (LaTeX); a GIF's first frame."""

    conversion_rules = [("image/webp", "image/png"), ("image/gif", "image/png")]

    def is_available(self) -> bool:
        try:
            from PIL import features
        except ImportError:
            return False
        return bool(features.check("webp"))

    def convert(self, _from: str | os.PathLike[str], _to: str | os.PathLike[str]) -> bool:
        from PIL import Image

        try:
            with Image.open(_from) as image:
                if image.width * image.height > MAX_CONVERTED_PIXELS:
                    raise ValueError("too large to decode")
                image.seek(0)
                image.convert("RGBA" if image.mode in ("P", "PA", "LA", "RGBA") else "RGB").save(_to, "PNG")
        except (OSError, ValueError, Image.DecompressionBombError):
            Path(_to).unlink(missing_ok=True)
            return False  # UnshowableImages shows the alt text, and warns at the image's line
        return True


#: Characters TeX reads as markup in a file name: Sphinx writes the name into ``\sphinxincludegraphics`` as it is.
_TEX_SPECIALS = re.compile(r"[%#{}\\~^$&]")


class TexSafeImageNames(SphinxPostTransform):
    """LaTeX: an image whose file name holds a character TeX reads as markup (``%`` begins a comment)
    is copied under a name without it; with the name as it was, pdflatex stopped and there was no PDF."""

    default_priority = 210  # after the image converters (200), whose files keep the name
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for image in self.document.findall(nodes.image):
            candidates = image.get("candidates", {})
            for mimetype, path in list(candidates.items()):
                if mimetype == "?" or path not in self.env.images:
                    continue
                name = self.env.images[path][1]
                if not _TEX_SPECIALS.search(name):
                    continue
                copy = Path(self.env.doctreedir, "images", "tex-safe", _TEX_SPECIALS.sub("-", name))
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(self.env.srcdir, path), copy)
                candidates[mimetype] = str(copy)
                if image["uri"] == path:
                    image["uri"] = str(copy)
                self.env.original_image_uri[str(copy)] = self.env.original_image_uri.get(path, path)
                self.env.images.add_file(self.env.docname, str(copy))


class UnshowableImages(SphinxPostTransform):
    """After the converters: an image the builder still cannot show is its alt text, as a missing one."""

    default_priority = 250  # after the image converters (200)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        shown = set(self.env._builder_cls.supported_image_types)
        for image in list(self.document.findall(nodes.image)):
            candidates = image.get("candidates", {})
            if "?" in candidates or shown & set(candidates) or shown & set(_guessed_types(self.env.srcdir, candidates)):
                continue
            uri = image["uri"]
            warn(MdxWarnings.IMAGE, f"image {written_uri(image)} cannot be shown in the PDF (it is not PNG, JPEG or "
                 "PDF, and could not be converted); its alt text is shown instead", image)
            _replace_with_alt(image, image.get("alt") or Path(uri).name)


def _guessed_types(srcdir: Path, candidates: dict[str, str]) -> list[str]:
    path = candidates.get("*")
    guessed = guess_mimetype(srcdir / path) if path else None
    return [guessed] if guessed else []


def _replace_with_alt(image: nodes.image, alt: str) -> None:
    """``image`` (and the link Sphinx adds to a scaled image) replaced by its alt text."""
    with_its_link(image).replace_self(nodes.inline("", alt, classes=["mdx-missing-image"]))


def setup_media(app: Sphinx) -> None:
    add_node(app, mdx_video, html=(visit_video_html, depart_video_html),
             latex=(visit_passthrough, depart_passthrough))
    app.add_config_value("mdx_static_dirs", [], "env", types=[list])
    app.connect("config-inited", _resolve_static_dirs)
    app.add_transform(DecodedImagePaths)
    app.add_transform(StaticImages)
    app.add_transform(MissingImages)
    app.add_post_transform(VideosOnPaper)
    app.add_post_transform(PillowConverter)
    app.add_post_transform(TexSafeImageNames)
    app.add_post_transform(UnshowableImages)
