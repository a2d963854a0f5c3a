#!/usr/bin/env bash
# Fault drills of the GPU fleet (issue 3), run against real processes on this machine:
#   1. kill -9 the activity worker while a GPU job runs; restart it: the song succeeds and the
#      GPU worker ran the job once (one execution, one re-attachment in its log);
#   2. two GPU workers; kill -9 the one running the audio job: the job is retried on the other,
#      the song succeeds, no credits are lost;
#   3. cancel during the audio step: how long until the GPU slot is free.
# Processes: the API with the workflow worker and the embedded Temporal/PostgreSQL
# (SPRING_PROFILES_ACTIVE=workflow-worker), a separate activity worker
# (SPRING_PROFILES_ACTIVE=activity-worker), and two gpu-worker.jar processes.
# Needs the jars (./mvnw -DskipTests package), a JDK 21+ as JAVA_HOME, curl and python3.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAVA="${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java"
WORK=$(mktemp -d /tmp/cadenza-drills.XXXX)
API_PORT=18181 WORKER_PORT=18182 TEMPORAL_PORT=17233 PG_PORT=15432 GPU_A=50061 GPU_B=50062
B=http://localhost:$API_PORT
cp "$ROOT/api/target/api.jar" "$WORK/api.jar"; cp "$ROOT/gpu-worker/target/gpu-worker.jar" "$WORK/gpu.jar"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
gpu() { GPU_WORKER_PORT=$1 GPU_WORKER_ID=$2 GPU_WORKER_SIMULATED_SECONDS=6 "$JAVA" -jar "$WORK/gpu.jar" >>"$WORK/$2.log" 2>&1 & echo $!; }
activity_worker() {
  SERVER_PORT=$WORKER_PORT APP_DATA_DIR=$WORK/worker STORAGE_DIR=$WORK/data/storage \
  SPRING_PROFILES_ACTIVE=activity-worker TEMPORAL_ADDRESS=127.0.0.1:$TEMPORAL_PORT \
  DATABASE_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres DATABASE_USERNAME=postgres \
  GPU_WORKER_ADDRESSES=127.0.0.1:$GPU_A,127.0.0.1:$GPU_B "$JAVA" -jar "$WORK/api.jar" >>"$WORK/worker.log" 2>&1 & echo $!
}
wait_up() { for _ in $(seq 1 120); do curl -fs "$1/actuator/health" >/dev/null 2>&1 && return 0; sleep 1; done; echo "not up: $1" >&2; exit 1; }
song() { curl -s -XPOST $B/v1/generations -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"type":"song","input":{"prompt":"lo-fi, rain, 75 bpm","lyrics":"[Verse]\nrain again","durationSeconds":20}}' | json 'd["id"]'; }
status() { curl -s $B/v1/generations/$1 -H "Authorization: Bearer $KEY" | json 'd["status"]'; }
await_end() { for _ in $(seq 1 120); do s=$(status "$1"); case $s in succeeded|failed|canceled) echo "$s"; return;; esac; sleep 1; done; echo timeout; }
await_audio() { for _ in $(seq 1 60); do grep -qh "$1:GenerateAudio started" "$WORK"/gpu-*.log 2>/dev/null && return; sleep 0.2; done; }
credits() { curl -s $B/v1/me -H "Authorization: Bearer $KEY" | json '"balance=%d reserved=%d" % (d["credits"]["balance"], d["credits"]["reserved"])'; }

PIDS+=("$(gpu $GPU_A gpu-a)") ; GPU_A_PID=${PIDS[-1]}
PIDS+=("$(gpu $GPU_B gpu-b)")
SERVER_PORT=$API_PORT APP_DATA_DIR=$WORK/data SPRING_PROFILES_ACTIVE=workflow-worker \
  APP_EMBEDDED_TEMPORAL_PORT=$TEMPORAL_PORT APP_EMBEDDED_POSTGRES_PORT=$PG_PORT \
  GPU_WORKER_ADDRESSES=127.0.0.1:$GPU_A,127.0.0.1:$GPU_B "$JAVA" -jar "$WORK/api.jar" >"$WORK/api.log" 2>&1 &
PIDS+=($!)
wait_up $B
WORKER_PID=$(activity_worker); PIDS+=("$WORKER_PID"); wait_up http://localhost:$WORKER_PORT
ADMIN=$(cat "$WORK/data/admin-api-key")
KEY=$(curl -s -XPOST $B/v1/admin/users -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"email":"drill@example.com","name":"Drill","credits":100}' | json 'd["apiKey"]')

echo "== 1. activity worker killed (kill -9) during the GPU job"
ID=$(song); await_audio "$ID"; kill -9 "$WORKER_PID"; sleep 2
WORKER_PID=$(activity_worker); PIDS+=("$WORKER_PID")
echo "status: $(await_end "$ID"); $(credits)"
echo "GPU executions of $ID:GenerateAudio: $(grep -h "$ID:GenerateAudio started" "$WORK"/gpu-*.log | wc -l), re-attachments: $(grep -h "$ID:GenerateAudio re-attached" "$WORK"/gpu-*.log | wc -l)"

echo "== 2. GPU worker killed (kill -9) during the audio job"
ID=$(song); await_audio "$ID"
VICTIM=$(grep -l "$ID:GenerateAudio started" "$WORK"/gpu-*.log | head -1)
if [ "$(basename "$VICTIM")" = gpu-a.log ]; then kill -9 "$GPU_A_PID"; else kill -9 "${PIDS[1]}"; fi
echo "killed $(basename "$VICTIM" .log); status: $(await_end "$ID"); $(credits)"
echo "audio job starts across workers: $(grep -h "$ID:GenerateAudio started" "$WORK"/gpu-*.log | wc -l)"

echo "== 3. cancel during the audio step"
ID=$(song); await_audio "$ID"; sleep 1
T0=$(date +%s%3N); curl -s -o /dev/null -XPOST $B/v1/generations/$ID/cancel -H "Authorization: Bearer $KEY"
for _ in $(seq 1 100); do grep -qh "$ID:GenerateAudio canceled" "$WORK"/gpu-*.log && break; sleep 0.05; done
T1=$(date +%s%3N)
echo "slot freed $((T1 - T0)) ms after the cancel request; status: $(await_end "$ID"); $(credits)"
echo "logs in $WORK"
