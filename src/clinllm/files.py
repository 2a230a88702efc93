"""Reading a file a caller names: only regular files, and never more than a byte bound.

Every entry point that reads a path it was given (documents to ingest, message files, review
corrections, eval datasets, code tables, policy files) reads it here, because the obvious
``path.read_bytes()`` fails badly on hostile input:

- a FIFO blocks the process on ``open`` until a writer appears (the tool hangs for ever);
- ``/dev/zero`` or ``/dev/urandom`` never end, so a whole-file read exhausts memory;
- a multi-GB file is read whole before any size check that looks at the data;
- ``stat`` then ``read`` races with a file that grows in between.

So the file is opened non-blocking (a FIFO open returns at once), ``fstat`` on the open
descriptor decides (the object actually opened, not whatever the name points at a moment
later), anything but a regular file is refused, the size is checked before reading, and the read
itself stops at ``max_bytes + 1`` so a file that grew after ``fstat`` is still refused.

Writing a result file goes through :func:`write_atomic`: a reader (or a crash) never sees half
a JSON file.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from clinllm.errors import DocumentTooLarge, IngestError, NotAFile

__all__ = ["kind_of", "read_bounded", "write_atomic"]

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str | None:
    """What a non-regular file is (``a directory``, ``a FIFO`` ...); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, label in _KINDS:
        if test(mode):
            return label
    return "not a regular file"


def read_bounded(path: str | Path, *, max_bytes: int, name: str | None = None) -> bytes:
    """The bytes of the regular file ``path``, refused when larger than ``max_bytes``.

    Args:
        path: The file.
        max_bytes: Largest size accepted.
        name: How errors name the file; its base name by default (never its content).

    Raises:
        NotAFile: A directory, FIFO, device or socket.
        DocumentTooLarge: More than ``max_bytes`` (checked before reading, and while reading).
        IngestError: Missing, not permitted, or another operating-system error (by its name).
    """
    path = Path(path)
    label = name if name is not None else (path.name or str(path))
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise IngestError(label, "no such file") from None
    except PermissionError:
        raise IngestError(label, "permission denied") from None
    except IsADirectoryError:
        raise NotAFile(label, "is a directory, not a regular file") from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO opened for writing only
            raise NotAFile(label, "is a socket, not a regular file") from None
        code = errno.errorcode.get(exc.errno or 0, "OSError")
        raise IngestError(label, f"cannot be opened ({code})") from None
    try:
        info = os.fstat(fd)
        kind = kind_of(info.st_mode)
        if kind is not None:
            raise NotAFile(label, f"is {kind}, not a regular file")
        if info.st_size > max_bytes:
            raise DocumentTooLarge(
                label, f"{info.st_size} bytes, more than the limit of {max_bytes}"
            )
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        code = errno.errorcode.get(exc.errno or 0, "OSError")
        raise IngestError(label, f"cannot be read ({code})") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:  # the file grew between fstat and read
        raise DocumentTooLarge(label, f"more than the limit of {max_bytes} bytes")
    return data


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` so that it is either the old file or the whole new one.

    The text goes to a temporary file in the same directory, is flushed to disk, then renamed
    over ``path`` (``os.replace`` is atomic on POSIX). A failure leaves no temporary file behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
