"""An OpenAI-compatible chat completions server on loopback that fails on purpose.

Tests drive the real ``openai`` SDK (and the gateway around it) over real HTTP against it, so
retries, deadlines, breakers and error translation are exercised as in production, not against
mocks of the SDK. Each request takes the next :class:`Fault` from the script (or the default
when the script is empty); every request is recorded with its arrival time.

Run standalone for benchmarks or manual checks::

    python -m clinllm.testing.fault_server --port 8099
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Fault", "FaultServer", "RecordedRequest"]

FaultKind = Literal["ok", "status", "hang", "reset", "malformed", "content"]


@dataclass(frozen=True, slots=True)
class Fault:
    """What the server does with one request.

    Attributes:
        kind: ``ok`` (valid completion with ``content``), ``status`` (an error status),
            ``hang`` (say nothing for ``delay_s``), ``reset`` (drop the connection with RST),
            ``malformed`` (200 with a body that is not JSON), ``content`` (a valid envelope
            whose message content is ``content``, e.g. JSON violating the schema).
        status: HTTP status for ``status``.
        headers: Extra response headers (e.g. ``{"retry-after": "1"}``).
        content: Message content for ``ok`` and ``content``.
        delay_s: Wait before answering (``hang`` waits this long, then closes).
        prompt_tokens: Usage to report.
        completion_tokens: Usage to report.
        finish_reason: ``stop`` or ``length``.
    """

    kind: FaultKind = "ok"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content: str = "{}"
    delay_s: float = 0.0
    prompt_tokens: int = 12
    completion_tokens: int = 7
    finish_reason: str = "stop"

    @classmethod
    def ok(cls, content: str, **kwargs: object) -> Fault:
        """A valid completion whose message content is ``content``."""
        return cls(kind="ok", content=content, **kwargs)  # type: ignore[arg-type]

    @classmethod
    def rate_limited(cls, retry_after: str | None = "1") -> Fault:
        """429, with ``Retry-After`` when given."""
        headers = {"retry-after": retry_after} if retry_after is not None else {}
        return cls(kind="status", status=429, headers=headers)

    @classmethod
    def error(cls, status: int = 500) -> Fault:
        """An error status with a JSON error body."""
        return cls(kind="status", status=status)

    @classmethod
    def hang(cls, seconds: float = 30.0) -> Fault:
        """Accept the request and say nothing for ``seconds``."""
        return cls(kind="hang", delay_s=seconds)

    @classmethod
    def reset(cls) -> Fault:
        """Drop the connection with a TCP reset."""
        return cls(kind="reset")

    @classmethod
    def malformed(cls) -> Fault:
        """200 with a body that is not JSON."""
        return cls(kind="malformed")


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """A request the server received (the body is kept for assertions in tests)."""

    at: float
    path: str
    body: bytes
    fault: FaultKind


_REASONS = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    408: "Request Timeout",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class FaultServer:
    """Serve scripted faults on ``127.0.0.1`` in a background thread.

    Args:
        script: Faults for the first requests, in order.
        default: The fault once the script is used up (a valid ``{}`` completion by default).
        model: Model name to report.

    Use as a context manager; ``base_url`` is ready for ``openai.AsyncOpenAI(base_url=...)``.
    """

    def __init__(
        self,
        script: Iterable[Fault] = (),
        *,
        default: Fault | None = None,
        model: str = "fault-model",
    ) -> None:
        self._script: deque[Fault] = deque(script)
        self.default = default or Fault.ok("{}")
        self.model = model
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._counter = 0
        self.port = 0

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>/v1``."""
        return f"http://127.0.0.1:{self.port}/v1"

    def push(self, *faults: Fault) -> None:
        """Append faults to the script."""
        with self._lock:
            self._script.extend(faults)

    def _next_fault(self) -> Fault:
        with self._lock:
            return self._script.popleft() if self._script else self.default

    def start(self, port: int = 0) -> FaultServer:
        """Start serving; returns self once the port is bound."""
        self._thread = threading.Thread(target=self._run, args=(port,), daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("fault server did not start")
        return self

    def stop(self) -> None:
        """Stop serving and join the thread."""
        if self._loop is not None and self._server is not None:
            self._loop.call_soon_threadsafe(self._server.close)
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self, port: int) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        self._server = loop.run_until_complete(
            asyncio.start_server(self._handle, "127.0.0.1", port, backlog=512)
        )
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            self._server.close()
            loop.run_until_complete(self._server.wait_closed())
            pending = asyncio.all_tasks(loop)
            for task in pending:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                path = lines[0].split(" ")[1] if len(lines[0].split(" ")) > 1 else "/"
                length = 0
                for line in lines[1:]:
                    name, _, value = line.partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value.strip())
                body = await reader.readexactly(length) if length else b""
                fault = self._next_fault()
                self.requests.append(RecordedRequest(time.monotonic(), path, body, fault.kind))
                if not await self._respond(fault, body, writer):
                    return
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            if not writer.is_closing():
                writer.close()

    async def _respond(self, fault: Fault, body: bytes, writer: asyncio.StreamWriter) -> bool:
        """Answer one request; return False when the connection must end."""
        if fault.kind == "hang":
            await asyncio.sleep(fault.delay_s)
            return False
        if fault.delay_s:
            await asyncio.sleep(fault.delay_s)
        if fault.kind == "reset":
            sock = writer.get_extra_info("socket")
            if sock is not None:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
            return False
        with self._lock:
            self._counter += 1
            request_id = f"req_{self._counter:06d}"
        headers = {"content-type": "application/json", "x-request-id": request_id}
        headers.update(fault.headers)
        status = fault.status if fault.kind == "status" else 200
        if fault.kind == "status":
            payload = json.dumps(
                {"error": {"message": "injected failure", "type": "server_error", "code": status}}
            ).encode()
        elif fault.kind == "malformed":
            payload = b'{"id": "chatcmpl-broken", "choices": [ {"mess'
        else:
            model = self.model
            with contextlib.suppress(json.JSONDecodeError, AttributeError):
                model = json.loads(body or b"{}").get("model", model)
            payload = json.dumps(
                {
                    "id": f"chatcmpl-{request_id}",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": model,
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": fault.content},
                            "finish_reason": fault.finish_reason,
                        }
                    ],
                    "usage": {
                        "prompt_tokens": fault.prompt_tokens,
                        "completion_tokens": fault.completion_tokens,
                        "total_tokens": fault.prompt_tokens + fault.completion_tokens,
                    },
                }
            ).encode()
        head = f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        head += f"content-length: {len(payload)}\r\n\r\n"
        writer.write(head.encode("latin-1") + payload)
        await writer.drain()
        return True


def main() -> None:
    """Serve valid ``{}`` completions (or ``--content``) until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--content", default="{}")
    args = parser.parse_args()
    server = FaultServer(default=Fault.ok(args.content)).start(args.port)
    print(server.base_url, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
