from .index import remark_blocks_plugin

__all__ = ["remark_blocks_plugin"]
