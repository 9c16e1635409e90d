from .index import jsx_flow_plugin

__all__ = ["jsx_flow_plugin"]
