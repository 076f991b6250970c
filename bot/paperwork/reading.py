"""The text an officer's upload carries, for the identity check before it is kept.

A DOCX is read whole: every XML part (body, headers, footers, comments, text boxes, document
properties), not only what Word shows. A PDF: each page's text layer and its properties; a
scan has none, and a file that does not read gives "" (kept as before: nothing to check).
"""
from __future__ import annotations

import html
import io
import logging
import re
import zipfile

log = logging.getLogger(__name__)
MAX_XML_BYTES = 50 * 1024 * 1024      # a DOCX's parts, unpacked (a zip bomb stops here)
_BREAKS = re.compile(r"</w:p>|<w:br\b[^>]*>|<w:tab\b[^>]*>|</w:tc>|</a:p>")
_TAG = re.compile(r"<[^>]+>")


def text_of(data: bytes, fmt: str) -> str:
    """The readable text of a DOCX or PDF upload; "" for anything else or what does not read."""
    try:
        if fmt == "docx":
            return _docx(data)
        if fmt == "pdf":
            return _pdf(data)
    except Exception as exc:  # noqa: BLE001 - a broken file is the officer's to fix, not ours
        log.warning("an uploaded %s could not be read for checking: %s", fmt,
                    type(exc).__name__)
    return ""


def _docx(data: bytes) -> str:
    parts, size = [], 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if not info.filename.endswith((".xml", ".rels")):
                continue
            size += info.file_size
            if size > MAX_XML_BYTES:
                raise ValueError("too large unpacked")
            xml = archive.read(info).decode("utf-8", errors="replace")
            parts.append(html.unescape(_TAG.sub("", _BREAKS.sub("\n", xml))))
    return "\n".join(parts)


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader          # imported on first use, in the worker only
    reader = PdfReader(io.BytesIO(data))
    texts = [str(value) for value in (reader.metadata or {}).values()]
    texts += [page.extract_text() or "" for page in reader.pages]
    return "\n".join(texts)
