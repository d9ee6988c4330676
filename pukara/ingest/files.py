"""Which files a batch reads, and reading one without following it anywhere it should not go.

``iter_files(paths)`` walks the folders given and yields the paths to read, in sorted order.
The rule for links: a symbolic link whose target lies inside one of the folders given is
followed (its target is yielded under the folder's name, once, however many links lead to
it); a link leading outside, a broken link and a link loop are yielded as they are, and
``read_file_bytes`` (called by ``read_path``) refuses them with the reason. FIFOs, devices
and sockets are yielded too and refused the same way; folders that cannot be listed are
yielded and refused. Only hidden entries (``.git``, ``.DS_Store``) and corpus sidecars
(``sources.yaml``, ``README.md``, ``ORIGIN.md``) are skipped, on purpose.

``read_file_bytes`` never follows a symbolic link itself (``O_NOFOLLOW``), never opens a
non-regular file (checked before and, against a swap, after opening), and never reads past
the size limit.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from pukara.errors import InputError

__all__ = ["iter_files", "read_file_bytes"]

# Files in a corpus folder that describe the corpus rather than being reports.
_SIDECARS = {"sources.yaml", "readme.md", "origin.md"}
_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Paths to read under the given files and folders (see the module docstring)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():  # a folder named by the user is walked even if it is a link
            yield from _Walk(path).files()
        elif path.is_symlink() and path.exists():
            yield path.resolve()  # a link named on its own is the user's choice
        else:
            yield path


class _Walk:
    """One folder tree: every real folder listed once, every real file yielded once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.real_root = root.resolve()
        self.seen_dirs: set[Path] = set()
        self.seen_files: set[Path] = set()

    def files(self) -> Iterator[Path]:
        # an explicit stack of iterators, not recursion: a tree may be thousands deep
        self.seen_dirs.add(self.real_root)
        stack = [self._entries(self.root)]
        while stack:
            entry = next(stack[-1], None)
            if entry is None:
                stack.pop()
                continue
            path, is_dir = entry
            if is_dir:
                stack.append(self._entries(path))
            else:
                yield path

    def _entries(self, folder: Path) -> Iterator[tuple[Path, bool]]:
        try:
            names = sorted(child.name for child in folder.iterdir())
        except OSError:
            yield folder, False  # read_path names why it cannot be listed
            return
        for name in names:
            if name.startswith("."):
                continue
            found = self._classify(folder / name)
            if found is not None:
                yield found

    def _classify(self, path: Path) -> tuple[Path, bool] | None:
        """(path to read or walk, is a folder), or None when already covered."""
        if path.is_symlink():
            return self._link(path)
        if path.is_dir():
            real = path.resolve()
            if real in self.seen_dirs:
                return None
            self.seen_dirs.add(real)
            return path, True
        if path.name.lower() in _SIDECARS and path.is_file():
            return None
        real = path.resolve()
        if real in self.seen_files:
            return None
        self.seen_files.add(real)
        return path, False  # regular or not: read_file_bytes refuses what is not a file

    def _link(self, path: Path) -> tuple[Path, bool] | None:
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # broken, or a loop (RuntimeError before 3.13)
            return path, False
        if not target.is_relative_to(self.real_root):
            return path, False  # outside: refused by read_file_bytes
        if target.is_dir() and path.parent.resolve().is_relative_to(target):
            return path, False  # leads back to a folder it is in: a loop
        inside = self.root / target.relative_to(self.real_root)
        if any(part.startswith(".") for part in target.relative_to(self.real_root).parts):
            return None  # leads to a hidden entry, which is skipped anyway
        return self._classify(inside)


def read_file_bytes(path: Path, max_bytes: int) -> bytes:
    """A regular file's bytes, or InputError saying why it is not read."""
    name = str(path)
    try:
        info = path.lstat()
    except FileNotFoundError:
        raise InputError(name, "file", "no such file") from None
    except OSError as exc:
        raise InputError(name, "file", f"cannot stat: {exc.strerror or exc}") from exc
    _check_kind(path, info.st_mode)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # swapped for a link since lstat
            raise InputError(name, "file", _link_reason(path)) from exc
        raise InputError(name, "file", f"cannot read: {exc.strerror or exc}") from exc
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        _check_kind(path, info.st_mode)
        _check_size(name, info.st_size, max_bytes)
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(name, "file", f"cannot read: {exc.strerror or exc}") from exc
    _check_size(name, len(data), max_bytes)  # it may have grown since fstat
    return data


def _check_kind(path: Path, mode: int) -> None:
    name = str(path)
    if stat.S_ISREG(mode):
        return
    if stat.S_ISLNK(mode):
        raise InputError(name, "file", _link_reason(path))
    if stat.S_ISDIR(mode):
        try:
            next(path.iterdir(), None)
        except OSError as exc:
            raise InputError(name, "file", f"cannot list folder: {exc.strerror}") from exc
        raise InputError(name, "file", "a folder, not a file; give it as a folder to walk it")
    kind = _KINDS.get(stat.S_IFMT(mode), "a special file")
    raise InputError(name, "file", f"{kind}, not a regular file; not read")


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size == 0:
        raise InputError(name, "file", "empty file")
    if size > max_bytes:
        raise InputError(
            name,
            "file",
            f"{size / 2**20:.1f} MB is over the {max_bytes / 2**20:.0f} MB limit; "
            "split it or raise PUKARA_MAX_FILE_MB",
        )


def _link_reason(path: Path) -> str:
    """Why a symbolic link is not read: a loop, broken, or leading where it may not."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        return "symbolic link loop; not followed"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop; not followed"
        return f"broken symbolic link to {path.readlink()}; not followed"
    if target.is_dir() and path.parent.resolve().is_relative_to(target):
        return f"symbolic link loop: leads back to {target}; not followed"
    return (
        f"symbolic link to {target}, outside the folders given; not followed "
        "(links are followed only inside the folders given)"
    )
