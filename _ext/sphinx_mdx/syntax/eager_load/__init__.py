from .index import eager_load_plugin

__all__ = ["eager_load_plugin"]
