from .index import flat_containers_plugin

__all__ = ["flat_containers_plugin"]
