from .index import admonitions_plugin

__all__ = ["admonitions_plugin"]
