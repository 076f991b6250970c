"""The file store: bytes kept once by SHA-256, read back checked, never outside its root."""
from __future__ import annotations

import hashlib

import pytest

from storage.files import BlobMissing, FileStore, read_kept


def test_put_and_read_by_content(tmp_path):
    store = FileStore(tmp_path / "files")
    blob = store.put(b"laporan")
    assert blob.sha256 == hashlib.sha256(b"laporan").hexdigest() and blob.size == 7
    assert blob.path == f"{blob.sha256[:2]}/{blob.sha256[2:4]}/{blob.sha256}"
    assert store.read(blob.path, blob.sha256) == b"laporan"
    assert store.put(b"laporan") == blob                          # stored once
    assert not list((tmp_path / "files").rglob(".part-*"))       # no half-written files left
    assert read_kept(str(store.root / blob.path), blob.sha256) == b"laporan"


def test_altered_missing_or_outside_files_are_refused(tmp_path):
    store = FileStore(tmp_path / "files")
    blob = store.put(b"asli")
    (store.root / blob.path).write_bytes(b"palsu")
    with pytest.raises(BlobMissing, match="does not match"):
        store.read(blob.path, blob.sha256)
    with pytest.raises(BlobMissing, match="not found"):
        store.read("00/00/" + "0" * 64)
    (tmp_path / "secret").write_bytes(b"x")
    with pytest.raises(BlobMissing, match="outside"):
        store.read("../secret")
