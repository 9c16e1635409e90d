from .index import heading_ids_plugin

__all__ = ["heading_ids_plugin"]
