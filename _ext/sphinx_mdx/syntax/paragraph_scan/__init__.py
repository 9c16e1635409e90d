from .index import paragraph_scan_plugin

__all__ = ["paragraph_scan_plugin"]
