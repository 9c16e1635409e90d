from .index import REFERENCE, data_references_plugin

__all__ = ["REFERENCE", "data_references_plugin"]
