"""Save and load trees of numpy arrays (dataclasses and NamedTuples, nested) as ``.npy``
files plus a JSON description, with no pickle anywhere.

The writer walks any dataclass or NamedTuple field by field: an ``np.ndarray`` becomes one
``.npy`` file (``np.save(..., allow_pickle=False)``), a nested dataclass or NamedTuple is
walked in turn, a ``date`` and plain JSON values (numbers, strings, booleans, None, lists of
them) are kept in the description, and a list of flat dataclasses (``TripInfo`` ...) becomes
one JSON records file. Every file written is listed with its sha256, size in bytes, dtype and
shape, so that a reader can check it before use. The reader rebuilds the objects from the
classes' type hints; nothing in a file decides what code runs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import threading
import types
import typing
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["ArrayFileError", "ArrayFiles", "file_sha256", "save_tree", "schema_of"]

CHUNK = 1 << 20


class ArrayFileError(ValueError):
    """A file that is missing, fails its checksum, or does not hold what the manifest says."""


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes (read in 1 MiB chunks)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _fields(cls: type) -> list[str] | None:
    """Field names of a dataclass (those set by ``__init__``) or NamedTuple, else None."""
    if dataclasses.is_dataclass(cls):
        return [f.name for f in dataclasses.fields(cls) if f.init]
    if issubclass(cls, tuple) and hasattr(cls, "_fields"):
        return list(cls._fields)
    return None


def save_tree(root: Path, prefix: str, value: Any, files: dict[str, dict]) -> dict:
    """Write ``value``'s arrays under ``root`` as ``<prefix>.<field>...npy`` and return its
    JSON description; each file written is added to ``files`` (relative path -> sha256,
    bytes, dtype, shape). Raises TypeError for a value it cannot store without pickle."""
    if isinstance(value, np.ndarray):
        if value.dtype.hasobject:
            raise TypeError(f"{prefix}: object arrays cannot be stored")
        rel = f"{prefix}.npy"
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, np.ascontiguousarray(value), allow_pickle=False)
        files[rel] = {"sha256": file_sha256(path), "bytes": path.stat().st_size,
                      "dtype": value.dtype.str, "shape": list(value.shape)}
        return {"npy": rel}
    names = _fields(type(value))
    if names is not None:
        return {"fields": {name: save_tree(root, f"{prefix}.{name}", getattr(value, name), files)
                           for name in names}}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, (list, tuple)) and value and _fields(type(value[0])) is not None:
        rel = f"{prefix}.json"
        records = [[getattr(item, name) for name in _fields(type(item)) or ()] for item in value]
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(records, ensure_ascii=False, separators=(",", ":")))
        files[rel] = {"sha256": file_sha256(path), "bytes": path.stat().st_size,
                      "dtype": "json", "shape": [len(records)]}
        return {"records": rel}
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or isinstance(value, (bool, int, float, str, list, tuple)):
        return {"value": list(value) if isinstance(value, tuple) else value}
    raise TypeError(f"{prefix}: cannot store a {type(value).__name__} without pickle")


def schema_of(cls: type) -> dict:
    """Field names and type hints of ``cls``, nested classes expanded: a reader built from
    other code (renamed or retyped fields) sees a different schema."""
    hints = typing.get_type_hints(cls)
    out: dict[str, Any] = {}
    for name in _fields(cls) or ():
        hint = hints.get(name)
        inner = _class_in(hint)
        out[name] = schema_of(inner) if inner is not None else str(hint)
    return out


def _class_in(hint: Any) -> type | None:
    """The dataclass or NamedTuple named by a type hint (``X``, ``X | None``, ``list[X]``)."""
    if isinstance(hint, type) and _fields(hint) is not None:
        return hint
    for arg in typing.get_args(hint):
        found = _class_in(arg)
        if found is not None:
            return found
    return None


def _from_json(hint: Any, value: Any) -> Any:
    """A JSON value as its type hint wants it: lists become tuples where the hint says
    ``tuple[...]`` (nested too, ``X | None`` looked through)."""
    if not isinstance(value, list):
        return value
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _from_json(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_from_json(args[0], v) for v in value)
        if len(args) == len(value):
            return tuple(_from_json(a, v) for a, v in zip(args, value, strict=True))
        return tuple(value)
    if origin is list and args:
        return [_from_json(args[0], v) for v in value]
    return value


class ArrayFiles:
    """Reads the files one manifest lists under ``root``; each file's sha256, size, dtype and
    shape are checked once per process before its first use (thread-safe, one check per
    file even when asked for concurrently). Arrays are opened with ``mmap_mode="r"``."""

    def __init__(self, root: Path, files: dict[str, dict],
                 order: list[str] | None = None) -> None:
        self.root = root
        self.files = files
        #: the order ``verify_all`` checks files in (what requests need first, first)
        first = [rel for rel in dict.fromkeys(order or ()) if rel in files]
        seen = set(first)
        self.order = first + [rel for rel in files if rel not in seen]
        self._checked: set[str] = set()
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        self._real_root = root.resolve()
        self._paths: dict[str, Path] = {}
        #: records files already rebuilt, by sha256 (a pattern's two directions share theirs)
        self._records: dict[str, list] = {}

    def check_present(self) -> None:
        """Every listed file exists with its listed size (cheap; no hashing)."""
        for rel, entry in self.files.items():
            path = self._path(rel)
            if not path.is_file() or path.stat().st_size != entry["bytes"]:
                raise ArrayFileError(f"{path}: missing or of the wrong size")

    def verify(self, rel: str) -> Path:
        """Check one listed file (once per process; a caller asking while another thread
        checks it waits for that check); returns its path. Raises ArrayFileError."""
        if rel in self._checked:
            return self._path(rel)
        with self._lock:
            lock = self._locks.setdefault(rel, threading.Lock())
        with lock:
            if rel not in self._checked:
                entry = self.files.get(rel)
                path = self._path(rel)
                if entry is None:
                    raise ArrayFileError(f"{path}: not listed in the manifest")
                if not path.is_file() or path.stat().st_size != entry["bytes"]:
                    raise ArrayFileError(f"{path}: missing or of the wrong size")
                if file_sha256(path) != entry["sha256"]:
                    raise ArrayFileError(f"{path}: checksum mismatch")
                self._checked.add(rel)
        return self._path(rel)

    def verify_all(self) -> None:
        """Check every listed file in ``order`` (raises ArrayFileError on the first bad
        one); files already checked are not hashed again."""
        for rel in self.order:
            self.verify(rel)

    def load(self, cls: type, node: dict) -> Any:
        """Rebuild an object of ``cls`` from its description (see :func:`save_tree`)."""
        names = _fields(cls)
        stored = node.get("fields")
        if names is None or not isinstance(stored, dict) or set(stored) != set(names):
            raise ArrayFileError(f"{self.root}: stored fields do not match {cls.__name__}")
        hints = typing.get_type_hints(cls)
        values = {name: self._value(hints.get(name), stored[name]) for name in names}
        if dataclasses.is_dataclass(cls):
            return cls(**values)
        return cls(*(values[name] for name in names))

    def _value(self, hint: Any, node: dict) -> Any:
        if "npy" in node:
            return self._array(node["npy"])
        if "fields" in node:
            inner = _class_in(hint)
            if inner is None:
                raise ArrayFileError(f"{self.root}: no class to rebuild a nested value")
            return self.load(inner, node)
        if "date" in node:
            return date.fromisoformat(node["date"])
        if "records" in node:
            item = _class_in(hint)
            if item is None:
                raise ArrayFileError(f"{self.root}: no class to rebuild records")
            return self._records_of(item, node["records"])
        if "value" in node:
            return _from_json(hint, node["value"])
        raise ArrayFileError(f"{self.root}: unknown entry {sorted(node)!r}")

    def _records_of(self, item: type, rel: str) -> list:
        """A JSON records file as a list of ``item`` (rebuilt once per file content; the
        items are frozen dataclasses, the list is shared, its readers copy before adding)."""
        path = self.verify(rel)
        key = f"{item.__module__}.{item.__qualname__}|{self.files[rel]['sha256']}"
        cached = self._records.get(key)
        if cached is not None:
            return cached
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:   # also UnicodeDecodeError
            raise ArrayFileError(f"{path}: unreadable records ({type(exc).__name__})") from None
        hints = typing.get_type_hints(item)
        names = _fields(item) or []
        if not isinstance(rows, list) or any(
                not isinstance(row, list) or len(row) != len(names) for row in rows):
            raise ArrayFileError(f"{path}: records do not match {item.__name__}")
        convert = [(i, hints.get(name)) for i, name in enumerate(names)
                   if any(isinstance(row[i], list) for row in rows)]
        if convert:   # only the columns holding lists need their type hint's tuples
            for row in rows:
                for i, hint in convert:
                    row[i] = _from_json(hint, row[i])
        try:
            out = [item(*row) for row in rows]
        except (TypeError, ValueError) as exc:
            raise ArrayFileError(f"{path}: records do not match {item.__name__} "
                                 f"({type(exc).__name__})") from None
        with self._lock:
            return self._records.setdefault(key, out)

    def _array(self, rel: str) -> np.ndarray:
        path = self.verify(rel)
        entry = self.files[rel]
        shape = tuple(entry["shape"])
        if int(np.prod(shape)) == 0:   # an empty array cannot be memory-mapped
            array = np.load(path, allow_pickle=False)
        else:
            array = np.load(path, mmap_mode="r", allow_pickle=False)
        if array.dtype.str != entry["dtype"] or array.shape != shape:
            raise ArrayFileError(f"{path}: holds {array.dtype.str}{list(array.shape)}, "
                                 f"the manifest says {entry['dtype']}{list(shape)}")
        return array

    def _path(self, rel: str) -> Path:
        """``rel`` under the root, symlinks resolved once; never a path outside it."""
        path = self._paths.get(rel)
        if path is None:
            path = (self._real_root / rel).resolve()
            if self._real_root not in path.parents:
                raise ArrayFileError(f"{rel}: outside the artefact folder")
            self._paths[rel] = path
        return path
