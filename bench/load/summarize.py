#!/usr/bin/env python3
"""Summarizes a load.sh run directory: medians per target and the Markdown table for docs/benchmarks.md.

    summarize.py OUT_DIR            the whole summary (Markdown) on stdout
    summarize.py OUT_DIR --peak PHASE TARGET   TARGET's median requests/s in PHASE (for a paced phase)
"""
import statistics
import sys
from pathlib import Path

PIPELINE = ["nginx", "pipeline", "pipeline-noaudit"]
SHADOW = ["pipeline-noaudit", "pipeline-shadow"]
TARGETS = {"throughput": ["direct", "nginx", "portcullis"], "rate": ["direct", "nginx", "portcullis"],
           "pipeline": PIPELINE, "pipeline-rate": PIPELINE, "tls": ["nginx-tls", "portcullis-tls"],
           "shadow": SHADOW}


def runs(out):
    rows = []
    path = out / "runs.tsv"
    if not path.exists():
        return rows
    for line in path.read_text().splitlines():
        f = line.split("\t")
        rows.append({"phase": f[0], "target": f[1], "round": int(f[2]), "rps": float(f[3]), "p50": float(f[4]),
                     "p90": float(f[5]), "p99": float(f[6]), "max": float(f[7]), "requests": int(f[8]),
                     "errors": int(f[9]), "proxy_cpu": float(f[10]), "upstream_cpu": float(f[11]),
                     "load1": f[12], "others": float(f[13]) if len(f) > 13 else None,
                     "proxy_user": float(f[14]) if len(f) > 14 else None,
                     "kernel": float(f[15]) if len(f) > 15 else None})
    return rows


def meta(out):
    values = {}
    path = out / "meta.env"
    if path.exists():
        for line in path.read_text().splitlines():
            if "=" in line:
                k, v = line.split("=", 1)
                values[k] = v
    return values


def med(rows, phase, target, key):
    vals = [r[key] for r in rows if r["phase"] == phase and r["target"] == target]
    return statistics.median(vals) if vals else None


def ms(us):
    return "—" if us is None else f"{us / 1000:.2f}"


def num(v):
    return "—" if v is None else f"{v:,.0f}"


def cpu_per_request(rows, phase, target):
    sel = [r for r in rows if r["phase"] == phase and r["target"] == target]
    if not sel or target == "direct":
        return "—"
    per = [r["proxy_cpu"] / r["requests"] * 1e6 for r in sel if r["requests"]]
    cores = [r["proxy_cpu"] / (r["requests"] / r["rps"]) for r in sel if r["rps"]]
    user = [r["proxy_user"] / r["requests"] * 1e6 for r in sel if r["requests"] and r["proxy_user"] is not None]
    split = ""
    if user:
        u = statistics.median(user)
        split = f"; user {u:.1f} + system {statistics.median(per) - u:.1f}"
    return f"{statistics.median(per):.1f} µs ({statistics.median(cores):.2f} cores{split})"


def paired_ratios(rows, phase, target, peer):
    """requests/s of target ÷ peer for each round in which both ran."""
    by_round = {}
    for r in rows:
        if r["phase"] == phase and r["target"] in (target, peer):
            by_round.setdefault(r["round"], {})[r["target"]] = r["rps"]
    return [v[target] / v[peer] for _, v in sorted(by_round.items()) if v.get(target) and v.get(peer)]


def cpu_ratio(rows, phase, target="portcullis", peer="nginx"):
    """Median over rounds of target's CPU per request ÷ peer's."""
    per = {}
    for r in rows:
        if r["phase"] == phase and r["target"] in (target, peer) and r["requests"]:
            per.setdefault(r["round"], {})[r["target"]] = r["proxy_cpu"] / r["requests"]
    ratios = [v[target] / v[peer] for v in per.values() if v.get(target) and v.get(peer)]
    return statistics.median(ratios) if ratios else float("nan")


def threads(out, phase, target, clk_tck):
    """Median µs per request of the JVM's thread kinds over the phase's runs of the target."""
    path = out / "threads.tsv"
    if not path.exists():
        return None
    per = {k: [] for k in ("event loops", "JIT", "GC", "common pool", "other")}
    for line in path.read_text().splitlines():
        f = line.split("\t")
        if f[0] != phase or f[1] != target or int(f[3]) == 0:
            continue
        for k, ticks in zip(per, f[4:9]):
            per[k].append(int(ticks) / clk_tck / int(f[3]) * 1e6)
    if not per["event loops"]:
        return None
    return ", ".join(f"{k} {statistics.median(v):.1f}" for k, v in per.items())


def verdict(ok):
    return "**met**" if ok else "**not met**"


def summary(out):
    rows, m = runs(out), meta(out)
    lines = []
    w = lines.append
    w(f"Command: `{m.get('COMMAND', 'bench/load/load.sh')}` ({m.get('SETTINGS', '')})")
    w("")
    w(f"Machine: `nproc` = {m.get('NPROC')}, `lscpu | grep 'Model name'` = {m.get('CPU')}, {m.get('MEM')}; "
      f"{m.get('JDK')}; {m.get('NGINX')}; {m.get('WRK')}. Date: {m.get('DATE')}. Portcullis built from "
      f"{m.get('REVISION', '?')}.")
    w(f"Portcullis JVM: `{m.get('JVM_FLAGS')}`; transport/TLS: {m.get('GATEWAY_LINE', '?')}. Warm-up before "
      f"measuring: cleartext {m.get('WARMUP_portcullis', '—')}; TLS {m.get('WARMUP_portcullis_tls', '—')}; pipeline with "
      f"audit {m.get('WARMUP_pipeline', '—')}, without {m.get('WARMUP_pipeline_noaudit', '—')}.")
    w(f"Load average (1 min) before each measured run (it counts the harness's own 3-4 busy processes): "
      f"{m.get('LOADS', '?')}; `uptime` at start: {m.get('UPTIME_START')}; at end: {m.get('UPTIME_END')}.")
    others = [r["others"] for r in rows if r["others"] is not None]
    if others:
        w(f"CPU taken by other users of the machine during the measured runs (all CPUs' busy time minus the harness's "
          f"processes, from /proc): median {statistics.median(others):.2f} cores, {min(others):.2f}–{max(others):.2f}, "
          f"of {m.get('NPROC')}.")
    w("")
    guard_targets = guard(rows, m, w, out) if any(r["phase"] == "throughput" for r in rows) else []
    pipeline_targets = pipeline(rows, m, w)
    shadow(rows, m, w)
    clk = int(m.get("CLK_TCK", "100"))
    for phase, target in (("throughput", "portcullis"), ("rate", "portcullis"), ("tls", "portcullis-tls"),
                          ("pipeline", "pipeline"), ("pipeline", "pipeline-noaudit"), ("shadow", "pipeline-noaudit"),
                          ("shadow", "pipeline-shadow")):
        split = threads(out, phase, target, clk)
        if split:
            w("")
            w(f"{target} CPU by thread kind, {phase} phase (µs per request, median): {split}.")
    errors = sum(r["errors"] for r in rows)
    w("")
    w(f"Errors (socket errors + non-2xx) over all measured runs: {errors}.")
    w("")
    w("Per round (requests/s; p99 ms; load average and other users' CPU before/during the run):")
    w("")
    for phase, targets in TARGETS.items():
        for t in targets:
            sel = [r for r in rows if r["phase"] == phase and r["target"] == t]
            if sel:
                w(f"- {phase} {t}: " + ", ".join(f"{r['rps']:,.0f}; {r['p99'] / 1000:.2f} (load {r['load1']}"
                                                 + (f", others {r['others']:.2f} cores" if r["others"] is not None else "")
                                                 + ")" for r in sel))
    if guard_targets:
        w("")
        w("Targets:")
        w("")
    for line in guard_targets + pipeline_targets:
        w(line)
    return "\n".join(lines)


def guard(rows, m, w, out):
    """The guard-only table (direct / nginx / Portcullis with network guard and rate limit, TLS, idle connections);
    returns its target lines."""
    peak = med(rows, "throughput", "portcullis", "rps")
    nginx = med(rows, "throughput", "nginx", "rps")
    ratio = peak / nginx if peak and nginx else None
    w(f"| measurement (median of {m.get('ROUNDS', '?')} interleaved rounds) | direct | nginx proxy | Portcullis | Portcullis vs nginx |")
    w("|---|---|---|---|---|")
    w(f"| requests/s, {m.get('WRK_FLAGS')} | " + " | ".join(num(med(rows, "throughput", t, "rps")) for t in TARGETS["throughput"])
      + (f" | {ratio:.2f}× |" if ratio else " | — |"))
    w("| p50 / p99 at that load (ms) | " + " | ".join(
        f"{ms(med(rows, 'throughput', t, 'p50'))} / {ms(med(rows, 'throughput', t, 'p99'))}" for t in TARGETS["throughput"]) + " | |")
    w("| proxy CPU per request (cores busy; user + system µs) | " + " | ".join(cpu_per_request(rows, "throughput", t) for t in TARGETS["throughput"]) + " | |")
    rate_target = m.get("RATE_TARGET_rate")
    added = None
    if any(r["phase"] == "rate" for r in rows):
        d99, n99, p99 = (med(rows, "rate", t, "p99") for t in TARGETS["rate"])
        added = (p99 - d99) / 1000 if p99 is not None and d99 is not None else None
        added_n = (n99 - d99) / 1000 if n99 is not None and d99 is not None else None
        w(f"| at half of Portcullis's peak (target {num(float(rate_target))} req/s, paced "
          f"by rate.lua): achieved requests/s | " + " | ".join(num(med(rows, "rate", t, "rps")) for t in TARGETS["rate"]) + " | |")
        w("| … p50 / p99 (ms) | " + " | ".join(
            f"{ms(med(rows, 'rate', t, 'p50'))} / {ms(med(rows, 'rate', t, 'p99'))}" for t in TARGETS["rate"]) + " | |")
        w(f"| … added p99 over direct (ms) | — | {added_n:.2f} | {added:.2f} | |")
        w("| … proxy CPU per request (cores busy; user + system µs) | " + " | ".join(cpu_per_request(rows, "rate", t) for t in TARGETS["rate"]) + " | |")
    tls_ratio = None
    if any(r["phase"] == "tls" for r in rows):
        tn, tp = med(rows, "tls", "nginx-tls", "rps"), med(rows, "tls", "portcullis-tls", "rps")
        tls_ratio = tp / tn if tp and tn else None
        w(f"| TLS ({m.get('TLS_INFO', '')}) requests/s | — | {num(tn)} | {num(tp)} | {tls_ratio:.2f}× |")
        w("| TLS p50 / p99 (ms) | — | " + " | ".join(
            f"{ms(med(rows, 'tls', t, 'p50'))} / {ms(med(rows, 'tls', t, 'p99'))}" for t in TARGETS["tls"]) + " | |")
        w("| TLS proxy CPU per request (cores busy; user + system µs) | — | " + " | ".join(cpu_per_request(rows, "tls", t) for t in TARGETS["tls"]) + " | |")
    idle = {}
    path = out / "idle.tsv"
    if path.exists():
        for line in path.read_text().splitlines():
            f = line.split("\t")
            idle[f[0]] = {"held": int(f[1]), "open": int(f[2]), "before": int(f[3]), "rss": int(f[4])}

    def rss(label):
        i = idle.get(label)
        if not i:
            return "—"
        return (f"{i['rss'] / 1024:.0f} MB ({i['held']:,} answered 200, {i['open']:,} still open after the idle hold; "
                f"{i['before'] / 1024:.0f} MB before)")
    if idle:
        w(f"| RSS holding {m.get('IDLE_CONNECTIONS')} idle keep-alive connections | — | {rss('nginx')} | after the load: "
          f"{rss('portcullis')}; fresh node: {rss('portcullis-fresh')} | |")
    paired = paired_ratios(rows, "throughput", "portcullis", "nginx")
    if paired:
        w("")
        w("Portcullis ÷ nginx per round (the two runs of a round are adjacent in time, so the machine's drift "
          f"between rounds cancels): {', '.join(f'{r:.2f}' for r in paired)}; median {statistics.median(paired):.2f}. "
          f"CPU per request, Portcullis ÷ nginx (median per round): {cpu_ratio(rows, 'throughput'):.2f}×.")
    targets = []
    if ratio is not None:
        targets.append(f"- Portcullis ≥ 0.9× nginx requests/s (guard + rate limit on, TLS off): {ratio:.2f}× — "
                       f"{verdict(ratio >= 0.9)}")
    if added is not None:
        targets.append(f"- added p99 ≤ 1 ms at half of Portcullis's peak: {added:.2f} ms — {verdict(added <= 1.0)}")
    if "portcullis" in idle:
        worst = max(idle[k]["rss"] for k in ("portcullis", "portcullis-fresh") if k in idle) / 1024
        want = int(m.get("IDLE_CONNECTIONS", "0"))
        held = all(idle[k]["open"] >= want and idle[k]["held"] >= want for k in ("portcullis", "portcullis-fresh") if k in idle)
        targets.append(f"- {m.get('IDLE_CONNECTIONS')} idle keep-alive connections held with ≤ 512 MB RSS: worst "
                       f"{worst:.0f} MB, {'all held' if held else 'NOT all held'} — {verdict(worst <= 512 and held)}")
    if tls_ratio is not None:
        targets.append(f"- TLS ratio to nginx with TLS (reported): {tls_ratio:.2f}×")
    return targets


def counts(text):
    """'request=5 connection=2 ' -> {'request': 5, 'connection': 2}"""
    return {k: int(v) for k, v in (kv.split("=") for kv in text.split())}


def pipeline(rows, m, w):
    """The full-pipeline table (nginx / audited pipeline / the same node without audit); returns the target lines."""
    if not any(r["phase"] == "pipeline" for r in rows):
        return []
    rps = {t: med(rows, "pipeline", t, "rps") for t in PIPELINE}
    w("")
    w(f"Full pipeline (guard, cached ES256 JWT bound to groups, 10-statement resource policy, workload rate limit; "
      f"audit log with fsync every 10 ms on the audited node), median of {m.get('ROUNDS', '?')} interleaved rounds:")
    w("")
    w("| measurement | nginx proxy | pipeline, audit on | pipeline, audit off |")
    w("|---|---|---|---|")
    w(f"| requests/s, {m.get('WRK_FLAGS')} | " + " | ".join(num(rps[t]) for t in PIPELINE) + " |")
    w("| p50 / p99 at that load (ms) | " + " | ".join(
        f"{ms(med(rows, 'pipeline', t, 'p50'))} / {ms(med(rows, 'pipeline', t, 'p99'))}" for t in PIPELINE) + " |")
    w("| proxy CPU per request (cores busy; user + system µs) | "
      + " | ".join(cpu_per_request(rows, "pipeline", t) for t in PIPELINE) + " |")
    def kernel(t):
        per = [r["kernel"] / r["requests"] * 1e6 for r in rows
               if r["phase"] == "pipeline" and r["target"] == t and r["requests"] and r["kernel"] is not None]
        return f"{statistics.median(per):.1f} µs" if per else "—"
    w("| kernel threads' CPU per request (writeback, journal, block I/O: on no process's account) | "
      + " | ".join(kernel(t) for t in PIPELINE) + " |")
    p99 = {}
    if any(r["phase"] == "pipeline-rate" for r in rows):
        p99 = {t: med(rows, "pipeline-rate", t, "p99") for t in PIPELINE}
        w(f"| at half of the audited pipeline's peak ({num(float(m.get('RATE_TARGET_pipeline_rate', 'nan')))} req/s, "
          "paced by rate.lua): achieved requests/s | "
          + " | ".join(num(med(rows, "pipeline-rate", t, "rps")) for t in PIPELINE) + " |")
        w("| … p50 / p99 (ms) | " + " | ".join(
            f"{ms(med(rows, 'pipeline-rate', t, 'p50'))} / {ms(p99[t])}" for t in PIPELINE) + " |")
        w("| … proxy CPU per request | " + " | ".join(cpu_per_request(rows, "pipeline-rate", t) for t in PIPELINE) + " |")
    vs_nginx = paired_ratios(rows, "pipeline", "pipeline", "nginx")
    vs_off = paired_ratios(rows, "pipeline", "pipeline", "pipeline-noaudit")
    w("")
    w(f"Per round, audit on ÷ nginx: {', '.join(f'{r:.2f}' for r in vs_nginx)}; audit on ÷ audit off: "
      f"{', '.join(f'{r:.2f}' for r in vs_off)}. CPU per request, audit on ÷ nginx "
      f"{cpu_ratio(rows, 'pipeline', 'pipeline', 'nginx'):.2f}×, audit on ÷ audit off "
      f"{cpu_ratio(rows, 'pipeline', 'pipeline', 'pipeline-noaudit'):.2f}× (medians of the per-round ratios).")
    records, node = m.get("AUDIT_RECORDS"), m.get("AUDIT_NODE_COUNTS")
    exact = None
    if records is not None and node is not None:
        rec, cnt = counts(records), counts(node)
        written = rec.get("request", 0) + rec.get("connection", 0)
        answered = cnt.get("requests", 0) + cnt.get("connection", 0)
        exact = written == answered
        w(f"Audit records written (read back with `portcullis audit export` after the node closed the log; "
          f"`audit verify`: {m.get('AUDIT_VERIFY', '?').strip()}): {rec.get('request', 0):,} request + "
          f"{rec.get('connection', 0):,} connection = {written:,}; the node's own counts: {cnt.get('requests', 0):,} "
          f"requests answered + {cnt.get('connection', 0):,} connection decisions = {answered:,} "
          f"({'equal' if exact else 'NOT equal'}); log size {int(m.get('AUDIT_LOG_BYTES', '0')) / 1e9:.2f} GB.")
    out = ["", "Targets of the full pipeline (issue 17):", ""]
    ratio = rps["pipeline"] / rps["nginx"] if rps["pipeline"] and rps["nginx"] else None
    if ratio is not None:
        out.append(f"- pipeline with audit ≥ 1.0× nginx requests/s: {ratio:.2f}× (median of the per-round ratios "
                   f"{statistics.median(vs_nginx):.2f}×) — {verdict(ratio >= 1.0)}")
    if rps["pipeline"] and rps["pipeline-noaudit"]:
        cost = 1 - rps["pipeline"] / rps["pipeline-noaudit"]
        paired_cost = 1 - statistics.median(vs_off)
        out.append(f"- audit costs ≤ 5% of the same node's requests/s: {100 * cost:.1f}% (per-round median "
                   f"{100 * paired_cost:.1f}%) — {verdict(cost <= 0.05)}")
    if p99.get("pipeline") is not None and p99.get("nginx") is not None:
        added = (p99["pipeline"] - p99["nginx"]) / 1000
        out.append(f"- added p99 over nginx at half of the peak ≤ 1 ms: {added:.2f} ms — {verdict(added <= 1.0)}")
    if exact is not None:
        out.append(f"- records written = requests answered + connections, exactly — {verdict(exact)}")
    return out


def shadow(rows, m, w):
    """Shadow mode's cost (issue 16): the pipeline node without audit, alone and with an equal candidate in shadow."""
    if not any(r["phase"] == "shadow" for r in rows):
        return
    w("")
    w(f"Shadow mode: the pipeline node without audit, and the same node with a candidate equal to its plan in shadow "
      f"(`run --shadow`: every request decided twice), median of {m.get('ROUNDS', '?')} interleaved rounds:")
    w("")
    w("| measurement | no shadow | shadow |")
    w("|---|---|---|")
    w(f"| requests/s, {m.get('WRK_FLAGS')} | " + " | ".join(num(med(rows, "shadow", t, "rps")) for t in SHADOW) + " |")
    w("| p50 / p99 at that load (ms) | " + " | ".join(
        f"{ms(med(rows, 'shadow', t, 'p50'))} / {ms(med(rows, 'shadow', t, 'p99'))}" for t in SHADOW) + " |")
    w("| proxy CPU per request (cores busy; user + system µs) | "
      + " | ".join(cpu_per_request(rows, "shadow", t) for t in SHADOW) + " |")
    ratios = paired_ratios(rows, "shadow", "pipeline-shadow", "pipeline-noaudit")
    w("")
    w(f"Per round, shadow ÷ no shadow requests/s: {', '.join(f'{r:.2f}' for r in ratios)}; CPU per request "
      f"{cpu_ratio(rows, 'shadow', 'pipeline-shadow', 'pipeline-noaudit'):.2f}× (median of the per-round ratios). "
      f"The shadow node's /shadow after the phase: {m.get('SHADOW_REPORT', '?')}.")


def main():
    out = Path(sys.argv[1])
    if len(sys.argv) > 4 and sys.argv[2] == "--peak":
        peak = med(runs(out), sys.argv[3], sys.argv[4], "rps")
        if peak is None:
            sys.exit(f"summarize: no {sys.argv[4]} runs in phase {sys.argv[3]}")
        print(f"{peak:.0f}")
        return
    print(summary(out))


if __name__ == "__main__":
    main()
