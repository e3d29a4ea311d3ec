#!/usr/bin/env bash
# A/B of one pipeline node: two jars (or one jar with two sets of JVM options), alternating, on the configuration,
# keys and upstream a previous bench/load/load.sh run left in its OUT directory. Each turn: a fresh node, 25 s of
# wrk to warm it, then 15 s measured; prints requests/s and the node's CPU per request (user + system, /proc).
#
#   OUT=/tmp/l17-1 A=old.jar B=cli/target/portcullis.jar bench/load/ab-node.sh
#   OUT=/tmp/l17-1 A=cli/target/portcullis.jar B=cli/target/portcullis.jar B_OPTS=-XX:+UseTransparentHugePages bench/load/ab-node.sh
#
# Environment: OUT (required: a load.sh run's directory, with its pipeline phase), A and B (jars; default
# cli/target/portcullis.jar), A_OPTS / B_OPTS (extra JVM options), CFG [pipeline-audit] (pipeline-audit or
# pipeline), ROUNDS [3]. Not the harness: no nginx beside it and no interleaving with other targets, so compare
# A with B only.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
: "${OUT:?a bench/load/load.sh run directory}" "${CFG:=pipeline-audit}" "${ROUNDS:=3}"
: "${A:=$ROOT/cli/target/portcullis.jar}" "${B:=$ROOT/cli/target/portcullis.jar}" "${A_OPTS:=}" "${B_OPTS:=}"
nginx -p "$OUT/upstream" -c "$OUT/upstream/nginx.conf"
trap 'nginx -p "$OUT/upstream" -c "$OUT/upstream/nginx.conf" -s stop' EXIT
TOKEN=$(java -cp "$ROOT/bench/target/benchmarks.jar" io.portcullis.bench.auth.MintToken "$OUT" loadgen sg-bench-clients)
PORT=$(grep -o 'listen: "127.0.0.1:[0-9]*"' "$OUT/$CFG.yaml" | sed -n 2p | grep -o '[0-9]*"$' | tr -d '"')
TCK=$(getconf CLK_TCK)
for round in $(seq 1 "$ROUNDS"); do
  for name in A B; do
    jar=${!name}; opts_var=${name}_OPTS; opts=${!opts_var}
    rm -rf "$OUT/audit-log"
    # shellcheck disable=SC2046,SC2086
    java $(grep -v '^#' "$ROOT/cli/jvm.options") $opts -jar "$jar" run --no-watch --config "$OUT/$CFG.yaml" \
        > "$OUT/ab-node.out" 2>&1 &
    node=$!
    for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done
    wrk -t1 -c64 -d25s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/orders/1" > /dev/null
    c0=$(awk '{print $14+$15}' "/proc/$node/stat")
    rps=$(wrk -t1 -c64 -d15s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/orders/1" | awk '/Requests\/sec/ {print $2}')
    c1=$(awk '{print $14+$15}' "/proc/$node/stat")
    cpu=$(python3 -c "print(round(($c1-$c0)/$TCK/($rps*15)*1e6,1))")
    echo "round $round $name $CFG requests/s $rps cpu/request ${cpu} µs load $(cut -d' ' -f1 /proc/loadavg)"
    kill "$node"; wait "$node" 2>/dev/null || true
  done
done
