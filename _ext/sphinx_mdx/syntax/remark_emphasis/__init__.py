from .index import remark_emphasis_plugin

__all__ = ["remark_emphasis_plugin"]
