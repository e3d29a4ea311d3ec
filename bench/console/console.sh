#!/usr/bin/env bash
# The node's throughput with the web console open and streaming, against the same configuration without a console
# (issue 21). Two nodes run the same plan (one API admitting wrk from 127.0.0.1, the audit log on, as the console
# needs it): `plain` has no console section; `console` has one (TLS with client certificates) and, while it is
# measured, an SSE client (curl) streams /api/stream from it (the traffic figures every second and one event per
# audited decision: the console's whole live load). Rounds are interleaved (plain, console, plain, ...; the order
# flips each round), only one node under load at a time; wrk -t1 -c64. Debian's wrk, nginx (the upstream), curl,
# openssl; nothing downloaded.
#
#   bench/console/console.sh            defaults: 5 rounds of 15 s per node after 20 s of warm-up each
#   ROUNDS=3 DURATION=10 bench/console/console.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
: "${ROUNDS:=5}" "${DURATION:=15}" "${WARMUP:=20}" "${CONNECTIONS:=64}" "${BASE_PORT:=19180}"
OUT=${OUT:-$(mktemp -d /tmp/portcullis-console-bench.XXXXXX)}
JAR="$ROOT/cli/target/portcullis.jar"
[ -f "$JAR" ] || { echo "build the CLI first: mvn -B -ntp -o -q -pl cli -am package -DskipTests" >&2; exit 2; }
UPSTREAM=$BASE_PORT; PLAIN=$((BASE_PORT + 1)); WITH=$((BASE_PORT + 2)); CONSOLE=$((BASE_PORT + 3))
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

mkdir -p "$OUT/up/tmp" "$OUT/pki"
sed -e "s|@DIR@|$OUT/up|g" -e "s|@UPSTREAM_PORT@|$UPSTREAM|g" -e "s|@NOFILE@|4096|g" \
  "$ROOT/bench/load/nginx-upstream.conf.in" > "$OUT/up/nginx.conf"
nginx -c "$OUT/up/nginx.conf" -g 'daemon off;' & PIDS+=($!)

cd "$OUT/pki"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=bench-ca 2>/dev/null
for who in server client; do
  san=$([ $who = server ] && echo "IP:127.0.0.1" || echo "URI:spiffe://bench/console")
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout $who.key -out $who.csr -subj /CN=$who 2>/dev/null
  openssl x509 -req -in $who.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -out $who.pem \
    -extfile <(echo "subjectAltName=$san") 2>/dev/null
  openssl pkcs8 -topk8 -nocrypt -in $who.key -out $who.p8
done
cd - >/dev/null

config() { # $1 name, $2 port
  mkdir -p "$OUT/$1"
  java -jar "$JAR" audit keygen --out="$OUT/$1/audit" >/dev/null
  sed -e "s|@PORTCULLIS_PORT@|$2|g" -e "s|@PORTCULLIS_TLS_PORT@|$(($2 + 100))|g" -e "s|@UPSTREAM_PORT@|$UPSTREAM|g" \
      -e "s|@CERT@|$OUT/pki/server.pem|g" -e "s|@KEY@|$OUT/pki/server.p8|g" "$ROOT/bench/load/portcullis.yaml.in" \
      > "$OUT/$1/node.yaml"
  printf 'audit: {dir: %s, signingKey: %s, checkpointInterval: 1s}\n' "$OUT/$1/log" "$OUT/$1/audit.key" >> "$OUT/$1/node.yaml"
}
config plain $PLAIN
config console $WITH
cat >> "$OUT/console/node.yaml" <<YAML
console:
  listen: "127.0.0.1:$CONSOLE"
  tls: {cert: $OUT/pki/server.pem, key: $OUT/pki/server.p8, clientCa: $OUT/pki/ca.pem}
  auth:
    certificates: {operators: ["spiffe://bench/console"]}
YAML
for n in plain console; do
  java -jar "$JAR" run --config "$OUT/$n/node.yaml" --no-watch > "$OUT/$n/node.log" 2>&1 & PIDS+=($!)
done
for port in $PLAIN $WITH $CONSOLE; do
  for _ in $(seq 120); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.5; done
done

stream() { # an open console: the SSE stream, counted in events
  curl -sN --cacert "$OUT/pki/ca.pem" --cert "$OUT/pki/client.pem" --key "$OUT/pki/client.key" \
    "https://127.0.0.1:$CONSOLE/api/stream" > "$OUT/stream.$1.txt" &
  STREAM=$!
}
measure() { # $1 node, $2 port, $3 seconds -> requests/s
  if [ "$1" = console ]; then stream "$4"; sleep 1; fi
  rps=$(wrk -t1 -c"$CONNECTIONS" -d"${3}s" "http://127.0.0.1:$2/orders/1" | awk '/Requests\/sec/ {print $2}')
  if [ "$1" = console ]; then kill "$STREAM"; wait "$STREAM" 2>/dev/null || true
    echo "console round $4: $(grep -c '^event: decision' "$OUT/stream.$4.txt") decision events, $(grep -c '^event: traffic' "$OUT/stream.$4.txt") traffic events" >&2
  fi
  echo "$rps"
}
echo "warm-up ($WARMUP s each)" >&2
measure plain $PLAIN "$WARMUP" w >/dev/null
measure console $WITH "$WARMUP" w >/dev/null
{
  echo "DATE=$(date -u +%FT%TZ) COMMIT=$(git -C "$ROOT" rev-parse --short HEAD) CPU=$(lscpu | sed -n 's/^Model name: *//p' | head -1) CORES=$(nproc)"
  echo "LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/summary.txt"
for r in $(seq "$ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then order="plain console"; else order="console plain"; fi
  for n in $order; do
    port=$([ $n = plain ] && echo $PLAIN || echo $WITH)
    v=$(measure $n $port "$DURATION" "$r")
    echo "round $r $n $v" | tee -a "$OUT/summary.txt"
  done
done
echo "LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/summary.txt"
python3 - "$OUT/summary.txt" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1]) if l.startswith("round ")]
by = {}
for _, r, n, v in rows:
    by.setdefault(n, []).append(float(v))
ratios = [c / p for c, p in zip(by["console"], by["plain"])]
print("plain   median %.0f req/s  %s" % (statistics.median(by["plain"]), by["plain"]))
print("console median %.0f req/s  %s" % (statistics.median(by["console"]), by["console"]))
print("ratio console/plain per round: %s; median %.3f" % (["%.3f" % x for x in ratios], statistics.median(ratios)))
PY
echo "raw results in $OUT" >&2
