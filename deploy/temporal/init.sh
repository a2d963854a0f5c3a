#!/bin/sh
# Runs in temporalio/admin-tools once the server is up: creates the namespace and registers
# Cadenza's search attributes (all Keyword), skipping what exists, so it can run on every
# `docker compose up`.
set -eu
ADDRESS=${TEMPORAL_ADDRESS:-temporal:7233}
NAMESPACE=${TEMPORAL_NAMESPACE:-default}
ATTRIBUTES="GenerationType UserId GenerationStatus"

# The CLI may try the host's IPv6 address first, where the frontend does not listen.
HOST=${ADDRESS%:*}
IP=$(getent ahostsv4 "$HOST" | awk 'NR == 1 { print $1 }')
[ -n "$IP" ] && ADDRESS="$IP:${ADDRESS##*:}"

tries=0
until temporal operator cluster health --address "$ADDRESS" >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -ge 60 ] && { echo "Temporal at $ADDRESS is not healthy" >&2; exit 1; }
  sleep 2
done

if ! temporal operator namespace describe --namespace "$NAMESPACE" --address "$ADDRESS" >/dev/null 2>&1; then
  temporal operator namespace create --namespace "$NAMESPACE" --retention 72h --address "$ADDRESS"
fi

# A new namespace takes a few seconds to reach every frontend cache: retry until it does.
for name in $ATTRIBUTES; do
  tries=0
  until temporal operator search-attribute list --namespace "$NAMESPACE" --address "$ADDRESS" \
      | grep -qw "$name"; do
    tries=$((tries + 1))
    [ "$tries" -ge 30 ] && { echo "Could not register search attribute $name" >&2; exit 1; }
    temporal operator search-attribute create --namespace "$NAMESPACE" --address "$ADDRESS" \
      --name "$name" --type Keyword || sleep 2
  done
  echo "Search attribute $name (Keyword) is registered"
done
