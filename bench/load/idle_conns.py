#!/usr/bin/env python3
"""Opens COUNT keep-alive connections to HOST:PORT, sends one GET on each and reads its response (at most
MAX_IN_FLIGHT requests outstanding), then holds them all idle for HOLD seconds and reports how many the server
kept open.

Prints `HELD <n> answered=<n> closed=<n> bad=<n>` once every connection got its answer (load.sh samples the
server's memory then), and `STILL_OPEN <n>` at the end.

    idle_conns.py HOST PORT COUNT HOLD_SECONDS
"""
import collections
import resource
import selectors
import socket
import sys
import time


MAX_IN_FLIGHT = 128


def main():
    host, port, count, hold = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if hard != resource.RLIM_INFINITY and hard < count + 64:
        sys.exit(f"idle_conns: open-file limit {hard} is below {count} connections (raise ulimit -Hn)")
    request = b"GET /idle HTTP/1.1\r\nHost: bench\r\nUser-Agent: idle-conns\r\n\r\n"
    selector = selectors.DefaultSelector()
    sockets = []
    answered = closed = bad = 0
    statuses = collections.Counter()
    pending = 0

    def drain(limit, timeout):
        nonlocal answered, closed, bad, pending
        while pending > limit:
            events = selector.select(timeout=timeout)
            if not events:
                return
            for key, _ in events:
                data = key.fileobj.recv(65536)
                if not data:
                    closed += 1
                elif data.startswith(b"HTTP/1.1 200"):
                    answered += 1
                else:
                    bad += 1
                    statuses[data.split(b"\r\n", 1)[0].decode("latin-1")] += 1
                selector.unregister(key.fileobj)
                pending -= 1

    for _ in range(count):
        s = socket.create_connection((host, port), timeout=10)
        s.setblocking(False)
        s.send(request)
        selector.register(s, selectors.EVENT_READ)
        sockets.append(s)
        pending += 1
        drain(MAX_IN_FLIGHT, 10)  # open connections steadily, as clients arriving, not as one burst
    deadline = time.monotonic() + 60
    while pending and time.monotonic() < deadline:
        drain(0, 1)
    if statuses:
        print("BAD " + "; ".join(f"{k} x{v}" for k, v in statuses.most_common()), file=sys.stderr, flush=True)
    print(f"HELD {answered} answered={answered} closed={closed} bad={bad} unanswered={pending}", flush=True)
    time.sleep(hold)
    # A connection the server closed (or wrote to) while idle is readable now.
    readable = selectors.DefaultSelector()
    for s in sockets:
        readable.register(s, selectors.EVENT_READ)
    gone = len(readable.select(timeout=0))
    print(f"STILL_OPEN {count - gone}", flush=True)
    for s in sockets:
        s.close()


if __name__ == "__main__":
    main()
