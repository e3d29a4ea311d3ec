#!/usr/bin/env python3
"""The slow half of the abuse harness's upstream: the upstream nginx passes /slow and /upload here.

    slow_upstream.py PORT SLOW_SECONDS

GET /slow answers `slow\\n` after SLOW_SECONDS. POST /upload reads the body (Content-Length, as nginx sends it
after buffering; chunked too) and answers `ok\\n`. Requests are counted per X-Forwarded-For (the proxies set it
to the client's address, the upstream nginx passes it on), and for /slow the requests in flight per source and
their maximum: the measure of how much slow work an attacker got the proxy to start upstream. A /slow request
whose connection closes while it waits (the proxy gave up on it) leaves the in-flight count at once and is
counted as aborted.

    GET /__stats   JSON {source: {requests, slow, in_flight, max_in_flight, aborted, upload_bytes}}
    GET /__reset   zeroes every counter (in-flight requests stay in flight and are counted from zero)

HTTP/1.1 keep-alive; no dependencies beyond the standard library.
"""
import asyncio
import json
import resource
import sys


def new_counters():
    return {"requests": 0, "slow": 0, "in_flight": 0, "max_in_flight": 0, "aborted": 0, "upload_bytes": 0}


STATS = {}
SLOW_SECONDS = 3.0


def counters(source):
    if source not in STATS:
        STATS[source] = new_counters()
    return STATS[source]


def response(status, body, extra=b""):
    reason = {200: b"OK", 400: b"Bad Request", 404: b"Not Found"}.get(status, b"Status")
    return (b"HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n%s\r\n"
            % (status, reason, len(body), extra) + body)


async def read_body(reader, headers):
    """Reads and discards a request body; returns its length."""
    if headers.get("transfer-encoding", "").lower() == "chunked":
        total = 0
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                while (await reader.readuntil(b"\r\n")) != b"\r\n":
                    pass
                return total
            await reader.readexactly(size + 2)
            total += size
    length = int(headers.get("content-length", "0"))
    remaining = length
    while remaining:
        chunk = await reader.read(min(remaining, 1 << 16))
        if not chunk:
            raise asyncio.IncompleteReadError(b"", remaining)
        remaining -= len(chunk)
    return length


async def slow(reader, source):
    """Waits SLOW_SECONDS unless the connection closes first; True when it may answer."""
    c = counters(source)
    c["slow"] += 1
    c["in_flight"] += 1
    c["max_in_flight"] = max(c["max_in_flight"], c["in_flight"])
    closed = asyncio.ensure_future(reader.read(1))
    try:
        done, _ = await asyncio.wait({closed}, timeout=SLOW_SECONDS)
        if done:  # EOF (or a pipelined byte, which nginx never sends while waiting): the proxy gave up
            c["aborted"] += 1
            return False
        return True
    finally:
        closed.cancel()
        # a reset after /__reset must not push the count below zero
        counters(source)["in_flight"] = max(0, counters(source)["in_flight"] - 1)


async def handle(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, target, _ = lines[0].split(" ", 2)
            headers = {}
            for line in lines[1:]:
                if ":" in line:
                    name, value = line.split(":", 1)
                    headers[name.strip().lower()] = value.strip()
            source = headers.get("x-forwarded-for", "-").split(",")[0].strip()
            path = target.split("?", 1)[0]
            if path == "/__stats":
                writer.write(response(200, json.dumps(STATS, sort_keys=True).encode()))
            elif path == "/__reset":
                STATS.clear()
                writer.write(response(200, b"reset\n"))
            else:
                counters(source)["requests"] += 1
                if method == "POST" or "content-length" in headers or "transfer-encoding" in headers:
                    counters(source)["upload_bytes"] += await read_body(reader, headers)
                if path.startswith("/slow"):
                    if not await slow(reader, source):
                        break
                    writer.write(response(200, b"slow\n"))
                else:
                    writer.write(response(200, b"ok\n"))
            await writer.drain()
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError, ValueError):
        pass
    finally:
        writer.close()


async def main():
    global SLOW_SECONDS
    port, SLOW_SECONDS = int(sys.argv[1]), float(sys.argv[2])
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=4096, limit=1 << 16)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
