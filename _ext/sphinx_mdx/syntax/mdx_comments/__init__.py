from .index import mdx_comments_plugin

__all__ = ["mdx_comments_plugin"]
