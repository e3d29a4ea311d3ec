#!/usr/bin/env bash
# Makes what the three-node example needs and nobody should commit, in deploy/cluster/secrets/ (docs/deploy.md):
#   ca.pem                      the example CA: signs the control plane's certificate and every caller's
#   control.pem, control.key    the control plane's TLS certificate (names: control, localhost, 127.0.0.1)
#   gw-N.pem, gw-N.key          node N's client certificate (CN=gw-N, the node role at the control plane)
#   operator.pem, operator.key  the operator's client certificate (CN=operator: viewer, proposer, operator)
#   gw-N-audit.key              node N's Ed25519 audit signing key (each node signs its own log)
# Keys are PKCS#8 PEM (openssl genpkey). They are readable by every user so that the containers' user (10001)
# reads them from a bind mount: an example's shortcut; in production give each host only its own, mode 0600.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
out=secrets
mkdir -p "$out"
cd "$out"
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
[ -f ca.key ] || { key ca.key; openssl req -x509 -new -key ca.key -subj "/CN=portcullis example CA" -days 365 -out ca.pem; }
issue() { # name subject [subjectAltName]
  key "$1.key"
  openssl req -new -key "$1.key" -subj "$2" -out "$1.csr"
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 365 -out "$1.pem" \
    -extfile <(printf 'basicConstraints=CA:FALSE\n%s\n' "${3:+subjectAltName=$3}") 2>/dev/null
  rm "$1.csr"
}
issue control "/CN=control" "DNS:control,DNS:localhost,IP:127.0.0.1"
for n in 1 2 3; do
  issue "gw-$n" "/CN=gw-$n"
  openssl genpkey -algorithm ed25519 -out "gw-$n-audit.key"
done
issue operator "/CN=operator"
chmod 0644 ./*.pem ./*.key
chmod 0600 ca.key
echo "wrote $(pwd): ca.pem, control, gw-1..3 (+ audit keys), operator"
