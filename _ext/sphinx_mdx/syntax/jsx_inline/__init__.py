from .index import jsx_inline_plugin

__all__ = ["jsx_inline_plugin"]
