"""Loading: files under a portfolio root -> documents (plain data + source positions) and diagnostics."""

from __future__ import annotations

from pmcode.load.discover import FileKind, discover
from pmcode.load.documents import Document, load_document
from pmcode.load.sourcemap import SourceMap

__all__ = ["Document", "FileKind", "SourceMap", "discover", "load_document"]
