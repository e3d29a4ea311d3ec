#!/usr/bin/env python3
"""Prints the abuse harness's Markdown table from $OUT/meta.env and $OUT/runs/*/result.env (abuse.sh calls it).

    summarize.py OUT
"""
import pathlib
import sys

# Attacks whose requests must never reach the upstream: the head never completes, or the source is refused.
NEVER_UPSTREAM = {
    "slowloris": "a head that never completed",
    "continuation-flood": "a header block that never completed",
    "connect-flood": "a refused source",
}
# Attacks bounded by the advertised SETTINGS_MAX_CONCURRENT_STREAMS per connection.
STREAM_LIMIT = 128
STREAM_BOUNDED = {"h2-flood-no-ack", "h2-flood"}


def read_env(path):
    values = {}
    for line in path.read_text().splitlines():
        if "=" in line:
            key, value = line.split("=", 1)
            values[key] = value
    return values


def result(line):
    """key=value pairs of a RESULT line."""
    return dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)


def pct(v):
    f = float(v)
    return "100" if f == 100 else f"{f:.1f}"


def ms(us):
    us = int(us)
    if us < 0:
        return "∞"
    return f"{us / 1000:.1f}" if us < 100_000 else f"{us / 1000:.0f}"


# The legitimate client started a request this late (µs) at worst: it was starved itself, read its figures so.
CLIENT_LAG_US = 100_000


def legit_ok(before, during):
    cell = f"{pct(before['ok_pct'])} → {pct(during['ok_pct'])}"
    if during.get("failures", "none") != "none":
        cell += " (" + during["failures"].replace(",", ", ").replace(":", " ") + ")"
    lags = [int(r.get("client_lag_max_us", "0")) for r in (before, during)]
    if max(lags) > CLIENT_LAG_US:
        cell += f" ⚑ client lag {lags[0] // 1000} / {lags[1] // 1000} ms"
    return cell


def upstream(r):
    attack = r["ATTACK"]
    n = int(r.get("UPSTREAM_REQUESTS", "0") or 0)
    in_flight = int(r.get("UPSTREAM_MAX_IN_FLIGHT", "0") or 0)
    parts = [f"{n} reqs"]
    if r.get("UPSTREAM_STATUSES"):
        parts[0] += f" ({r['UPSTREAM_STATUSES']})"
    if in_flight:
        parts.append(f"max {in_flight} slow in flight")
    cell = ", ".join(parts)
    if attack in NEVER_UPSTREAM and n > 0:
        cell += f" ⚠ {NEVER_UPSTREAM[attack]} reached the upstream"
    if attack in STREAM_BOUNDED and r.get("CONNS_EXPECTED"):
        limit = int(r["CONNS_EXPECTED"]) * STREAM_LIMIT
        if in_flight > limit:
            cell += f" ⚠ over the {limit} the advertised limit allows"
    return cell


def after(r):
    cell = r.get("ALIVE", "?")
    if int(r.get("TCP_KERNEL_MAX_KB", "0") or 0) >= int(r.get("TCP_MEM_LOW_KB", "0") or 1 << 62):
        cell += f"; ⚠ kernel TCP memory {int(r['TCP_KERNEL_MAX_KB']) // 1024} MB, past its pressure threshold"
    if r.get("SETTLED") == "no":
        cell += f"; {r['FDS_AFTER']} FDs {r['SETTLE_WAIT_S']} s after (before {r['FDS_BEFORE']})"
    return cell


def main():
    out = pathlib.Path(sys.argv[1])
    meta = read_env(out / "meta.env") if (out / "meta.env").exists() else {}
    rows = []
    for env in sorted((out / "runs").glob("*/result.env")):
        r = read_env(env)
        if "DURING" not in r:
            continue  # an interrupted run
        before, during = result(r["BEFORE"]), result(r["DURING"])
        rows.append("| " + " | ".join([
            r["LABEL"], r["TARGET"],
            legit_ok(before, during),
            f"{ms(before['p99_all_us'])} → {ms(during['p99_all_us'])}",
            f"{int(r['RSS_MAX_KB']) // 1024} ({int(r['RSS_BEFORE_KB']) // 1024})",
            f"{r['FDS_MAX']} / {r.get('FDS_AT_END', '?')} ({r['FDS_BEFORE']})",
            f"{r.get('HELD_MAX', '?')} / {r.get('HELD_AT_END', '?')}",
            r["CPU_CORES"],
            r["LOG_LINES"],
            r.get("SUMMARY", ""),
            upstream(r),
            after(r),
        ]) + " |")
    print(f"Abuse harness, {meta.get('DATE', '?')}: {meta.get('NPROC', '?')} cores ({meta.get('CPU', '?')}), "
          f"{meta.get('MEM', '?')}; {meta.get('JDK', '?')}; {meta.get('NGINX', '?')}; revision "
          f"{meta.get('REVISION', '?')}")
    print(f"Settings: {meta.get('SETTINGS', '?')}")
    print()
    print("| attack | proxy | legit OK % before → during | legit p99 ms before → during | RSS max MB (before) "
          "| FDs max / at end (before) | attacker conns held max / at end | proxy CPU (cores) | log lines "
          "| what the attacker saw "
          "| attacker requests at the upstream | after |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(row)
    print()
    print("p99 counts every failed legitimate request as infinitely slow (∞: more than 1% failed). RSS and FDs: "
          "the proxy's processes (nginx: master and workers added up), sampled every 0.5 s during the attack; "
          "'at end': the last sample of the attack. Attacker conns held: connections from the attacker's address "
          "the proxy's side had established (ss), sampled likewise. "
          "'after': does the proxy still answer once the attack stopped, and did its FDs come back.")


if __name__ == "__main__":
    main()
