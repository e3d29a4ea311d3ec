#!/usr/bin/env bash
# Data-plane load harness: the same upstream measured direct, behind nginx as a plain reverse proxy, behind
# Portcullis (network guard and rate limit on), and behind Portcullis with the full pipeline (guard, cached ES256
# JWT bound to groups, 10-statement resource policy, rate limit, audit log with fsync every 10 ms) and the same
# node without its audit log, in one go on this machine, with Debian's wrk.
#
#   bench/load/load.sh                       defaults: about 8 to 10 minutes
#   DURATION=10 ROUNDS=1 bench/load/load.sh  a quick look
#
# Environment (defaults in brackets):
#   DURATION [15]        seconds of each measured wrk run
#   CONNECTIONS [64]     wrk connections, the same for every target and phase
#   THREADS [1]          wrk threads (wrk, the proxy and the upstream share the cores; see below)
#   ROUNDS [3]           interleaved rounds per phase; medians are reported
#   WARMUP [20]          at least this many seconds of load on Portcullis before anything is measured; then more
#                        10 s slices until the JIT compilers used < 3% of the JVM's CPU in the last slice
#   WARMUP_MAX [60]      at most this many seconds of Portcullis warm-up per listener (nginx gets 5 s)
#   IDLE_CONNECTIONS [10000]  idle keep-alive connections for the memory measurement
#   PROXY_WORKERS [nproc]     nginx proxy worker processes (Portcullis runs one event loop per core it may use)
#   PIN [0]              1: pin the load generator side (wrk, the upstream, the idle client) to LOADGEN_CPUS [0]
#                        and the proxy under test (nginx proxy, Portcullis) to PROXY_CPUS [1] with taskset;
#                        PROXY_WORKERS then defaults to the number of PROXY_CPUS
#   BASE_PORT [18080]    ports BASE..BASE+10 on 127.0.0.1
#   OUT [mktemp -d]      where configs, logs and raw results go (nothing is written into the repository)
#   SKIP_BUILD [0]       1: use cli/target/portcullis.jar as it is
#   SKIP_TLS / SKIP_RATE / SKIP_IDLE [0]  1: leave that phase out
#   SKIP_GUARD [0]       1: leave out the guard-only phases (direct / nginx / Portcullis, throughput and rate)
#   SKIP_SHADOW [0]      1: leave out the shadow phase (the pipeline node without audit beside the same node with
#                        a candidate equal to its plan in shadow, `run --shadow`; needs the pipeline)
#   SKIP_PIPELINE [0]    1: leave out the full-pipeline phases (needs bench/target/benchmarks.jar for the token;
#                        built with `mvn package` unless SKIP_BUILD=1)
#   PORTCULLIS_JAVA_OPTS []   extra JVM options after the launcher's defaults in cli/jvm.options (the flags in
#                        force are recorded)
#   PROFILE [0]          1: one more Portcullis run of DURATION under JFR (profile.jfc) after the throughput phase,
#                        summarized by jfr_top.py into $OUT/profile.txt (not part of the figures); with the
#                        pipeline, the audited node too, into $OUT/profile-pipeline.txt
#
# CPU: by default nothing is pinned. On 2 cores wrk (1 thread), the proxy under test and the upstream nginx
# (1 worker) compete for both cores; every target runs under the same conditions, and the proxy's CPU time per
# request is recorded from /proc so the comparison can be read as throughput and as efficiency. With PIN=1 the
# proxy has its own core, so its CPU cost per request, rather than the shared pool, limits its throughput.
#
# Phases: warm-up; throughput (wrk -t1 -c64, direct / nginx / Portcullis interleaved, order rotated each round);
# latency at half of Portcullis's median peak (rate.lua paces wrk to a fixed rate); the full pipeline (nginx /
# pipeline with audit / the same node without audit, interleaved, then paced at half of the audited pipeline's
# peak), after which the audited node is stopped and its log's records, read with `portcullis audit verify` and
# `portcullis audit export`, are compared with the requests and connection decisions the node counted;
# TLS (nginx TLS proxy vs Portcullis TLS); RSS with IDLE_CONNECTIONS idle keep-alive connections (nginx,
# Portcullis after the load, a fresh Portcullis). The Markdown summary is printed at the end and kept in
# $OUT/summary.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

: "${DURATION:=15}" "${CONNECTIONS:=64}" "${THREADS:=1}" "${ROUNDS:=3}" "${WARMUP:=20}" "${WARMUP_MAX:=60}" \
  "${IDLE_CONNECTIONS:=10000}" "${BASE_PORT:=18080}" "${SKIP_BUILD:=0}" "${SKIP_TLS:=0}" \
  "${SKIP_RATE:=0}" "${SKIP_IDLE:=0}" "${SKIP_GUARD:=0}" "${SKIP_PIPELINE:=0}" "${SKIP_SHADOW:=0}" "${PROFILE:=0}" "${PORTCULLIS_JAVA_OPTS:=}" "${PIN:=0}" "${LOADGEN_CPUS:=0}" \
  "${PROXY_CPUS:=1}"
OUT=${OUT:-$(mktemp -d /tmp/portcullis-load.XXXXXX)}
LOADGEN=()   # command prefixes: empty, or taskset when PIN=1
PROXY=()
if [ "$PIN" = 1 ]; then
  LOADGEN=(taskset -c "$LOADGEN_CPUS")
  PROXY=(taskset -c "$PROXY_CPUS")
  : "${PROXY_WORKERS:=$(taskset -c "$PROXY_CPUS" nproc)}"
fi
: "${PROXY_WORKERS:=$(nproc)}"

# upstream, nginx proxy, Portcullis, nginx TLS proxy, Portcullis TLS; the pipeline nodes (audited, not) and their
# admin listeners
read -r UPSTREAM_PORT NGINX_PORT PORTCULLIS_PORT NGINX_TLS_PORT PORTCULLIS_TLS_PORT \
  <<< "$BASE_PORT $((BASE_PORT + 1)) $((BASE_PORT + 2)) $((BASE_PORT + 3)) $((BASE_PORT + 4))"
read -r PIPELINE_AUDIT_PORT PIPELINE_PORT PIPELINE_AUDIT_ADMIN PIPELINE_ADMIN \
  <<< "$((BASE_PORT + 5)) $((BASE_PORT + 6)) $((BASE_PORT + 7)) $((BASE_PORT + 8))"
read -r PIPELINE_SHADOW_PORT PIPELINE_SHADOW_ADMIN <<< "$((BASE_PORT + 9)) $((BASE_PORT + 10))"
[ "$SKIP_PIPELINE" = 1 ] && SKIP_SHADOW=1
JAR="$ROOT/cli/target/portcullis.jar"
CLK_TCK=$(getconf CLK_TCK)

UPSTREAM_PID=""
PROXY_PID=""
PORTCULLIS_PID=""
PIPELINE_AUDIT_PID=""   # the full pipeline with its audit log
PIPELINE_PID=""         # the same node without it
PIPELINE_SHADOW_PID=""  # that node again, with its own plan in shadow (issue 16)
SYSTEM_NGINX_PID=""
WRK_PID=""
BACKGROUND=()

log() { printf '%s load: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local pid
  for pid in $WRK_PID "${BACKGROUND[@]}" $PORTCULLIS_PID $PIPELINE_AUDIT_PID $PIPELINE_PID $PIPELINE_SHADOW_PID $PROXY_PID $UPSTREAM_PID $SYSTEM_NGINX_PID; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in $WRK_PID "${BACKGROUND[@]}" $PORTCULLIS_PID $PIPELINE_AUDIT_PID $PIPELINE_PID $PIPELINE_SHADOW_PID $PROXY_PID $UPSTREAM_PID; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  [ "$rc" -eq 0 ] || log "failed (exit $rc); logs and partial results in $OUT"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools, build, limits ------------------------------------------------------------------------------------

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  log "installing wrk and nginx from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y wrk nginx >/dev/null || { apt-get update -q >/dev/null && apt-get install -y wrk nginx >/dev/null; }
  # Where the package's scripts may start services (no policy-rc.d), the system nginx it started goes at exit.
  if [ -s /run/nginx.pid ] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null; then
    SYSTEM_NGINX_PID=$(cat /run/nginx.pid)
  fi
fi
for tool in wrk nginx openssl curl python3 java jcmd ss bc; do
  command -v "$tool" >/dev/null || die "$tool is required"
done

if [ "$SKIP_BUILD" != 1 ]; then
  log "building Portcullis if needed (./portcullis --version)"
  "$ROOT/portcullis" --version >/dev/null
fi
[ -f "$JAR" ] || die "$JAR is missing"
BENCH_JAR="$ROOT/bench/target/benchmarks.jar"
if [ "$SKIP_PIPELINE" != 1 ] && [ ! -f "$BENCH_JAR" ]; then
  [ "$SKIP_BUILD" = 1 ] && die "$BENCH_JAR is missing (mvn -B -pl bench -am package -DskipTests)"
  log "building the benchmarks jar (for the pipeline's token)"
  (cd "$ROOT" && mvn -q -B -pl bench -am package -DskipTests)
fi

ulimit -n "$(ulimit -Hn)"
NOFILE=$(ulimit -n)
[ "$NOFILE" = unlimited ] && NOFILE=1048576
[ "$NOFILE" -ge $((IDLE_CONNECTIONS + 1024)) ] || die "open-file limit $NOFILE is too low for $IDLE_CONNECTIONS connections"

for port in $UPSTREAM_PORT $NGINX_PORT $PORTCULLIS_PORT $NGINX_TLS_PORT $PORTCULLIS_TLS_PORT $PIPELINE_AUDIT_PORT \
    $PIPELINE_PORT $PIPELINE_AUDIT_ADMIN $PIPELINE_ADMIN; do
  [ -z "$(ss -Hltn "sport = :$port")" ] || die "port $port is in use (set BASE_PORT)"
done

mkdir -p "$OUT"
chmod 755 "$OUT"   # nginx workers run as nobody and must reach their config directory
: > "$OUT/runs.tsv"
: > "$OUT/idle.tsv"
: > "$OUT/threads.tsv"
log "results in $OUT"

render() { # template output: replaces @NAME@ with $NAME for the names used in the templates
  sed -e "s|@DIR@|$3|g" -e "s|@UPSTREAM_PORT@|$UPSTREAM_PORT|g" -e "s|@NGINX_PORT@|$NGINX_PORT|g" \
      -e "s|@NGINX_TLS_PORT@|$NGINX_TLS_PORT|g" -e "s|@PORTCULLIS_PORT@|$PORTCULLIS_PORT|g" \
      -e "s|@PORTCULLIS_TLS_PORT@|$PORTCULLIS_TLS_PORT|g" -e "s|@PROXY_WORKERS@|$PROXY_WORKERS|g" \
      -e "s|@PIPELINE_PORT@|${PIPELINE_PORT_NOW:-}|g" -e "s|@ADMIN_PORT@|${ADMIN_PORT_NOW:-}|g" \
      -e "s|@NOFILE@|$NOFILE|g" -e "s|@CERT@|$OUT/tls/cert.pem|g" -e "s|@KEY@|$OUT/tls/key.pem|g" "$1" > "$2"
}

# --- certificate, configurations, processes ------------------------------------------------------------------

mkdir -p "$OUT/tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$OUT/tls/key.pem" -out "$OUT/tls/cert.pem" 2>/dev/null

wait_port() { # port pid what
  local i
  for i in $(seq 1 300); do
    [ -n "$(ss -Hltn "sport = :$1")" ] && return 0
    kill -0 "$2" 2>/dev/null || die "$3 exited; see $OUT"
    sleep 0.2
  done
  die "$3 did not listen on $1 within 60 s"
}

start_nginx() { # name template port prefix...; sets NGINX_STARTED_PID
  local dir="$OUT/$1" name=$1 template=$2 port=$3
  shift 3
  mkdir -p "$dir/tmp"
  render "$HERE/$template" "$dir/nginx.conf" "$dir"
  nginx -t -q -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" || die "nginx $name configuration is invalid"
  "$@" nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" -g 'daemon off;' &
  NGINX_STARTED_PID=$!
  wait_port "$port" "$NGINX_STARTED_PID" "nginx $name"
}

# start_node name port...: Portcullis on $OUT/name.yaml (output in $OUT/name.out and .log), listening on every
# port; sets NODE_STARTED_PID. RUN_ARGS: more arguments for `run` (the shadow node's --shadow).
start_node() {
  local name=$1 port
  shift
  # shellcheck disable=SC2086
  "${PROXY[@]}" java $(grep -v '^#' "$ROOT/cli/jvm.options") $PORTCULLIS_JAVA_OPTS -jar "$JAR" run --no-watch --config "$OUT/$name.yaml" ${RUN_ARGS:-} > "$OUT/$name.out" 2>> "$OUT/$name.log" &
  NODE_STARTED_PID=$!
  for port in "$@"; do
    wait_port "$port" "$NODE_STARTED_PID" "Portcullis $name"
  done
}

start_portcullis() {
  render "$HERE/portcullis.yaml.in" "$OUT/portcullis.yaml" "$OUT"
  start_node portcullis "$PORTCULLIS_PORT" "$PORTCULLIS_TLS_PORT"
  PORTCULLIS_PID=$NODE_STARTED_PID
}

# start_pipeline: a token (its key's public half in $OUT/jwks.json), an audit signing key, and the two pipeline
# nodes, configured alike but for the audited node's audit section. The token stays in this shell: never logged.
start_pipeline() {
  TOKEN=$(java -cp "$BENCH_JAR" io.portcullis.bench.auth.MintToken "$OUT" loadgen sg-bench-clients)
  java -jar "$JAR" audit keygen --out "$OUT/audit" > /dev/null
  PIPELINE_PORT_NOW=$PIPELINE_PORT ADMIN_PORT_NOW=$PIPELINE_ADMIN render "$HERE/pipeline.yaml.in" "$OUT/pipeline.yaml" "$OUT"
  PIPELINE_PORT_NOW=$PIPELINE_AUDIT_PORT ADMIN_PORT_NOW=$PIPELINE_AUDIT_ADMIN \
    render "$HERE/pipeline.yaml.in" "$OUT/pipeline-audit.yaml" "$OUT"
  printf 'audit:\n  dir: %s\n  signingKey: %s\n  fsyncInterval: 10ms\n' "$OUT/audit-log" "$OUT/audit.key" \
    >> "$OUT/pipeline-audit.yaml"
  start_node pipeline "$PIPELINE_PORT" "$PIPELINE_ADMIN"
  PIPELINE_PID=$NODE_STARTED_PID
  start_node pipeline-audit "$PIPELINE_AUDIT_PORT" "$PIPELINE_AUDIT_ADMIN"
  PIPELINE_AUDIT_PID=$NODE_STARTED_PID
  if [ "$SKIP_SHADOW" != 1 ]; then
    # the node without audit again, deciding every request a second time with a candidate equal to its plan
    PIPELINE_PORT_NOW=$PIPELINE_SHADOW_PORT ADMIN_PORT_NOW=$PIPELINE_SHADOW_ADMIN \
      render "$HERE/pipeline.yaml.in" "$OUT/pipeline-shadow.yaml" "$OUT"
    RUN_ARGS="--shadow $OUT/pipeline-shadow.yaml" start_node pipeline-shadow "$PIPELINE_SHADOW_PORT" "$PIPELINE_SHADOW_ADMIN"
    PIPELINE_SHADOW_PID=$NODE_STARTED_PID
  fi
}

stop_portcullis() {
  kill "$PORTCULLIS_PID" 2>/dev/null || true
  wait "$PORTCULLIS_PID" 2>/dev/null || true
  PORTCULLIS_PID=""
}

start_nginx upstream nginx-upstream.conf.in "$UPSTREAM_PORT" "${LOADGEN[@]}"; UPSTREAM_PID=$NGINX_STARTED_PID
start_nginx proxy nginx-proxy.conf.in "$NGINX_PORT" "${PROXY[@]}"; PROXY_PID=$NGINX_STARTED_PID
start_portcullis
[ "$SKIP_PIPELINE" = 1 ] || start_pipeline

declare -A URL=(
  [direct]="http://127.0.0.1:$UPSTREAM_PORT/orders/1"
  [nginx]="http://127.0.0.1:$NGINX_PORT/orders/1"
  [portcullis]="http://127.0.0.1:$PORTCULLIS_PORT/orders/1"
  [nginx-tls]="https://127.0.0.1:$NGINX_TLS_PORT/orders/1"
  [portcullis-tls]="https://127.0.0.1:$PORTCULLIS_TLS_PORT/orders/1"
  [pipeline]="http://127.0.0.1:$PIPELINE_AUDIT_PORT/orders/1"
  [pipeline-noaudit]="http://127.0.0.1:$PIPELINE_PORT/orders/1"
  [pipeline-shadow]="http://127.0.0.1:$PIPELINE_SHADOW_PORT/orders/1"
)
declare -A AUTH=()   # targets whose requests carry the token

# --- sanity: every path answers 200 "ok", the limiter is in the path, the guard refuses an unknown source -------

for target in direct nginx portcullis nginx-tls portcullis-tls; do
  body=$(curl -sk --max-time 5 "${URL[$target]}") || die "$target does not answer (${URL[$target]})"
  [ "$body" = ok ] || die "$target answered '$body' instead of the upstream's 'ok'"
done
curl -s -D - -o /dev/null "${URL[portcullis]}" | grep -qi '^RateLimit-Policy:' \
  || die "Portcullis's answer has no RateLimit-Policy header: the rate limit is not on"
if curl -s --max-time 5 --interface 127.0.0.2 -o /dev/null "${URL[portcullis]}"; then
  die "Portcullis answered 127.0.0.2, which no security group admits: the network guard is not on"
fi
log "sanity: all five paths answer 'ok'; Portcullis rate-limits every request and refuses 127.0.0.2"
if [ "$SKIP_PIPELINE" != 1 ]; then
  PIPELINE_TARGETS=(pipeline pipeline-noaudit)
  [ "$SKIP_SHADOW" = 1 ] || PIPELINE_TARGETS+=(pipeline-shadow)
  for target in "${PIPELINE_TARGETS[@]}"; do
    AUTH[$target]="Authorization: Bearer $TOKEN"
    body=$(curl -s --max-time 5 -H "${AUTH[$target]}" "${URL[$target]}") || die "$target does not answer"
    [ "$body" = ok ] || die "$target answered '$body' to the token instead of the upstream's 'ok'"
    curl -s -D - -o /dev/null -H "${AUTH[$target]}" "${URL[$target]}" | grep -qi '^RateLimit-Policy:' \
      || die "$target's answer has no RateLimit-Policy header: the rate limit is not on"
    status=$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "${URL[$target]}")
    [ "$status" = 401 ] || die "$target answered $status without a token (expected 401): identity is not on"
    if curl -s --max-time 5 --interface 127.0.0.2 -o /dev/null -H "${AUTH[$target]}" "${URL[$target]}"; then
      die "$target answered 127.0.0.2, which no security group admits: the network guard is not on"
    fi
  done
  log "sanity: the pipeline nodes (${PIPELINE_TARGETS[*]}) answer the token, refuse a request without one (401) and 127.0.0.2"
fi

# --- measurement helpers -------------------------------------------------------------------------------------

pids_of() { # target: the proxy's processes (nginx master and workers, or the JVM)
  case "$1" in
    direct) ;;
    nginx*) echo "$PROXY_PID" $(pgrep -P "$PROXY_PID" || true) ;;
    portcullis*) echo "$PORTCULLIS_PID" ;;
    pipeline) echo "$PIPELINE_AUDIT_PID" ;;
    pipeline-noaudit) echo "$PIPELINE_PID" ;;
    pipeline-shadow) echo "$PIPELINE_SHADOW_PID" ;;
  esac
}

cpu_ticks() { # pids...: user+system clock ticks of all threads
  local total=0 pid
  for pid in "$@"; do
    total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}

user_ticks() { # pids...: user-mode clock ticks of all threads (the rest of cpu_ticks is kernel time)
  local total=0 pid
  for pid in "$@"; do
    total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12}')))
  done
  echo "$total"
}

rss_kb() { # pids...: VmRSS sum in KiB
  local total=0 pid
  for pid in "$@"; do
    total=$((total + $(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")))
  done
  echo "$total"
}

# thread_groups pid: CPU ticks of the JVM's threads by kind: event loops, JIT compilers, GC, common pool, other
thread_groups() {
  local t
  for t in /proc/"$1"/task/*; do
    printf '%s\t%s\n' "$(cat "$t/comm")" "$(sed 's/.*) //' "$t/stat" | cut -d' ' -f12,13)"
  done 2>/dev/null | awk -F'\t' '{
    split($2, a, " "); n = $1
    g = n ~ /^epollEventLoop/ ? "loops" : n ~ /^C[12] Compiler/ ? "jit" : n ~ /^(GC |G1 )/ ? "gc" : n ~ /^ForkJoinPool/ ? "pool" : "other"
    s[g] += a[1] + a[2]
  } END { printf "%d %d %d %d %d\n", s["loops"], s["jit"], s["gc"], s["pool"], s["other"] }'
}

# machine_ticks: busy clock ticks of all CPUs; own_ticks: those of the harness's servers and of the processes this
# shell has waited for (wrk); the difference over a run is what other users of the machine took
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
own_ticks() {
  # shellcheck disable=SC2046
  echo $(($(cpu_ticks $UPSTREAM_PID $(pgrep -P "$UPSTREAM_PID") $PROXY_PID $(pgrep -P "$PROXY_PID") $PORTCULLIS_PID \
      $PIPELINE_AUDIT_PID $PIPELINE_PID $PIPELINE_SHADOW_PID) \
      + $(sed 's/.*) //' /proc/$$/stat | awk '{print $14 + $15}')))
}

# kernel_ticks: busy clock ticks of the kernel's own threads (children of kthreadd: writeback, the ext4 journal,
# block I/O), which do the page-cache-to-disk work of an audit log's writes and fsyncs on no process's account
kernel_ticks() {
  # shellcheck disable=SC2046
  awk '{ sub(/.*\) /, ""); s += $12 + $13 } END { print s + 0 }' $(pgrep -P 2 | sed 's|.*|/proc/&/stat|') 2>/dev/null
}

LOADS=()

# run_wrk phase target round seconds [script]: one wrk run, a line in runs.tsv unless the phase is a warm-up
run_wrk() {
  local phase=$1 target=$2 round=$3 seconds=$4 script=${5:-$HERE/report.lua}
  local load1 p0 u0 p1 u1 pu0 pu1 file="$OUT/wrk-$phase-$target-$round.txt"
  load1=$(cut -d' ' -f1 /proc/loadavg)
  # shellcheck disable=SC2046
  p0=$(cpu_ticks $(pids_of "$target")); u0=$(cpu_ticks "$UPSTREAM_PID" $(pgrep -P "$UPSTREAM_PID"))
  # shellcheck disable=SC2046
  pu0=$(user_ticks $(pids_of "$target"))
  local -a g0=() g1=()
  local m0 o0 m1 o1 k0 k1
  m0=$(machine_ticks); o0=$(own_ticks); k0=$(kernel_ticks)
  local jvm=""
  [[ $target == portcullis* || $target == pipeline* ]] && jvm=$(pids_of "$target")
  [ -n "$jvm" ] && read -r -a g0 <<< "$(thread_groups "$jvm")"
  local -a header=()
  [ -n "${AUTH[$target]:-}" ] && header=(-H "${AUTH[$target]}")
  # in the background and waited for, so that a signal stops the harness at once
  LOAD_LUA_DIR="$HERE" "${LOADGEN[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency "${header[@]}" -s "$script" "${URL[$target]}" > "$file" 2>&1 &
  WRK_PID=$!
  wait "$WRK_PID" || die "wrk failed on $target; see $file"
  WRK_PID=""
  m1=$(machine_ticks); o1=$(own_ticks); k1=$(kernel_ticks)
  # shellcheck disable=SC2046
  p1=$(cpu_ticks $(pids_of "$target")); u1=$(cpu_ticks "$UPSTREAM_PID" $(pgrep -P "$UPSTREAM_PID"))
  # shellcheck disable=SC2046
  pu1=$(user_ticks $(pids_of "$target"))
  [ -n "$jvm" ] && read -r -a g1 <<< "$(thread_groups "$jvm")"
  local result
  result=$(grep '^RESULT ' "$file") || die "no RESULT in $file"
  declare -A r=()
  local kv
  for kv in ${result#RESULT }; do r[${kv%%=*}]=${kv#*=}; done
  local errors=$((r[connect_err] + r[read_err] + r[write_err] + r[status_err] + r[timeout_err]))
  local others
  others=$(echo "(($m1 - $m0) - ($o1 - $o0)) / $CLK_TCK / $seconds" | bc -l)
  log "$(printf '%-10s %-15s round %s: %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d  load %s  others %.2f cores' \
      "$phase" "$target" "$round" "${r[rps]}" "$(echo "${r[p50_us]} / 1000" | bc -l)" "$(echo "${r[p99_us]} / 1000" | bc -l)" \
      "$errors" "$load1" "$others")"
  [ "$phase" = warmup ] && return 0
  LOADS+=("$load1")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$phase" "$target" "$round" "${r[rps]}" \
      "${r[p50_us]}" "${r[p90_us]}" "${r[p99_us]}" "${r[max_us]}" "${r[requests]}" "$errors" \
      "$(echo "($p1 - $p0) / $CLK_TCK" | bc -l)" "$(echo "($u1 - $u0) / $CLK_TCK" | bc -l)" "$load1" "$others" \
      "$(echo "($pu1 - $pu0) / $CLK_TCK" | bc -l)" "$(echo "($k1 - $k0) / $CLK_TCK" | bc -l)" >> "$OUT/runs.tsv"
  if [ ${#g1[@]} -eq 5 ] && [ ${#g0[@]} -eq 5 ]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$phase" "$target" "$round" "${r[requests]}" $((g1[0] - g0[0])) \
        $((g1[1] - g0[1])) $((g1[2] - g0[2])) $((g1[3] - g0[3])) $((g1[4] - g0[4])) >> "$OUT/threads.tsv"
  fi
}

# warm_jvm target: load until the JIT has settled (see WARMUP); records how long and the JIT's last share
warm_jvm() {
  local target=$1 spent=0 slice share=100 a=() b=() jvm
  jvm=$(pids_of "$1")
  while [ "$spent" -lt "$WARMUP_MAX" ]; do
    slice=$((spent < WARMUP ? WARMUP - spent : 10))
    [ $((spent + slice)) -gt "$WARMUP_MAX" ] && slice=$((WARMUP_MAX - spent))
    read -r -a a <<< "$(thread_groups "$jvm")"
    run_wrk warmup "$target" 0 "$slice"
    read -r -a b <<< "$(thread_groups "$jvm")"
    spent=$((spent + slice))
    local all=$(((b[0] + b[1] + b[2] + b[3] + b[4]) - (a[0] + a[1] + a[2] + a[3] + a[4])))
    share=$((all > 0 ? 100 * (b[1] - a[1]) / all : 0))
    log "warm-up $target: ${spent} s, JIT ${share}% of the JVM's CPU in the last ${slice} s"
    [ "$spent" -ge "$WARMUP" ] && [ "$share" -lt 3 ] && break
  done
  echo "WARMUP_${target//-/_}=${spent} s (JIT ${share}% of the JVM's CPU in the last slice)" >> "$OUT/meta.env"
}

# interleaved phase seconds script targets...: ROUNDS rounds, target order rotated each round
interleaved() {
  local phase=$1 seconds=$2 script=$3
  shift 3
  local targets=("$@") n=$# round i
  for round in $(seq 1 "$ROUNDS"); do
    for i in $(seq 0 $((n - 1))); do
      run_wrk "$phase" "${targets[$(((i + round - 1) % n))]}" "$round" "$seconds" "$script"
      sleep 1
    done
  done
}

# --- metadata ------------------------------------------------------------------------------------------------

{
  echo "DATE=$(date -u +%Y-%m-%dT%H:%MZ)"
  echo "COMMAND=bench/load/load.sh"
  echo "SETTINGS=DURATION=$DURATION CONNECTIONS=$CONNECTIONS THREADS=$THREADS ROUNDS=$ROUNDS WARMUP=$WARMUP IDLE_CONNECTIONS=$IDLE_CONNECTIONS PROXY_WORKERS=$PROXY_WORKERS PIN=$PIN$([ "$PIN" = 1 ] && echo " LOADGEN_CPUS=$LOADGEN_CPUS PROXY_CPUS=$PROXY_CPUS")"
  echo "ROUNDS=$ROUNDS"
  echo "IDLE_CONNECTIONS=$IDLE_CONNECTIONS"
  echo "WRK_FLAGS=wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s"
  echo "NPROC=$(nproc)"
  echo "CPU=$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "MEM=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "JDK=$(java -version 2>&1 | head -1)"
  echo "NGINX=$(nginx -v 2>&1) (proxy: worker_processes $PROXY_WORKERS, access_log off, upstream keepalive 64; upstream: 1 worker)"
  echo "WRK=$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "CLK_TCK=$CLK_TCK"
  echo "REVISION=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD -- '*/src/main/**' 2>/dev/null || echo ' with uncommitted changes in src/main')"
  echo "JVM_FLAGS=$(jcmd "$PORTCULLIS_PID" VM.flags 2>/dev/null | tail -1)"
  echo "GATEWAY_LINE=$(grep -o 'transport=[a-z]* tls=[A-Za-z_]*' "$OUT/portcullis.log" | head -1)"
  echo "UPTIME_START=$(uptime | sed 's/^ *//')"
} > "$OUT/meta.env"
log "uptime: $(uptime)"

# --- warm-up, throughput -------------------------------------------------------------------------------------

# profile target name: one more run of DURATION on target under JFR, summarized into $OUT/profile[-name].txt
profile() {
  local jvm file="$OUT/${2:-portcullis}.jfr" summary="$OUT/profile${2:+-$2}.txt"
  jvm=$(pids_of "$1")
  jcmd "$jvm" JFR.start name=load settings="$HERE/profile.jfc" filename="$file" >/dev/null
  run_wrk warmup "$1" 0 "$DURATION"
  jcmd "$jvm" JFR.stop name=load >/dev/null
  python3 "$HERE/jfr_top.py" "$file" 30 > "$summary"
  log "profile of a $1 run: $summary ($file)"
}

# paced phase peak_phase peak_target targets...: interleaved rounds at half of peak_target's median requests/s in
# peak_phase, paced by rate.lua; the rate is recorded as RATE_TARGET_<phase>
paced() {
  local phase=$1 peak target
  peak=$(python3 "$HERE/summarize.py" "$OUT" --peak "$2" "$3")
  shift 3
  target=$((peak / 2))
  log "$phase: half of the peak, $target req/s, paced by rate.lua"
  echo "RATE_TARGET_${phase//-/_}=$target" >> "$OUT/meta.env"
  export LOAD_RATE_PER_THREAD=$((target / THREADS))
  run_wrk warmup "$1" 0 5 "$HERE/rate.lua"
  interleaved "$phase" "$DURATION" "$HERE/rate.lua" "$@"
  unset LOAD_RATE_PER_THREAD
}

run_wrk warmup nginx 0 5
if [ "$SKIP_GUARD" != 1 ]; then
  warm_jvm portcullis
  run_wrk warmup direct 0 5
  interleaved throughput "$DURATION" "$HERE/report.lua" direct nginx portcullis
  if [ "$PROFILE" = 1 ]; then
    profile portcullis
  fi
  # latency at half of Portcullis's peak
  if [ "$SKIP_RATE" != 1 ]; then
    paced rate throughput portcullis direct nginx portcullis
  fi
fi

# --- the full pipeline, with and without the audit log, beside nginx -----------------------------------------

# audit_counts: the audited node's own counts (finished requests, connection decisions) from its metrics, then the
# node stopped (its log closed with a final checkpoint) and its records read back with the audit commands
audit_counts() {
  local metrics requests connections verify kinds
  sleep 2   # requests in flight when wrk stopped finish
  metrics=$(curl -s --max-time 10 "http://127.0.0.1:$PIPELINE_AUDIT_ADMIN/metrics") || die "no metrics from the audited node"
  requests=$(awk '/^portcullis_requests_total\{/ && /api="pipeline"/ {s += $NF} END {printf "%d", s}' <<< "$metrics")
  connections=$(awk '/^portcullis_decisions_total\{/ && /stage="connection"/ {s += $NF} END {printf "%d", s}' <<< "$metrics")
  kill "$PIPELINE_AUDIT_PID"
  wait "$PIPELINE_AUDIT_PID" 2>/dev/null || true
  PIPELINE_AUDIT_PID=""
  verify=$(java -jar "$JAR" audit verify "$OUT/audit-log" --key "$OUT/audit.pub" 2>&1) \
    || die "audit verify failed: $verify"
  # every record, each after a signed checkpoint covers it (the node's close signed the last), counted by kind
  kinds=$(java -Xms256m -jar "$JAR" audit export "$OUT/audit-log" | grep -o '"kind":"[a-z]*"' | sort | uniq -c \
    | awk '{k = $2; gsub(/"kind":|"/, "", k); printf "%s=%d ", k, $1}')
  log "audit log: ${kinds}; the node counted requests=$requests connections=$connections; verify: $(echo "$verify" | head -1)"
  {
    echo "AUDIT_RECORDS=$kinds"
    echo "AUDIT_NODE_COUNTS=requests=$requests connection=$connections"
    echo "AUDIT_VERIFY=$(echo "$verify" | tr '\n' ' ')"
    echo "AUDIT_LOG_BYTES=$(du -sb "$OUT/audit-log" | cut -f1)"
  } >> "$OUT/meta.env"
  [ "${KEEP_AUDIT_LOG:-0}" = 1 ] || rm -rf "$OUT/audit-log"   # gigabytes of a benchmark's records
}

if [ "$SKIP_PIPELINE" != 1 ]; then
  warm_jvm pipeline
  warm_jvm pipeline-noaudit
  interleaved pipeline "$DURATION" "$HERE/report.lua" nginx pipeline pipeline-noaudit
  if [ "$PROFILE" = 1 ]; then
    profile pipeline pipeline
  fi
  if [ "$SKIP_RATE" != 1 ]; then
    paced pipeline-rate pipeline pipeline nginx pipeline pipeline-noaudit
  fi
  audit_counts
  if [ "$SKIP_SHADOW" != 1 ]; then
    # shadow mode's cost (issue 16): the same node with and without a candidate in shadow, interleaved; then what
    # the shadow node compared (every request of the phase and the sanity checks; an equal candidate: no difference)
    warm_jvm pipeline-shadow
    interleaved shadow "$DURATION" "$HERE/report.lua" pipeline-noaudit pipeline-shadow
    report=$(curl -s --max-time 10 "http://127.0.0.1:$PIPELINE_SHADOW_ADMIN/shadow") || die "no /shadow from the shadow node"
    echo "SHADOW_REPORT=$(python3 -c 'import json,sys; r=json.load(sys.stdin); print("compared", r["compared"], "differences", len(r["differences"]), "errors", r["errors"])' <<< "$report")" >> "$OUT/meta.env"
    kill "$PIPELINE_SHADOW_PID"
    wait "$PIPELINE_SHADOW_PID" 2>/dev/null || true
    PIPELINE_SHADOW_PID=""
  fi
  kill "$PIPELINE_PID"
  wait "$PIPELINE_PID" 2>/dev/null || true
  PIPELINE_PID=""
fi

# --- TLS -----------------------------------------------------------------------------------------------------

if [ "$SKIP_TLS" != 1 ]; then
  tls_info() { echo | openssl s_client -connect "127.0.0.1:$1" 2>/dev/null | sed -n 's/^New, \(.*\)$/\1/p' | head -1; }
  echo "TLS_INFO=nginx: $(tls_info "$NGINX_TLS_PORT"); Portcullis: $(tls_info "$PORTCULLIS_TLS_PORT"); P-256 certificate" >> "$OUT/meta.env"
  warm_jvm portcullis-tls
  run_wrk warmup nginx-tls 0 5
  interleaved tls "$DURATION" "$HERE/report.lua" nginx-tls portcullis-tls
fi

# --- idle keep-alive connections and RSS ---------------------------------------------------------------------

# idle label port pids...: opens IDLE_CONNECTIONS, samples RSS once all are answered and idle, records a line
idle() {
  local label=$1 port=$2
  shift 2
  local before held rss line client file="$OUT/idle-$label.txt" i
  before=$(rss_kb "$@")
  "${LOADGEN[@]}" python3 -u "$HERE/idle_conns.py" 127.0.0.1 "$port" "$IDLE_CONNECTIONS" 8 > "$file" 2>&1 &
  client=$!
  BACKGROUND+=("$client")
  for i in $(seq 1 600); do
    grep -q '^HELD ' "$file" && break
    kill -0 "$client" 2>/dev/null || die "idle client for $label failed: $(cat "$file")"
    sleep 0.2
  done
  line=$(grep '^HELD ' "$file") || die "idle client for $label did not open its connections in 120 s"
  held=$(echo "$line" | cut -d' ' -f2)
  sleep 4
  rss=$(rss_kb "$@")
  [ "$label" = nginx ] || jcmd "$1" GC.heap_info > "$OUT/heap-$label.txt" 2>&1 || true
  wait "$client" || die "idle client for $label failed: $(cat "$file")"
  BACKGROUND=()
  line=$(grep '^STILL_OPEN ' "$file") || die "idle client for $label: no STILL_OPEN line"
  log "$label: $(grep -E '^(HELD|BAD) ' "$file" | tr '\n' ' ')${line}; RSS $((before / 1024)) MB before, $((rss / 1024)) MB with the connections"
  printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$held" "${line#STILL_OPEN }" "$before" "$rss" >> "$OUT/idle.tsv"
  sleep 2
}

if [ "$SKIP_IDLE" != 1 ]; then
  # shellcheck disable=SC2046
  idle nginx "$NGINX_PORT" $(pids_of nginx)
  idle portcullis "$PORTCULLIS_PORT" "$PORTCULLIS_PID"
  stop_portcullis
  start_portcullis
  curl -s -o /dev/null "${URL[portcullis]}"
  idle portcullis-fresh "$PORTCULLIS_PORT" "$PORTCULLIS_PID"
fi

# --- summary -------------------------------------------------------------------------------------------------

{
  echo "LOADS=${LOADS[*]}"
  echo "UPTIME_END=$(uptime | sed 's/^ *//')"
} >> "$OUT/meta.env"
python3 "$HERE/summarize.py" "$OUT" | tee "$OUT/summary.md"
log "done; raw results in $OUT"
