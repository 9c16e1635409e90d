from .index import esm_plugin, imported_names

__all__ = ["esm_plugin", "imported_names"]
