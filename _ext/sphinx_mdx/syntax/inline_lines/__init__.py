from .index import inline_lines_plugin

__all__ = ["inline_lines_plugin"]
