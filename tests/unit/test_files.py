"""Bounded reads: only regular files, never more than the bound, never a blocked process."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from clinllm.errors import DocumentTooLarge, IngestError, NotAFile
from clinllm.files import read_bounded


def test_a_regular_file_is_read_whole_within_the_bound(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 1000)
    assert read_bounded(path, max_bytes=1000) == b"x" * 1000


def test_a_fifo_is_refused_at_once_instead_of_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(NotAFile, match="FIFO"):
        read_bounded(fifo, max_bytes=100)
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused_without_reading(device: str) -> None:
    with pytest.raises(NotAFile, match="character device"):
        read_bounded(device, max_bytes=100)


def test_a_symlink_to_a_device_is_judged_by_its_target(tmp_path: Path) -> None:
    link = tmp_path / "note.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(NotAFile):
        read_bounded(link, max_bytes=100)


def test_a_directory_and_a_socket_are_refused(tmp_path: Path) -> None:
    with pytest.raises(NotAFile, match="directory"):
        read_bounded(tmp_path, max_bytes=100)
    path = tmp_path / "s.sock"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    try:
        with pytest.raises(NotAFile, match="socket"):
            read_bounded(path, max_bytes=100)
    finally:
        sock.close()


def test_a_multi_gigabyte_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(4 * 1024**3)  # sparse: no disk used
    started = time.monotonic()
    with pytest.raises(DocumentTooLarge, match="4294967296 bytes"):
        read_bounded(path, max_bytes=20 * 1024**2)
    assert time.monotonic() - started < 0.5


def test_a_file_that_grows_while_read_is_still_refused(tmp_path: Path) -> None:
    # /proc files report size 0 and then yield data: the read itself must stop at the bound
    status = Path("/proc/self/status")
    with pytest.raises(DocumentTooLarge):
        read_bounded(status, max_bytes=10)


def test_missing_loop_and_dangling_paths_are_input_errors_naming_the_file(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop.name)
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "nowhere")
    for path in (tmp_path / "missing.txt", loop, dangling, tmp_path / "missing.txt" / "x"):
        with pytest.raises(IngestError) as caught:
            read_bounded(path, max_bytes=10)
        assert str(caught.value).startswith(path.name)


def test_a_fifo_with_a_writer_is_still_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def writer() -> None:
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            return
        os.close(fd)

    thread = threading.Thread(target=writer)
    thread.start()
    with pytest.raises(NotAFile):
        read_bounded(fifo, max_bytes=10)
    thread.join(timeout=2)
