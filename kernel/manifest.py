"""The declaration manifest: what a full load of the installed plugins taught the kernel, kept between runs.

``Kernel()`` imports every installed plugin (some 200 attrs classes and their parameter files): most
of a command's start-up.  After such a full load the kernel saves here what it learned from the entry
points — each entry point and what it declared (its plugin, the sections it claims, its policies with
the sections each reads and what each depends on) and the outcome the kernel resolved (the active
plugins, who owns each section, the routing index, every load problem) — and the versions of the
distributions it looked up.  ``Kernel(sections=...)`` then imports only the plugins that a case
carrying those sections needs: the claimants of those sections, the plugins of the policies they
reach (and of the policies those depend on), and every plugin claiming one of their names.

Trust, but check.  The manifest lives under the user cache dir (``$ZHENGCE_CACHE``, ``off`` disables
it; else ``$XDG_CACHE_HOME/zhengce`` or ``~/.cache/zhengce``), one file per interpreter and
``sys.path``.  It holds a fingerprint of everything that could change what the plugins declare:
each path entry (its mtime; the distributions installed there, each ``.dist-info`` folder by its
name — which carries the version — and mtime, each ``.egg-info``'s metadata and entry points; every
``.pth`` file) and every file of the kernel and of each plugin package (path, size, mtime).  Any difference, an unreadable or corrupt file, or a plugin that
declares something else once imported, and the kernel loads everything as if there were no manifest
(and saves a new one).  The manifest never changes an answer: it only decides what to import first.

Only the standard library here: this runs before the kernel's heavier imports.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from stat import S_ISDIR
from typing import Any

FORMAT = 1
_EGG_FILES = ("PKG-INFO", "entry_points.txt")

#: Versions looked up (``distribution_version``, the kernel's own) while a full load runs: saved with
#: the manifest, trusted while the installed distributions are unchanged.
SEEN_VERSIONS: dict[str, str | None] = {}


def cache_root() -> Path | None:
    """The user cache dir of zhengce: ``$ZHENGCE_CACHE`` (``off``: none), else ``$XDG_CACHE_HOME/zhengce``
    or ``~/.cache/zhengce``."""
    env = os.environ.get("ZHENGCE_CACHE")
    if env == "off":
        return None
    return Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zhengce"


def _file(group: str) -> Path | None:
    root = cache_root()
    if root is None:
        return None
    import hashlib

    key = repr((FORMAT, sys.executable, sys.version, sys.implementation.cache_tag, group,
                [p or os.getcwd() for p in sys.path]))
    return root / "manifest" / (hashlib.sha256(key.encode()).hexdigest()[:24] + ".pickle")


# --- the fingerprint ---------------------------------------------------------------------------

def _stat(path: str, name: str) -> tuple:
    try:
        st = os.stat(path)
    except OSError:
        return (name,)
    return (name, st.st_mtime_ns, st.st_size)


def path_state() -> tuple:
    """What is installed where Python looks: each ``sys.path`` entry's mtime and, inside it, every
    distribution (its ``.dist-info`` folder, or an ``.egg-info``'s metadata and entry points) and
    ``.pth`` file (name, mtime, size)."""
    out = []
    for entry in sys.path:
        path = entry or os.getcwd()
        try:
            st = os.stat(path)
        except OSError:
            out.append((path,))
            continue
        if not S_ISDIR(st.st_mode):
            out.append((path, st.st_mtime_ns, st.st_size))
            continue
        found = []
        try:
            with os.scandir(path) as entries:
                for e in entries:
                    name = e.name
                    if name.endswith(".dist-info"):  # installed by pip: the name carries the version, the
                        found.append(_stat(e.path, name))  # folder's mtime any file added or removed
                    elif name.endswith(".egg-info"):  # setuptools rewrites these in place
                        if e.is_dir():
                            found += [_stat(os.path.join(e.path, f), f"{name}/{f}") for f in _EGG_FILES]
                        else:
                            found.append(_stat(e.path, name))
                    elif name.endswith((".pth", ".egg-link")) or name.startswith("__editable__"):
                        found.append(_stat(e.path, name))
        except OSError:
            out.append((path, st.st_mtime_ns, None))
            continue
        found.sort()
        out.append((path, st.st_mtime_ns, tuple(found)))
    return tuple(out)


def tree_state(roots: tuple[str, ...], files: tuple[str, ...]) -> tuple:
    """Every file (path, mtime, size) and directory (path, mtime) under ``roots`` (``__pycache__`` and
    dot-folders aside), and each of ``files``."""
    out: list[tuple] = []
    for root in roots:
        _walk(root, out)
    out += [_stat(f, f) for f in files]
    out.sort()
    return tuple(out)


def _walk(folder: str, out: list[tuple]) -> None:
    try:
        out.append((folder, os.stat(folder).st_mtime_ns))
        with os.scandir(folder) as entries:
            for e in entries:
                if e.is_dir(follow_symlinks=False):
                    if e.name != "__pycache__" and not e.name.startswith("."):
                        _walk(e.path, out)
                else:
                    st = e.stat()
                    out.append((e.path, st.st_mtime_ns, st.st_size))
    except OSError:
        out.append((folder,))


def sources(modules: dict[str, Any], roots: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The folders (packages) and lone files whose contents the declarations of a load depend on:
    ``roots`` (the kernel's and each plugin's package folder) and the file of every module in
    ``modules`` (imported while loading) outside them and outside the Python installation."""
    prefixes = tuple(os.path.join(os.path.realpath(p), "") for p in {sys.prefix, sys.base_prefix, sys.exec_prefix})
    folders = tuple(sorted({os.path.realpath(r) for r in roots}))
    inside = tuple(os.path.join(f, "") for f in folders)
    files = set()
    for module in modules.values():
        path = getattr(module, "__file__", None)
        if not path:
            continue
        real = os.path.realpath(path)
        if not real.startswith(inside + prefixes):
            files.add(real)
    return folders, tuple(sorted(files))


# --- reading and writing -------------------------------------------------------------------------

_READ: dict[Path, tuple[tuple[int, int], dict[str, Any]]] = {}


def saved(group: str) -> dict[str, Any] | None:
    """The saved manifest of ``group`` as it is (not checked against the installation), or None."""
    path = _file(group)
    if path is None:
        return None
    try:
        st = path.stat()
        seen = _READ.get(path)
        if seen is not None and seen[0] == (st.st_mtime_ns, st.st_size, st.st_ino):
            return seen[1]
        with path.open("rb") as fh:
            data = pickle.load(fh)  # noqa: S301 - our own cache file
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("views"), dict):
            return None
        _READ[path] = ((st.st_mtime_ns, st.st_size, st.st_ino), data)
        return data
    except Exception:  # noqa: BLE001 - absent, unreadable or corrupt: as if there were none
        return None


def _load(group: str) -> dict[str, Any] | None:
    """The saved manifest of ``group`` whose installation (path state) still holds, or None."""
    data = saved(group)
    try:
        return data if data is not None and data.get("paths") == path_state() else None
    except Exception:  # noqa: BLE001 - corrupt
        return None


def read(group: str) -> dict[str, Any] | None:
    """The saved manifest of ``group`` for this interpreter and path, if its fingerprint still holds
    (None: none, unreadable, corrupt or stale)."""
    data = _load(group)
    try:
        if data is not None and data["tree"] == tree_state(data["roots"], data["files"]):
            return data
    except Exception:  # noqa: BLE001 - corrupt
        pass
    return None


def write(group: str, data: dict[str, Any]) -> None:
    """Save ``data`` (best effort: a cache that cannot be written is no error)."""
    path = _file(group)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps({**data, "format": FORMAT}, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)
        _prune(path.parent)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass


KEEP = 16  # manifests kept (one per interpreter and sys.path): the most recently written


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("*.pickle"), key=lambda f: f.stat().st_mtime_ns, reverse=True)
    for old in files[KEEP:]:
        old.unlink(missing_ok=True)


#: Manifests a kernel has just validated and is loading plugins from (innermost last): while one is
#: here, the versions it recorded answer :func:`known_version`.
TRUSTED: list[dict[str, Any]] = []


def known_version(distribution: str) -> tuple[bool, str | None]:
    """``(True, version)`` when the manifest a kernel is loading from recorded ``distribution``'s
    version (None: not installed); ``(False, None)`` when it cannot say."""
    versions = TRUSTED[-1].get("versions", {}) if TRUSTED else {}
    return (True, versions[distribution]) if distribution in versions else (False, None)


def startup_version(group: str, distribution: str) -> tuple[bool, str | None]:
    """As :func:`known_version`, from the saved manifest of ``group`` when the installed distributions
    are those it saw (the kernel's own version, asked once at import)."""
    data = _load(group)
    versions = data.get("versions", {}) if data else {}
    return (True, versions[distribution]) if distribution in versions else (False, None)


# --- the plan -------------------------------------------------------------------------------------

def plan(view: dict[str, Any], sections: set[str]) -> tuple[list[int], set[str]] | None:
    """The entry points (indexes into ``view["eps"]``) a case carrying ``sections`` needs, and the
    policies it may reach; None when a section is unknown to the view (load everything)."""
    owners, index, depends = view["owners"], view["index"], view["depends"]
    sections = sections - {"case_id"}
    if any(s not in owners for s in sections):
        return None
    needed = {pid for s in sections for pid in index.get(s, ())}
    stack = list(needed)
    while stack:
        for dep in depends.get(stack.pop(), ()):
            if dep in view["policies"] and dep not in needed:
                needed.add(dep)
                stack.append(dep)
    wanted = set(sections) | {s for pid in needed for s in view["reads"][pid]}
    names = {view["policies"][pid] for pid in needed}
    declared = view["declared"]
    chosen = {i for i, d in enumerate(declared) if d is not None and (d[0][0] in names or wanted.intersection(d[1]))}
    names |= {declared[i][0][0] for i in chosen}  # every claimant of a chosen plugin's name
    chosen |= {i for i, d in enumerate(declared) if d is not None and d[0][0] in names}
    return sorted(chosen), needed
