from .index import remark_lists_plugin

__all__ = ["remark_lists_plugin"]
