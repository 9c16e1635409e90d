from .index import remark_tables_plugin

__all__ = ["remark_tables_plugin"]
