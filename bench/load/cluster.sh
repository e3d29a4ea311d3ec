#!/usr/bin/env bash
# Global rate limits on Redis against the same limit local: two nodes started from one template that differ only in
# the limit's scope (cluster.yaml.in), the same nginx upstream, wrk runs interleaved (local, global, order rotated
# each round), in one go, so the ratio is read within one run. Both nodes have the cluster section (Redis at
# 127.0.0.1:6379, a key prefix of their own), so the global node's only difference is where its bucket lives.
#
#   bench/load/cluster.sh                        defaults: about 3 minutes
#   DURATION=5 ROUNDS=1 bench/load/cluster.sh    a quick look
#
# Environment: DURATION [15] seconds per wrk run, ROUNDS [3], CONNECTIONS [32], WARMUP [20] seconds per node,
# BASE_PORT [19080], OUT [mktemp -d], JAR [cli/target/portcullis.jar] (build it first:
# mvn -B -ntp -o -q -pl cli -am package -DskipTests).
# Prints one line per run and the medians; the global node's Redis commands per second come from Redis's own
# INFO commandstats, read before and after its runs.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DURATION=${DURATION:-15}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
WARMUP=${WARMUP:-20}
BASE_PORT=${BASE_PORT:-19080}
OUT=${OUT:-$(mktemp -d)}
JAR=${JAR:-$ROOT/cli/target/portcullis.jar}
UPSTREAM_PORT=$BASE_PORT
PREFIX=bench-$(date +%s)-$$
PIDS=()

log() { printf '%s cluster: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
for tool in wrk nginx java redis-cli ss; do command -v "$tool" >/dev/null || die "$tool is required"; done
[ -f "$JAR" ] || die "$JAR is missing (mvn -B -ntp -o -q -pl cli -am package -DskipTests)"
redis-cli -h 127.0.0.1 ping >/dev/null || die "Redis does not answer on 127.0.0.1:6379"

wait_port() { # port pid what
  for _ in $(seq 1 300); do
    [ -n "$(ss -Hltn "sport = :$1")" ] && return 0
    kill -0 "$2" 2>/dev/null || die "$3 exited; see $OUT"
    sleep 0.2
  done
  die "$3 did not listen on $1"
}

mkdir -p "$OUT/upstream/tmp"
sed -e "s|@DIR@|$OUT/upstream|g" -e "s|@UPSTREAM_PORT@|$UPSTREAM_PORT|g" -e "s|@NOFILE@|4096|g" \
    "$HERE/nginx-upstream.conf.in" > "$OUT/upstream/nginx.conf"
nginx -p "$OUT/upstream" -c "$OUT/upstream/nginx.conf" -e "$OUT/upstream/error.log" -g 'daemon off;' &
PIDS+=($!)
wait_port "$UPSTREAM_PORT" "$!" "nginx upstream"

declare -A PORT
PORT[local]=$((BASE_PORT + 1))
PORT[global]=$((BASE_PORT + 2))
for scope in local global; do
  sed -e "s|@SCOPE@|$scope|g" -e "s|@PORT@|${PORT[$scope]}|g" -e "s|@UPSTREAM_PORT@|$UPSTREAM_PORT|g" \
      -e "s|@PREFIX@|$PREFIX-$scope|g" "$HERE/cluster.yaml.in" > "$OUT/$scope.yaml"
  # shellcheck disable=SC2046
  java $(grep -v '^#' "$ROOT/cli/jvm.options") -jar "$JAR" run --no-watch --config "$OUT/$scope.yaml" \
      > "$OUT/$scope.out" 2> "$OUT/$scope.log" &
  PIDS+=($!)
  wait_port "${PORT[$scope]}" "$!" "Portcullis $scope"
done

evals() { redis-cli -h 127.0.0.1 info commandstats | awk -F'[:=,]' '/^cmdstat_(evalsha|eval|get)/ {n += $3} END {print n + 0}'; }
run() { # scope seconds -> RESULT line
  wrk -t1 -c"$CONNECTIONS" -d"${2}s" --latency -s "$HERE/report.lua" "http://127.0.0.1:${PORT[$1]}/" 2>&1 | grep '^RESULT' || true
}

for scope in local global; do
  log "warm-up $scope ${WARMUP}s"
  run "$scope" "$WARMUP" > /dev/null
done

log "machine: $(nproc) cores, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
: > "$OUT/runs.tsv"
for round in $(seq 1 "$ROUNDS"); do
  order="local global"
  [ $((round % 2)) -eq 0 ] && order="global local"
  for scope in $order; do
    before=$(evals)
    line=$(run "$scope" "$DURATION")
    after=$(evals)
    printf '%s\t%s\t%s\tredis_cmds=%s\n' "$round" "$scope" "$line" "$((after - before))" | tee -a "$OUT/runs.tsv"
  done
done

python3 - "$OUT/runs.tsv" "$DURATION" <<'PY'
import re, statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
def field(s, k):
    m = re.search(k + r"=([0-9.]+)", s)
    return float(m.group(1)) if m else float("nan")
med = {}
for scope in ("local", "global"):
    r = [x for x in rows if x[1] == scope]
    med[scope] = {k: statistics.median(field(x[2] + " " + x[3], k) for x in r)
                  for k in ("rps", "p50_us", "p99_us", "redis_cmds", "status_err")}
print("| node | requests/s | p50 µs | p99 µs | Redis GET+EVALSHA per s | non-2xx |")
print("|---|---|---|---|---|---|")
for s in ("local", "global"):
    m = med[s]
    print(f"| {s} | {m['rps']:.0f} | {m['p50_us']:.0f} | {m['p99_us']:.0f} | {m['redis_cmds'] / float(sys.argv[2]):.0f} | {m['status_err']:.0f} |")
l, g = med["local"], med["global"]
print(f"\nglobal/local: {g['rps'] / l['rps']:.3f}x requests/s; p50 {g['p50_us'] - l['p50_us']:+.0f} µs, "
      f"p99 {g['p99_us'] - l['p99_us']:+.0f} µs; requests per Redis command {g['rps'] * float(sys.argv[2]) / max(1, g['redis_cmds']):.0f}")
PY
log "results in $OUT"
