#!/usr/bin/env bash
# Server memory under load: starts `./docent serve` on sample-corpus (the launcher's default heap
# bound), waits for the index, then sends REQUESTS /ask requests, CONCURRENCY at a time, on
# loopback only, sampling the JVM's RSS every 0.2 s. Prints idle RSS, peak RSS, the heap bound
# and the answers' status codes. Usage: docs/bench/rss-under-load.sh [CONCURRENCY] [REQUESTS] [ROOT]
set -euo pipefail
CONC="${1:-200}"; REQS="${2:-2000}"; ROOT="${3:-$(cd "$(dirname "$0")/../.." && pwd)}"
WORK="$(mktemp -d)"; trap 'kill "${PID:-0}" 2>/dev/null; rm -rf "$WORK"' EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$ROOT/docent" serve --port "$PORT" --data "$WORK/data" "$ROOT/sample-corpus" >"$WORK/serve.log" 2>&1 &
PID=$!
# The API wants the owner's token (DATA/api-token, written at start); wait until the folder is indexed.
until [ -s "$WORK/data/api-token" ] && curl -sf -H "Authorization: Bearer $(cat "$WORK/data/api-token")" \
    "http://127.0.0.1:$PORT/api/status" 2>/dev/null | grep -q '"up_to_date":true'; do sleep 0.5; done
export TOKEN="$(cat "$WORK/data/api-token")"
JPID=$(pgrep -P "$PID" java || echo "$PID") # the launcher execs java, so usually the same pid
rss() { awk '/^VmRSS:/ {print int($2/1024)}' "/proc/$JPID/status"; }
sleep 2; IDLE=$(rss)
HEAP=$(tr '\0' '\n' < "/proc/$JPID/cmdline" | grep '^-Xmx' || echo "(JVM default)")
( peak=0; while kill -0 "$JPID" 2>/dev/null; do r=$(rss); [ "$r" -gt "$peak" ] && peak=$r && echo "$peak" > "$WORK/peak"; sleep 0.2; done ) &
SAMPLER=$!
QUESTIONS=("How many days of annual leave do employees get?" "What is the monthly rent for the Harrowgate warehouse?"
  "How long does it take to fully charge the PK-3?" "Who approves travel expenses?")
t0=$(date +%s)
seq "$REQS" | xargs -P "$CONC" -I{} sh -c 'i={}; q="$1"; curl -s -o /dev/null -w "%{http_code}\n" --max-time 60 \
  -X POST "http://127.0.0.1:'"$PORT"'/ask" -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" -d "{\"question\": \"$q\", \"top_k\": 5}"' _ \
  "${QUESTIONS[$((RANDOM % 4))]}" > "$WORK/codes"
t1=$(date +%s)
sleep 1; kill "$SAMPLER" 2>/dev/null || true
echo "heap bound: $HEAP"
echo "idle RSS: ${IDLE} MB; peak RSS during $REQS asks at concurrency $CONC: $(cat "$WORK/peak") MB; took $((t1 - t0)) s"
echo "status codes: $(sort "$WORK/codes" | uniq -c | tr '\n' ' ')"
