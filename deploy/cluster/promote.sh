#!/usr/bin/env bash
# Submits a configuration directory to the control plane as a plan and makes it the current version, as the
# operator (docs/deploy.md; the API: docs/control-api.yaml). Every node follows within 2 s.
#   usage: promote.sh [PLAN_DIR] [CONTROL_URL]     (defaults: deploy/cluster/plan, https://127.0.0.1:8443)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
plan="${1:-$here/plan}"
control="${2:-https://127.0.0.1:8443}"
tls=(--cacert "$here/secrets/ca.pem" --cert "$here/secrets/operator.pem" --key "$here/secrets/operator.key")
# {"files": {"NAME.yaml": "...text..."}, "description": "..."}: every file of the directory by its relative path.
body=$(cd "$plan" && jq -n --arg d "promote.sh $(date -u +%FT%TZ)" '{files: {}, description: $d}' \
  | { b=$(cat); for f in $(find . -type f -name '*.yaml' | sort | sed 's|^\./||'); do
        b=$(jq --arg name "$f" --rawfile text "$f" '.files[$name] = $text' <<<"$b"); done; echo "$b"; })
digest=$(curl -sS --fail-with-body "${tls[@]}" -H 'Content-Type: application/json' --data "$body" "$control/v1/plans" \
  | jq -r .digest)
echo "plan $digest"
curl -sS --fail-with-body "${tls[@]}" -X PUT -H 'Content-Type: application/json' \
  --data "{\"digest\": \"$digest\"}" "$control/v1/current"
echo
