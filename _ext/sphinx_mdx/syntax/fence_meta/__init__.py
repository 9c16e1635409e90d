from .index import fence_meta_plugin

__all__ = ["fence_meta_plugin"]
