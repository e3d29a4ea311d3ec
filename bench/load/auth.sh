#!/usr/bin/env bash
# Issue 5's end-to-end target: throughput with JWT (a cached token), claims binding, a 10-statement resource policy
# and a rate limit on, against the network guard (and the same rate limit) alone. One Portcullis node serves both
# APIs from the same nginx upstream; wrk drives them in interleaved rounds (the order rotated each round) with
# the same connections and threads, after warming both up, and the medians are compared.
#
#   bench/load/auth.sh                       DURATION [15] s per run, ROUNDS [3], CONNECTIONS [64], WARMUP [20] s
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${DURATION:=15}" "${ROUNDS:=3}" "${CONNECTIONS:=64}" "${WARMUP:=20}" "${BASE_PORT:=18280}"
command -v wrk >/dev/null && command -v nginx >/dev/null || apt-get install -y -q wrk nginx >/dev/null
[ -f cli/target/portcullis.jar ] || ./portcullis --version >/dev/null
[ -f bench/target/benchmarks.jar ] || mvn -q -B -pl bench -am install -DskipTests
WORK=$(mktemp -d /tmp/portcullis-auth-load.XXXXXX)
UP=$BASE_PORT; GUARD=$((BASE_PORT + 1)); AUTH=$((BASE_PORT + 2))
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
mkdir -p "$WORK/tmp"
cat > "$WORK/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp; uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
    keepalive_requests 1000000000;
    server { listen 127.0.0.1:$UP backlog=4096; default_type text/plain; location / { return 200 "ok\n"; } }
}
EOF
nginx -p "$WORK" -c "$WORK/nginx.conf" -e "$WORK/error.log" -g 'daemon off;' & PIDS+=($!)
TOKEN=$(java -cp bench/target/benchmarks.jar io.portcullis.bench.auth.MintToken "$WORK" loadgen sg-bench-clients)
STATEMENTS=""
for i in 0 1 2 3 4 5 6 7 8; do
  STATEMENTS+="        - {Sid: Deny$i, Effect: Deny, Principal: \"*\", Action: \"execute-api:Invoke\", Resource: \"execute-api:/*\", Condition: {StringEquals: {\"aws:SourceVpc\": vpc-bench}, IpAddress: {\"aws:SourceIp\": 127.0.0.0/8}, \"ForAnyValue:StringLike\": {\"portcullis:SourceSecurityGroups\": [\"sg-never-$i*\"]}}}
"
done
cat > "$WORK/portcullis.yaml" <<EOF
accounts: [{id: "111111111111", name: bench}]
vpcs: [{id: vpc-bench, account: "111111111111", cidrs: [127.0.0.0/24]}]
securityGroups:
  - id: sg-bench-api
    account: "111111111111"
    vpc: vpc-bench
    ingress:
      - {protocol: tcp, ports: $GUARD, from: {group: sg-bench-clients}}
      - {protocol: tcp, ports: $AUTH, from: {group: sg-bench-clients}}
  - {id: sg-bench-clients, account: "111111111111", vpc: vpc-bench}
workloads:
  - {id: loadgen, account: "111111111111", vpc: vpc-bench, addresses: [127.0.0.1], groups: [sg-bench-clients]}
apis:
  - name: guard
    account: "111111111111"
    vpc: vpc-bench
    listen: "127.0.0.1:$GUARD"
    securityGroups: [sg-bench-api]
    upstream: "http://127.0.0.1:$UP"
    limits: {rateLimits: [{key: workload, capacity: 1000000000, refillTokens: 1000000000, refillPeriod: 1s}]}
  - name: auth
    account: "111111111111"
    vpc: vpc-bench
    listen: "127.0.0.1:$AUTH"
    securityGroups: [sg-bench-api]
    upstream: "http://127.0.0.1:$UP"
    limits: {rateLimits: [{key: workload, capacity: 1000000000, refillTokens: 1000000000, refillPeriod: 1s}]}
    auth:
      jwt: {issuer: "https://idp.bench", audiences: [bench], algorithms: [ES256], jwks: jwks.json}
      bind: {groupsClaim: groups, accountClaim: account, workloadClaim: sub}
      principal: "arn:aws:iam::{account}:role/{sub}"
    resourcePolicy:
      Version: "2012-10-17"
      Statement:
$STATEMENTS        - {Sid: Allow, Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*", Condition: {StringEquals: {"aws:SourceVpc": vpc-bench}, IpAddress: {"aws:SourceIp": 127.0.0.0/8}, "ForAnyValue:StringLike": {"portcullis:SourceSecurityGroups": ["sg-bench*"]}}}
EOF
# shellcheck disable=SC2046
java $(grep -v '^#' cli/jvm.options) -jar cli/target/portcullis.jar run --no-watch --config "$WORK/portcullis.yaml" > "$WORK/portcullis.log" 2>&1 & PIDS+=($!)
for _ in $(seq 100); do grep -q '^ready' "$WORK/portcullis.log" && break; sleep 0.2; done
grep -q '^ready' "$WORK/portcullis.log" || { cat "$WORK/portcullis.log"; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$AUTH/x")
[ "$status" = 200 ] || { echo "auth API answered $status to the benchmark token" >&2; exit 1; }
run() { # target seconds -> requests/s and p99
  local url header=()
  if [ "$1" = auth ]; then url="http://127.0.0.1:$AUTH/x"; header=(-H "Authorization: Bearer $TOKEN"); else url="http://127.0.0.1:$GUARD/x"; fi
  wrk -t1 -c"$CONNECTIONS" -d"${2}s" --latency "${header[@]}" "$url" > "$WORK/wrk.out"
  grep -q 'Non-2xx' "$WORK/wrk.out" && { cat "$WORK/wrk.out" >&2; echo "non-2xx answers" >&2; exit 1; }
  echo "$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out") $(awk '$1=="99%" {print $2}' "$WORK/wrk.out")"
}
run guard "$WARMUP" > /dev/null; run auth "$WARMUP" > /dev/null
declare -A RPS
for r in $(seq "$ROUNDS"); do
  order=(guard auth); [ $((r % 2)) = 0 ] && order=(auth guard)
  for t in "${order[@]}"; do
    out=$(run "$t" "$DURATION"); RPS[$t]+="${out%% *} "
    echo "$(date +%T) round $r $t: $out (requests/s, p99)  load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
g=$(echo "${RPS[guard]}" | median); a=$(echo "${RPS[auth]}" | median)
echo "median requests/s: guard only $g, JWT (cached) + binding + 10-statement policy + rate limit $a; ratio $(awk -v a="$a" -v g="$g" 'BEGIN {printf "%.2f", a / g}') (target >= 0.8)"
