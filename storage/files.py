"""Files kept on disk by content: documents, signed reports and evidence, named by SHA-256.

A blob is written once under `root/ab/cd/<sha256>` (write to a temporary name, fsync, rename),
so the same bytes are stored once, a half-written file is never seen, and a read can check that
the bytes are still the ones recorded. The database rows (documents, attachments) hold the hash,
size and type; this module holds the bytes.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


class BlobMissing(Exception):
    """A recorded file is not on disk, or its bytes no longer match their SHA-256."""


@dataclass(frozen=True)
class Blob:
    """Bytes as stored: their SHA-256 (hex), size and path relative to the store's root."""

    sha256: str
    size: int
    path: str


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class FileStore:
    """A directory of content-addressed files (var/files by default, `files.directory`)."""

    def __init__(self, root: Path | str):
        self.root = Path(root)

    def put(self, data: bytes) -> Blob:
        """Store `data` (once per content); returns its hash, size and relative path."""
        digest = sha256_hex(data)
        relative = f"{digest[:2]}/{digest[2:4]}/{digest}"
        target = self.root / relative
        if not (target.is_file() and target.stat().st_size == len(data)):
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        return Blob(digest, len(data), relative)

    def read(self, path: str, sha256: str | None = None) -> bytes:
        """The stored bytes; BlobMissing when absent or (with `sha256`) altered."""
        target = (self.root / path).resolve()
        if self.root.resolve() not in target.parents:
            raise BlobMissing(f"{path}: outside the file store")
        try:
            data = target.read_bytes()
        except FileNotFoundError as exc:
            raise BlobMissing(f"{path}: not found") from exc
        if sha256 is not None and sha256_hex(data) != sha256:
            raise BlobMissing(f"{path}: content does not match its SHA-256")
        return data


    def discard(self, path: str) -> bool:
        """Delete a stored file (retention, erasure); False when it was not there."""
        target = (self.root / path).resolve()
        if self.root.resolve() not in target.parents:
            return False
        try:
            target.unlink()
            return True
        except FileNotFoundError:
            return False


def read_kept(path: str, sha256: str) -> bytes:
    """A kept file by its absolute path, checked against its SHA-256 (for senders)."""
    target = Path(path)
    return FileStore(target.parent).read(target.name, sha256)
