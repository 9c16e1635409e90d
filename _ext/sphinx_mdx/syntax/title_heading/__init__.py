from .index import title_heading_plugin

__all__ = ["title_heading_plugin"]
