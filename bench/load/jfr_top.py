#!/usr/bin/env python3
"""Summarizes a JFR recording made by load.sh PROFILE=1: where the CPU samples and sampled allocations are.

    jfr_top.py RECORDING.jfr [N]

Prints the top N (default 25) methods by self samples, by inclusive samples, the first io.portcullis frame of
each sample (which of the gateway's own steps lead to the time spent), and allocation weight by class and by
first io.portcullis frame. Uses the JDK's `jfr print`.
"""
import collections
import re
import subprocess
import sys

FRAME = re.compile(r"^\s*(\S.*?)\s+line:")


def events(recording, name):
    text = subprocess.run(["jfr", "print", "--stack-depth", "64", "--events", name, recording], check=True, capture_output=True,
                          text=True).stdout
    for chunk in text.split(name + " {")[1:]:
        frames = []
        m = re.search(r"stackTrace = \[\n(.*?)\n\s*\]", chunk, re.S)
        if m:
            for line in m.group(1).splitlines():
                f = FRAME.match(line)
                if f:
                    frames.append(f.group(1))
        yield chunk, frames


def first_own(frames):
    return next((f for f in frames if f.startswith("io.portcullis.")), "(no io.portcullis frame)")


def table(title, counter, total, n):
    print(f"\n{title}")
    for key, count in counter.most_common(n):
        print(f"  {100.0 * count / total:5.1f}%  {key}")


def main():
    recording = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    self_, incl, own, total = collections.Counter(), collections.Counter(), collections.Counter(), 0
    for _, frames in events(recording, "jdk.ExecutionSample"):
        if not frames:
            continue
        total += 1
        self_[frames[0]] += 1
        own[first_own(frames)] += 1
        for f in set(frames):
            incl[f] += 1
    print(f"{total} execution samples")
    if total:
        table("self (top frame)", self_, total, n)
        table("inclusive (anywhere on the stack)", incl, total, n)
        table("first io.portcullis frame", own, total, n)
    by_class, by_own, weight, seen = collections.Counter(), collections.Counter(), 0, set()
    for chunk, frames in events(recording, "jdk.ObjectAllocationSample"):
        # A thread's first sample weighs everything it allocated before the recording started: skip it.
        thread = re.search(r"eventThread = (.*)", chunk)
        if thread and thread.group(1) not in seen:
            seen.add(thread.group(1))
            continue
        w = re.search(r"weight = ([\d.]+) (\w+)", chunk)
        c = re.search(r"objectClass = (\S+)", chunk)
        if not w or not c:
            continue
        scale = {"bytes": 1, "byte": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}.get(w.group(2), 1)
        bytes_ = float(w.group(1)) * scale
        weight += bytes_
        by_class[c.group(1)] += bytes_
        by_own[first_own(frames)] += bytes_
    if weight:
        print(f"\n{weight / 1e6:.0f} MB of sampled allocation weight (each thread's first sample left out)")
        table("allocation by class", by_class, weight, n)
        table("allocation by first io.portcullis frame", by_own, weight, n)


if __name__ == "__main__":
    main()
