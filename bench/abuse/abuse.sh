#!/usr/bin/env bash
# Load-and-abuse harness: each attack class runs for a bounded time beside a legitimate client, against nginx
# (the peer, with its counterpart of every knob) and against Portcullis, both in front of the same upstream, in
# one go on this machine. What each attack does and how to read the table: bench/abuse/README.md.
#
#   bench/abuse/abuse.sh                                   defaults: about 5 to 6 minutes per proxy
#   ATTACKS=slowloris,h2-flood-no-ack TARGETS=portcullis bench/abuse/abuse.sh      a subset
#   ATTACK_SECONDS=8 BASELINE_SECONDS=3 bench/abuse/abuse.sh                       a quick look
#
# Environment (defaults in brackets):
#   ATTACKS [all]           comma-separated, in this order: slowloris, slow-body, non-reading, h2-flood-no-ack,
#                           h2-flood, chunk-flood, h2-data-flood, continuation-flood, connect-flood, rapid-reset,
#                           ping-flood, idle
#   TARGETS [nginx,portcullis]  the proxies, each started fresh for every attack (so RSS and FDs are the attack's)
#   ATTACK_SECONDS [15]     how long each attack runs
#   RAMP_SECONDS [3]        the legitimate client starts counting this long after the attack started
#   BASELINE_SECONDS [5]    the legitimate client alone, measured the same way, just before each attack
#   WARMUP_SECONDS [4]      legitimate traffic before the baseline that is not counted (the JVM's first seconds)
#   WARM_RATE [500] / WARM_SECONDS [12]  before that, the legitimate client's requests ramped up to this rate (a
#                           quarter, a half, then all of it, a third of the time each),
#                           not counted: a fresh JVM interprets, then compiles, the path of a request, and at 100
#                           requests a second that compilation (C2 took about half the proxy's CPU) would fall
#                           inside the baseline and the attack and be taken for the attack's cost. Paths only the
#                           attack takes are still compiled during it. 0 seconds: no warm-up (the harness before)
#   SETTLE_SECONDS [10]     after an attack, at most this long for the proxy's FDs and the upstream to drain
#   SETTLE_FD_SLACK [150]   "drained": FDs at most this many above before the attack (both proxies keep up to
#                           64 idle upstream connections per worker or event loop)
#   LEGIT_RATE [100]        legitimate requests per second from 127.0.0.3, each on a fresh connection, GET /fast
#   LEGIT_TIMEOUT_MS [2000] a legitimate request not answered 200 within this is a failure
#   CONNS [500]             connections of slowloris, slow-body and idle: inside the per-source
#                           limit of 512 (limits.maxConnectionsPerSource; nginx limit_conn 512)
#   TRICKLE_MS [1000]       slowloris: one more header line this often
#   H2_NOACK_CONNS [4]      h2-flood-no-ack: connections, each keeping H2_NOACK_STREAMS [1000] streams open
#   H2_CONNS [32]           h2-flood: connections, each keeping H2_STREAMS [128] streams open (SETTINGS acknowledged)
#   FLOOD_CONNS [16]        chunk-flood, h2-data-flood, continuation-flood: connections writing as fast as taken
#   H2_CONTROL_CONNS [8]    rapid-reset, ping-flood: connections
#   CONNECT_CONCURRENCY [256]  connect-flood from 127.0.0.4: connections in flight at once
#   CONNECT_RATE [20000]    connect-flood: at most this many new connections per second
#   MAX_CONNS [5000]        cap on every attack's connections and, for the stream floods, connections × streams
#                           (each stream may hold an upstream connection); checked against ulimit -n
#   SLOW_SECONDS [3]        how long the upstream's /slow takes
#   NONREAD_CONNS [32]      non-reading: connections, each asking for LARGE_BYTES [16777216] from /large. The
#                           response is far more than the path to a client that never reads can take, so the
#                           proxy must hold it back; what the kernel pins meanwhile (about 9 MB per connection
#                           here) counts against the machine's TCP memory (net.ipv4.tcp_mem), so the product is
#                           checked against half of its pressure threshold
#   BODY_TIMEOUT [10s] / SEND_TIMEOUT [10s]  both proxies' body-read and send timeouts (Portcullis
#                           timeouts.bodyRead and timeouts.send; nginx client_body_timeout and send_timeout)
#   PROXY_WORKERS [nproc]   nginx proxy worker processes (Portcullis runs one event loop per core)
#   BASE_PORT [18380]       ports BASE..BASE+4 on 127.0.0.1
#   OUT [mktemp -d]         configs, logs and raw results (nothing is written into the repository)
#   SKIP_BUILD [0]          1: use cli/target/portcullis.jar and bench/target/benchmarks.jar as they are
#   PORTCULLIS_JAVA_OPTS [] extra JVM options after cli/jvm.options
#
# Addresses: the proxies listen on 127.0.0.1; the attacker is 127.0.0.2 (admitted), the legitimate client
# 127.0.0.3 (admitted, another workload), 127.0.0.4 is not admitted (connect-flood). CPU is not pinned: on 2
# cores the proxy, the upstream, the attacker and the legitimate client share the machine, the same for both
# proxies; compare the two proxies of one run, not figures across runs.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

ALL_ATTACKS="slowloris,slow-body,non-reading,h2-flood-no-ack,h2-flood,chunk-flood,h2-data-flood,continuation-flood,connect-flood,rapid-reset,ping-flood,idle"
: "${ATTACKS:=$ALL_ATTACKS}" "${TARGETS:=nginx,portcullis}" "${ATTACK_SECONDS:=15}" "${RAMP_SECONDS:=3}" \
  "${BASELINE_SECONDS:=5}" "${WARMUP_SECONDS:=4}" "${WARM_RATE:=500}" "${WARM_SECONDS:=12}" "${SETTLE_SECONDS:=10}" "${SETTLE_FD_SLACK:=150}" "${LEGIT_RATE:=100}" \
  "${LEGIT_TIMEOUT_MS:=2000}" "${CONNS:=500}" "${TRICKLE_MS:=1000}" "${H2_NOACK_CONNS:=4}" \
  "${H2_NOACK_STREAMS:=1000}" "${H2_CONNS:=32}" "${H2_STREAMS:=128}" "${FLOOD_CONNS:=16}" \
  "${H2_CONTROL_CONNS:=8}" "${CONNECT_CONCURRENCY:=256}" "${CONNECT_RATE:=20000}" "${MAX_CONNS:=5000}" \
  "${SLOW_SECONDS:=3}" "${LARGE_BYTES:=16777216}" "${NONREAD_CONNS:=32}" "${BODY_TIMEOUT:=10s}" "${SEND_TIMEOUT:=10s}" \
  "${PROXY_WORKERS:=$(nproc)}" "${BASE_PORT:=18380}" "${SKIP_BUILD:=0}" "${PORTCULLIS_JAVA_OPTS:=}"
OUT=${OUT:-$(mktemp -d /tmp/portcullis-abuse.XXXXXX)}

read -r UPSTREAM_PORT SLOW_PORT NGINX_PORT NGINX_H2_PORT PORTCULLIS_PORT \
  <<< "$BASE_PORT $((BASE_PORT + 1)) $((BASE_PORT + 2)) $((BASE_PORT + 3)) $((BASE_PORT + 4))"
JAR="$ROOT/cli/target/portcullis.jar"
BENCH_JAR="$ROOT/bench/target/benchmarks.jar"
CLK_TCK=$(getconf CLK_TCK)
ATTACKER=127.0.0.2
LEGIT=127.0.0.3
STRANGER=127.0.0.4
# The clients' JVMs: small heaps, serial GC, so that they take as little of the shared cores as they can.
CLIENT_JAVA=(java -XX:+UseSerialGC -Xms64m -Xmx512m -cp "$BENCH_JAR")
# The legitimate client stands for other machines: it needs little CPU, and with a higher priority a busy
# attacker on the same cores delays the proxy rather than the client's own clock (its lag is recorded).
LEGIT_NICE=()
nice -n -5 true 2>/dev/null && LEGIT_NICE=(nice -n -5)

UPSTREAM_PID=""
SLOW_PID=""
TARGET_PID=""
BACKGROUND=()

log() { printf '%s abuse: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local pid
  for pid in "${BACKGROUND[@]}" $TARGET_PID $UPSTREAM_PID $SLOW_PID; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${BACKGROUND[@]}" $TARGET_PID $UPSTREAM_PID $SLOW_PID; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  [ "$rc" -eq 0 ] || log "failed (exit $rc); logs and partial results in $OUT"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools, build, limits ------------------------------------------------------------------------------------

if ! command -v nginx >/dev/null; then
  log "installing nginx from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y nginx >/dev/null || { apt-get update -q >/dev/null && apt-get install -y nginx >/dev/null; }
  # Where the package's scripts started the system nginx, it goes again (it would hold port 80 only).
  if [ -s /run/nginx.pid ] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null; then
    kill "$(cat /run/nginx.pid)" 2>/dev/null || true
  fi
fi
for tool in nginx curl python3 java ss awk; do
  command -v "$tool" >/dev/null || die "$tool is required"
done

if [ "$SKIP_BUILD" != 1 ]; then
  command -v mvn >/dev/null || die "mvn is required (or SKIP_BUILD=1 with built jars)"
  log "building (mvn -q -B -DskipTests package)"
  (cd "$ROOT" && mvn -q -B -DskipTests package >&2) || die "the build failed"
fi
[ -f "$JAR" ] || die "$JAR is missing"
[ -f "$BENCH_JAR" ] || die "$BENCH_JAR is missing"

# Every attack's descriptors stay inside the per-process open-file limit, so an attack that exhausts them hurts
# the process under test and never the machine; the upstream nginx holds two per proxied slow request.
ulimit -n "$(ulimit -Hn)"
NOFILE=$(ulimit -n)
[ "$NOFILE" = unlimited ] && NOFILE=1048576
[ "$NOFILE" -ge $((2 * MAX_CONNS + 1024)) ] \
  || die "open-file limit $NOFILE is too low for MAX_CONNS=$MAX_CONNS (needs $((2 * MAX_CONNS + 1024)); lower MAX_CONNS)"
cap() { # name value: the value capped at MAX_CONNS, with a note
  if [ "$2" -gt "$MAX_CONNS" ]; then
    log "$1=$2 capped at MAX_CONNS=$MAX_CONNS"
    echo "$MAX_CONNS"
  else
    echo "$2"
  fi
}
CONNS=$(cap CONNS "$CONNS")
NONREAD_CONNS=$(cap NONREAD_CONNS "$NONREAD_CONNS")
H2_NOACK_CONNS=$(cap H2_NOACK_CONNS "$H2_NOACK_CONNS")
H2_CONNS=$(cap H2_CONNS "$H2_CONNS")
FLOOD_CONNS=$(cap FLOOD_CONNS "$FLOOD_CONNS")
H2_CONTROL_CONNS=$(cap H2_CONTROL_CONNS "$H2_CONTROL_CONNS")
CONNECT_CONCURRENCY=$(cap CONNECT_CONCURRENCY "$CONNECT_CONCURRENCY")
if [ $((H2_NOACK_CONNS * H2_NOACK_STREAMS)) -gt "$MAX_CONNS" ]; then
  H2_NOACK_STREAMS=$((MAX_CONNS / H2_NOACK_CONNS))
  log "H2_NOACK_CONNS × H2_NOACK_STREAMS capped at MAX_CONNS=$MAX_CONNS: $H2_NOACK_STREAMS streams each"
fi
if [ $((H2_CONNS * H2_STREAMS)) -gt "$MAX_CONNS" ]; then
  H2_STREAMS=$((MAX_CONNS / H2_CONNS))
  log "H2_CONNS × H2_STREAMS capped at MAX_CONNS=$MAX_CONNS: $H2_STREAMS streams each"
fi
[ "$ATTACK_SECONDS" -gt $((RAMP_SECONDS + 1)) ] || die "ATTACK_SECONDS must exceed RAMP_SECONDS + 1"
# Non-reading clients pin their responses in socket buffers, which count against the kernel's TCP memory for
# the whole machine: stay under half of its pressure threshold (beyond it every TCP socket suffers).
PAGE=$(getconf PAGESIZE)
TCP_MEM_LOW_KB=$(($(awk '{print $1}' /proc/sys/net/ipv4/tcp_mem) * PAGE / 1024))
[ $((NONREAD_CONNS * (LARGE_BYTES / 1024 + 64))) -le $((TCP_MEM_LOW_KB / 2)) ] \
  || die "NONREAD_CONNS × LARGE_BYTES = $((NONREAD_CONNS * LARGE_BYTES / 1048576)) MiB could pin over half of the kernel's TCP memory threshold ($((TCP_MEM_LOW_KB / 1024)) MiB); lower NONREAD_CONNS or LARGE_BYTES"

for port in $UPSTREAM_PORT $SLOW_PORT $NGINX_PORT $NGINX_H2_PORT $PORTCULLIS_PORT; do
  [ -z "$(ss -Hltn "sport = :$port")" ] || die "port $port is in use (set BASE_PORT)"
done

mkdir -p "$OUT/runs"
chmod 755 "$OUT"   # nginx workers run as nobody and must reach their config directory
log "results in $OUT"

render() { # template output dir: replaces @NAME@ with the values of this run
  sed -e "s|@DIR@|$3|g" -e "s|@UPSTREAM_PORT@|$UPSTREAM_PORT|g" \
      -e "s|@SLOW_PORT@|$SLOW_PORT|g" -e "s|@NGINX_PORT@|$NGINX_PORT|g" -e "s|@NGINX_H2_PORT@|$NGINX_H2_PORT|g" \
      -e "s|@PORTCULLIS_PORT@|$PORTCULLIS_PORT|g" -e "s|@PROXY_WORKERS@|$PROXY_WORKERS|g" -e "s|@NOFILE@|$NOFILE|g" \
      -e "s|@BODY_TIMEOUT@|$BODY_TIMEOUT|g" -e "s|@SEND_TIMEOUT@|$SEND_TIMEOUT|g" "$1" > "$2"
}

wait_port() { # port pid what
  local i
  for i in $(seq 1 300); do
    [ -n "$(ss -Hltn "sport = :$1")" ] && return 0
    kill -0 "$2" 2>/dev/null || die "$3 exited; see $OUT"
    sleep 0.2
  done
  die "$3 did not listen on $1 within 60 s"
}

start_nginx() { # dir template port: sets NGINX_STARTED_PID
  local dir=$1 template=$2 port=$3
  mkdir -p "$dir/tmp"
  render "$HERE/$template" "$dir/nginx.conf" "$dir"
  nginx -t -q -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" || die "nginx configuration $dir/nginx.conf is invalid"
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" -g 'daemon off;' &
  NGINX_STARTED_PID=$!
  wait_port "$port" "$NGINX_STARTED_PID" "nginx ($dir)"
}

# --- the upstream: nginx (fast, large) and slow_upstream.py (slow, upload), for the whole run ------------------

mkdir -p "$OUT/upstream/www"
head -c "$LARGE_BYTES" /dev/zero > "$OUT/upstream/www/large"
chmod -R a+rX "$OUT/upstream"
python3 -u "$HERE/slow_upstream.py" "$SLOW_PORT" "$SLOW_SECONDS" > "$OUT/slow-upstream.log" 2>&1 &
SLOW_PID=$!
wait_port "$SLOW_PORT" "$SLOW_PID" "slow_upstream.py"
start_nginx "$OUT/upstream" nginx-upstream.conf.in "$UPSTREAM_PORT"
UPSTREAM_PID=$NGINX_STARTED_PID
[ "$(curl -s --max-time 5 "http://127.0.0.1:$UPSTREAM_PORT/fast")" = ok ] || die "the upstream does not answer /fast"

# --- the proxies ---------------------------------------------------------------------------------------------

start_target() { # target dir: starts it fresh, sets TARGET_PID; checks it serves the legitimate client
  local target=$1 dir=$2
  case "$target" in
    nginx)
      start_nginx "$dir" nginx-proxy.conf.in "$NGINX_PORT"
      TARGET_PID=$NGINX_STARTED_PID
      wait_port "$NGINX_H2_PORT" "$TARGET_PID" "nginx proxy"
      ;;
    portcullis)
      render "$HERE/portcullis.yaml.in" "$dir/portcullis.yaml" "$dir"
      # shellcheck disable=SC2046,SC2086
      java $(grep -v '^#' "$ROOT/cli/jvm.options") $PORTCULLIS_JAVA_OPTS -jar "$JAR" run --no-watch \
          --config "$dir/portcullis.yaml" > "$dir/portcullis.out" 2> "$dir/portcullis.log" &
      TARGET_PID=$!
      wait_port "$PORTCULLIS_PORT" "$TARGET_PID" "Portcullis"
      ;;
    *) die "TARGETS: '$target' (expected: nginx, portcullis)" ;;
  esac
  local body
  body=$(curl -s --max-time 5 --interface $LEGIT "http://127.0.0.1:$(port_of "$target" h1)/fast") || true
  [ "$body" = ok ] || die "$target does not serve the legitimate client (got '$body')"
  body=$(curl -s --max-time 5 --http2-prior-knowledge --interface $LEGIT "http://127.0.0.1:$(port_of "$target" h2)/fast") || true
  [ "$body" = ok ] || die "$target does not serve h2c prior knowledge (got '$body')"
}

stop_target() {
  [ -n "$TARGET_PID" ] || return 0
  kill "$TARGET_PID" 2>/dev/null || true
  local i
  for i in $(seq 1 50); do
    kill -0 "$TARGET_PID" 2>/dev/null || break
    sleep 0.2
  done
  kill -9 "$TARGET_PID" 2>/dev/null || true
  wait "$TARGET_PID" 2>/dev/null || true
  TARGET_PID=""
}

port_of() { # target h1|h2
  case "$1:$2" in
    nginx:h1) echo "$NGINX_PORT" ;;
    nginx:h2) echo "$NGINX_H2_PORT" ;;
    portcullis:*) echo "$PORTCULLIS_PORT" ;;
  esac
}

pids_of() { # the proxy's processes: nginx master and workers, or the JVM
  [ -n "$TARGET_PID" ] || return 0
  echo "$TARGET_PID" $(pgrep -P "$TARGET_PID" 2>/dev/null || true)
}

# --- /proc measurements --------------------------------------------------------------------------------------

rss_kb() { # pids...: VmRSS sum in KiB (nginx: master and workers added up, shared pages counted in each)
  local total=0 pid v
  for pid in "$@"; do
    v=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null) || v=0
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

fd_count() { # pids...: open file descriptors, added up
  local total=0 pid n
  for pid in "$@"; do
    n=$(find "/proc/$pid/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l) || n=0
    total=$((total + n))
  done
  echo "$total"
}

cpu_ticks() { # pids...: user+system clock ticks
  local total=0 pid v
  for pid in "$@"; do
    v=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13}') || v=0
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
# Ours: the proxy, the upstream, and every child this shell has waited for (clients, samplers).
own_ticks() {
  # shellcheck disable=SC2046
  echo $(($(cpu_ticks $(pids_of) "$UPSTREAM_PID" $(pgrep -P "$UPSTREAM_PID") "$SLOW_PID") \
      + $(sed 's/.*) //' /proc/$$/stat | awk '{print $14 + $15}')))
}

tcp_kernel_kb() { # the kernel's TCP buffer memory, all sockets of the machine
  echo $(($(awk '$1 == "TCP:" {for (i = 2; i < NF; i++) if ($i == "mem") print $(i + 1)}' /proc/net/sockstat) * PAGE / 1024))
}

held() { # port source: connections the proxy has established with the source (as the proxy's side sees them)
  ss -Htn state established "( sport = :$1 )" 2>/dev/null | awk -v s="$2" '$4 ~ "^(\\[::ffff:)?" s "[]]?:" {n++} END {print n + 0}'
}

# sampler file port source: every 0.5 s until killed: time, RSS (KiB) and FDs of the proxy, the kernel's TCP
# memory (KiB), the attacker's connections the proxy holds
sampler() {
  local pids
  while :; do
    pids=$(pids_of)
    # shellcheck disable=SC2086
    printf '%s %s %s %s %s\n' "$(date +%s.%N)" "$(rss_kb $pids)" "$(fd_count $pids)" "$(tcp_kernel_kb)" \
        "$(held "$2" "$3")" >> "$1"
    sleep 0.5
  done
}

slow_stat() { # source field: the slow upstream's counter for one source (0 when it saw none)
  curl -s --max-time 5 "http://127.0.0.1:$SLOW_PORT/__stats" | python3 -c \
    'import json,sys; print(json.load(sys.stdin).get(sys.argv[1], {}).get(sys.argv[2], 0))' "$1" "$2"
}

legit() { # label target seconds warmup run-dir: one paced legitimate run; prints its RESULT line
  "${LEGIT_NICE[@]}" "${CLIENT_JAVA[@]}" io.portcullis.bench.abuse.LegitClient --target="127.0.0.1:$(port_of "$2" h1)" \
      --source=$LEGIT --rate="$LEGIT_RATE" --seconds="$3" --warmup="$4" --timeout-ms="$LEGIT_TIMEOUT_MS" \
      --path=/fast --raw="$5/legit-$1.raw" > "$5/legit-$1.txt" 2> "$5/legit-$1.err"
  grep '^RESULT ' "$5/legit-$1.txt" || die "legitimate client ($1, $2) printed no RESULT; see $5"
}

warm() { # target run-dir: the legitimate client's requests ramped up to WARM_RATE over WARM_SECONDS, not counted
  [ "$WARM_SECONDS" -gt 0 ] || return 0
  # a quarter of the rate, half, then the whole: a cold JVM answers slowly at first, and the open-loop client
  # would otherwise pile up requests in flight until the source's own limits refused it
  local step rate seconds
  for step in 4 2 1; do
    rate=$((WARM_RATE / step)); seconds=$((WARM_SECONDS / 3))
    "${CLIENT_JAVA[@]}" io.portcullis.bench.abuse.LegitClient --target="127.0.0.1:$(port_of "$1" h1)" \
        --source=$LEGIT --rate="$rate" --seconds="$seconds" --warmup=0 --timeout-ms="$LEGIT_TIMEOUT_MS" \
        --path=/fast > "$2/legit-warm-$rate.txt" 2> "$2/legit-warm-$rate.err" \
      || die "legitimate client (warm-up at $rate/s, $1) failed; see $2"
  done
}

kv() { # line key: the value of key=value in a RESULT line
  echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -1
}

# --- the attacks ---------------------------------------------------------------------------------------------

# attack_spec name: "label|protocol|source|driver arguments"
attack_spec() {
  case "$1" in
    slowloris) echo "1 slowloris, $CONNS conns|h1|$ATTACKER|--conns=$CONNS --trickle-ms=$TRICKLE_MS" ;;
    slow-body) echo "2 slow body, $CONNS conns|h1|$ATTACKER|--conns=$CONNS --body-bytes=1048576" ;;
    non-reading) echo "3 non-reading, $NONREAD_CONNS conns × $((LARGE_BYTES / 1048576)) MiB|h1|$ATTACKER|--conns=$NONREAD_CONNS --rcvbuf=4096" ;;
    h2-flood-no-ack) echo "4 h2 no SETTINGS ack, $H2_NOACK_CONNS×$H2_NOACK_STREAMS slow streams|h2|$ATTACKER|--conns=$H2_NOACK_CONNS --streams=$H2_NOACK_STREAMS" ;;
    h2-flood) echo "5 h2 SETTINGS acked, $H2_CONNS×$H2_STREAMS slow streams|h2|$ATTACKER|--conns=$H2_CONNS --streams=$H2_STREAMS" ;;
    chunk-flood) echo "6 1-byte chunks, $FLOOD_CONNS conns|h1|$ATTACKER|--conns=$FLOOD_CONNS" ;;
    h2-data-flood) echo "7 1-byte DATA, $FLOOD_CONNS conns|h2|$ATTACKER|--conns=$FLOOD_CONNS --streams=1" ;;
    continuation-flood) echo "8 empty CONTINUATION, $FLOOD_CONNS conns|h2|$ATTACKER|--conns=$FLOOD_CONNS" ;;
    connect-flood) echo "9 connect flood (not admitted), $CONNECT_CONCURRENCY in flight|h1|$STRANGER|--conns=$CONNECT_CONCURRENCY --open-rate=$CONNECT_RATE" ;;
    rapid-reset) echo "10a h2 rapid reset, $H2_CONTROL_CONNS conns|h2|$ATTACKER|--conns=$H2_CONTROL_CONNS" ;;
    ping-flood) echo "10b h2 PING flood, $H2_CONTROL_CONNS conns|h2|$ATTACKER|--conns=$H2_CONTROL_CONNS" ;;
    idle) echo "11 idle keep-alive, $CONNS conns|h1|$ATTACKER|--conns=$CONNS" ;;
    *) die "ATTACKS: '$1' (expected some of: $ALL_ATTACKS)" ;;
  esac
}

log_lines() { # target dir: lines the proxy has logged so far (Portcullis's stderr log, nginx's error log)
  case "$1" in
    nginx) wc -l < "$2/error.log" 2>/dev/null || echo 0 ;;
    portcullis) wc -l < "$2/portcullis.log" 2>/dev/null || echo 0 ;;
  esac
}

RUN=0
# run_attack attack target: one measured run in its own directory, ending in result.env
run_attack() {
  local attack=$1 target=$2 spec label proto source args
  spec=$(attack_spec "$attack")
  IFS='|' read -r label proto source args <<< "$spec"
  RUN=$((RUN + 1))
  local dir
  dir="$OUT/runs/$(printf '%02d' "$RUN")-$attack-$target"
  mkdir -p "$dir"
  local env="$dir/result.env"
  {
    echo "ATTACK=$attack"
    echo "LABEL=$label"
    echo "TARGET=$target"
    echo "CONNS_EXPECTED=$(echo "$args" | sed -n 's/.*--conns=\([0-9]*\).*/\1/p')"
    echo "STREAMS=$(echo "$args" | sed -n 's/.*--streams=\([0-9]*\).*/\1/p')"
  } > "$env"

  start_target "$target" "$dir"
  warm "$target" "$dir"
  local before
  before=$(legit before "$target" "$BASELINE_SECONDS" "$WARMUP_SECONDS" "$dir")
  local -a pids
  read -r -a pids <<< "$(pids_of)"
  local rss0 fd0 log0 access0 cpu0 m0 o0 load1
  rss0=$(rss_kb "${pids[@]}"); fd0=$(fd_count "${pids[@]}")
  log0=$(log_lines "$target" "$dir")
  curl -s --max-time 5 "http://127.0.0.1:$SLOW_PORT/__reset" > /dev/null
  sleep 1.2   # the upstream's access log flushes every second: everything before this offset is older
  access0=$(stat -c %s "$OUT/upstream/access.log")
  load1=$(cut -d' ' -f1 /proc/loadavg)
  cpu0=$(cpu_ticks "${pids[@]}"); m0=$(machine_ticks); o0=$(own_ticks)

  local attack_start
  attack_start=$(date +%s.%N)
  sampler "$dir/samples.txt" "$(port_of "$target" "$proto")" "$source" &
  local sampler_pid=$!
  BACKGROUND=("$sampler_pid")
  # shellcheck disable=SC2086
  "${CLIENT_JAVA[@]}" io.portcullis.bench.abuse.AbuseDriver "$attack" \
      --target="127.0.0.1:$(port_of "$target" "$proto")" --source="$source" --seconds="$ATTACK_SECONDS" \
      --max-conns="$MAX_CONNS" $args > "$dir/driver.txt" 2> "$dir/driver.err" &
  local driver_pid=$!
  BACKGROUND+=("$driver_pid")
  local during
  during=$(legit during "$target" $((ATTACK_SECONDS - RAMP_SECONDS - 1)) "$RAMP_SECONDS" "$dir")
  local i
  for i in $(seq 1 $((ATTACK_SECONDS + 30))); do
    kill -0 "$driver_pid" 2>/dev/null || break
    sleep 1
  done
  kill "$driver_pid" 2>/dev/null || true
  wait "$driver_pid" 2>/dev/null || true
  local cpu1 m1 o1
  # shellcheck disable=SC2046
  cpu1=$(cpu_ticks $(pids_of)); m1=$(machine_ticks); o1=$(own_ticks)

  # settle: the proxy's descriptors back near where they were, and nothing of the attacker's still at the upstream
  local settled=no fd_after waited=0
  for i in $(seq 1 $((SETTLE_SECONDS * 2))); do
    # shellcheck disable=SC2046
    fd_after=$(fd_count $(pids_of))
    if [ "$fd_after" -le $((fd0 + SETTLE_FD_SLACK)) ] && [ "$(slow_stat "$source" in_flight)" = 0 ]; then
      settled=yes
      break
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  kill "$sampler_pid" 2>/dev/null || true
  wait "$sampler_pid" 2>/dev/null || true
  BACKGROUND=()

  local alive=ok
  if ! kill -0 "$TARGET_PID" 2>/dev/null; then
    alive=exited
  elif [ "$(curl -s --max-time 5 --interface $LEGIT "http://127.0.0.1:$(port_of "$target" h1)/fast")" != ok ]; then
    alive="no answer"
  fi
  sleep 1.2   # the access log's last second
  local upstream_lines upstream_statuses
  upstream_lines=$(tail -c +$((access0 + 1)) "$OUT/upstream/access.log" | awk -v s="$source" '$2 == s' | wc -l)
  upstream_statuses=$(tail -c +$((access0 + 1)) "$OUT/upstream/access.log" | awk -v s="$source" '$2 == s {n[$5]++}
      END {for (k in n) printf "%s%s×%d", (c++ ? " " : ""), k, n[k]}')
  local log1
  log1=$(log_lines "$target" "$dir")
  {
    echo "BEFORE=$before"
    echo "DURING=$during"
    echo "DRIVER=$(grep '^RESULT ' "$dir/driver.txt" || echo 'RESULT missing')"
    echo "SUMMARY=$(sed -n 's/^SUMMARY //p' "$dir/driver.txt")"
    echo "RSS_BEFORE_KB=$rss0"
    echo "RSS_MAX_KB=$(awk 'BEGIN {m = 0} $2 > m {m = $2} END {print m}' "$dir/samples.txt")"
    echo "FDS_BEFORE=$fd0"
    echo "FDS_MAX=$(awk 'BEGIN {m = 0} $3 > m {m = $3} END {print m}' "$dir/samples.txt")"
    echo "TCP_KERNEL_MAX_KB=$(awk 'BEGIN {m = 0} $4 > m {m = $4} END {print m}' "$dir/samples.txt")"
    echo "TCP_MEM_LOW_KB=$TCP_MEM_LOW_KB"
    # "at end": the last sample before the attacker's own teardown
    local end_t
    end_t=$(awk -v s="$attack_start" -v d="$ATTACK_SECONDS" 'BEGIN {printf "%.3f", s + d - 0.3}')
    echo "FDS_AT_END=$(awk -v e="$end_t" '$1 <= e {f = $3} END {print f + 0}' "$dir/samples.txt")"
    echo "HELD_MAX=$(awk 'BEGIN {m = 0} $5 > m {m = $5} END {print m}' "$dir/samples.txt")"
    echo "HELD_AT_END=$(awk -v e="$end_t" '$1 <= e {h = $5} END {print h + 0}' "$dir/samples.txt")"
    echo "FDS_AFTER=$fd_after"
    echo "SETTLED=$settled"
    echo "SETTLE_WAIT_S=$(echo "$waited" | awk '{print $1 / 2}')"
    echo "CPU_CORES=$(awk -v a="$cpu0" -v b="$cpu1" -v t="$CLK_TCK" -v s="$ATTACK_SECONDS" 'BEGIN {printf "%.2f", (b - a) / t / s}')"
    echo "OTHERS_CORES=$(awk -v m="$((m1 - m0))" -v o="$((o1 - o0))" -v t="$CLK_TCK" -v s="$ATTACK_SECONDS" 'BEGIN {printf "%.2f", (m - o) / t / s}')"
    echo "LOAD1=$load1"
    echo "LOG_LINES=$((log1 - log0))"
    echo "UPSTREAM_REQUESTS=$upstream_lines"
    echo "UPSTREAM_STATUSES=$upstream_statuses"
    echo "UPSTREAM_MAX_IN_FLIGHT=$(slow_stat "$source" max_in_flight)"
    echo "UPSTREAM_ABORTED=$(slow_stat "$source" aborted)"
    echo "UPSTREAM_UPLOAD_BYTES=$(slow_stat "$source" upload_bytes)"
    echo "ALIVE=$alive"
  } >> "$env"
  stop_target
  log "$(printf '%-20s %-10s legit ok %s%% → %s%%, p99 %s → %s µs; RSS max %s MB; FDs max %s; %s' "$attack" "$target" \
      "$(kv "$before" ok_pct)" "$(kv "$during" ok_pct)" "$(kv "$before" p99_all_us)" "$(kv "$during" p99_all_us)" \
      "$(($(sed -n 's/^RSS_MAX_KB=//p' "$env") / 1024))" "$(sed -n 's/^FDS_MAX=//p' "$env")" "$alive")"
}

# --- metadata, runs, summary ---------------------------------------------------------------------------------

{
  echo "DATE=$(date -u +%Y-%m-%dT%H:%MZ)"
  echo "COMMAND=bench/abuse/abuse.sh"
  echo "SETTINGS=ATTACK_SECONDS=$ATTACK_SECONDS RAMP_SECONDS=$RAMP_SECONDS BASELINE_SECONDS=$BASELINE_SECONDS WARMUP_SECONDS=$WARMUP_SECONDS WARM=${WARM_RATE}x${WARM_SECONDS}s LEGIT_RATE=$LEGIT_RATE LEGIT_TIMEOUT_MS=$LEGIT_TIMEOUT_MS CONNS=$CONNS H2_NOACK=${H2_NOACK_CONNS}x$H2_NOACK_STREAMS H2=${H2_CONNS}x$H2_STREAMS FLOOD_CONNS=$FLOOD_CONNS H2_CONTROL_CONNS=$H2_CONTROL_CONNS CONNECT_CONCURRENCY=$CONNECT_CONCURRENCY MAX_CONNS=$MAX_CONNS SLOW_SECONDS=$SLOW_SECONDS BODY_TIMEOUT=$BODY_TIMEOUT SEND_TIMEOUT=$SEND_TIMEOUT"
  echo "NPROC=$(nproc)"
  echo "CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "MEM=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "NOFILE=$NOFILE"
  echo "JDK=$(java -version 2>&1 | head -1)"
  echo "NGINX=$(nginx -v 2>&1) (proxy: worker_processes $PROXY_WORKERS)"
  echo "REVISION=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD -- '*/src/main/**' 2>/dev/null || echo ' with uncommitted changes in src/main')"
  echo "UPTIME_START=$(uptime | sed 's/^ *//')"
} > "$OUT/meta.env"

IFS=',' read -r -a attack_list <<< "$ATTACKS"
IFS=',' read -r -a target_list <<< "$TARGETS"
for attack in "${attack_list[@]}"; do
  attack_spec "$attack" > /dev/null
done
for attack in "${attack_list[@]}"; do
  for target in "${target_list[@]}"; do
    run_attack "$attack" "$target"
  done
done

echo "UPTIME_END=$(uptime | sed 's/^ *//')" >> "$OUT/meta.env"
python3 "$HERE/summarize.py" "$OUT" | tee "$OUT/summary.md"
log "done; raw results in $OUT"
