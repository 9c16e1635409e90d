from .index import Import, esm_plugin, imported_names

__all__ = ["Import", "esm_plugin", "imported_names"]
