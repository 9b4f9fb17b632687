#!/usr/bin/env bash
# Server RSS with 100,000 chunks indexed, measured on `serve` itself, launched as users launch it
# (./docent: the built jar, the launcher's heap flags and class-data archive).
# 1. (once per WORK) bench's ServeRssCorpus writes plain-text notes under WORK/docs that chunk to
#    CHUNKS chunks and fills WORK/data's embedding cache with a random unit vector per chunk, keyed
#    as the sync looks it up; then `serve` indexes WORK/docs with its own sync (walk, hash, read,
#    chunk, cache look-up, Lucene with HNSW, catalog) and the script checks it embedded nothing;
#    RSS during and after the sync, NMT's summary at its end, RSS 60 s later.
# 2. `serve` restarted on that data directory: idle RSS, then REQUESTS requests on loopback,
#    CONCURRENCY at a time, half extractive POST /ask and half GET /api/search, with the API token
#    from WORK/data/api-token; VmRSS sampled every 0.2 s from /proc/PID/status (peak with its
#    RssAnon/RssFile), RSS after, status codes.
# 3. The same again with Native Memory Tracking (JDK_JAVA_OPTIONS=-XX:NativeMemoryTracking=summary)
#    and `jcmd PID VM.native_memory summary` after the load: where the memory goes.
# Step 2 runs RUNS times (each a fresh serve), step 3 once. With COMPARE="JVM flags" in the
# environment, each run of step 2 is followed by one with those flags (interleaved A/B).
# Usage: docs/bench/serve-rss-100k.sh [WORK] [CHUNKS] [REQUESTS] [CONCURRENCY] [RUNS]   (REQUESTS 0: index only)
# Builds first (./mvnw install -DskipTests; the bench module with -Pbench). Needs curl, python3, jcmd.
set -euo pipefail
WORK="${1:-/tmp/docent-serve-rss}"; CHUNKS="${2:-100000}"; REQS="${3:-500}"; CONC="${4:-20}"; RUNS="${5:-3}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
mkdir -p "$WORK"
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; true' EXIT

if [ ! -f "$WORK/indexed" ]; then
  cp_file="$WORK/bench.classpath"
  (cd "$ROOT" && ./mvnw -q -B -Pbench -pl bench -am compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >/dev/null)
  if [ ! -f "$WORK/questions.txt" ]; then
    umask 077 # the data directory and its cache are private, as serve makes them
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
      -cp "$ROOT/bench/target/classes:$(cat "$cp_file")" dev.docent.bench.ServeRssCorpus "$WORK" "$CHUNKS"
  fi
fi

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
start_serve() { # LABEL [JDK_JAVA_OPTIONS]
  env ${2:+"JDK_JAVA_OPTIONS=$2"} "$ROOT/docent" serve --port "$PORT" --data "$WORK/data" "$WORK/docs" > "$WORK/serve-$1.log" 2>&1 &
  PID=$!
  until [ -s "$WORK/data/api-token" ] && curl -sf -o /dev/null -H "Authorization: Bearer $(cat "$WORK/data/api-token")" "$BASE/api/status"; do
    kill -0 "$PID" || { echo "serve exited; see $WORK/serve-$1.log" >&2; exit 1; }; sleep 0.5; done
  TOKEN="$(cat "$WORK/data/api-token")"
}
status() { curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/status"; }
wait_up_to_date() { until status | grep -q '"up_to_date":true'; do sleep 2; done; }
rss() { awk '/^VmRSS:|^RssAnon:|^RssFile:/ {printf "%s %d MB  ", $1, $2/1024}' "/proc/$PID/status"; }
sample_peak() { # writes "peakVmRSS anon file" (MB) to $WORK/peak while $PID lives
  local peak=0
  while kill -0 "$PID" 2>/dev/null; do
    read -r v a f < <(awk '/^VmRSS:/ {v=$2} /^RssAnon:/ {a=$2} /^RssFile:/ {f=$2} END {print int(v/1024), int(a/1024), int(f/1024)}' "/proc/$PID/status")
    if [ "$v" -gt "$peak" ]; then peak=$v; echo "$v $a $f" > "$WORK/peak"; fi
    sleep 0.2
  done
}
nmt() { # LABEL: Native Memory Tracking's summary (serve started with -XX:NativeMemoryTracking=summary)
  "$JAVA_HOME/bin/jcmd" "$PID" VM.native_memory summary scale=MB > "$WORK/nmt-$1.txt"
  grep -E "^Total|^ +malloc:|^ +mmap:|^-" "$WORK/nmt-$1.txt" | sed 's/^-  */  /' | cut -c1-100
  echo "  Java heap: $(grep -A1 'Java Heap' "$WORK/nmt-$1.txt" | tail -1 | tr -s ' ')"
}
stop_serve() { kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; PID=""; }
sizes() {
  echo "on disk: $(du -sm "$WORK/docs" | cut -f1) MB of notes ($(find "$WORK/docs" -type f | wc -l) files);" \
    "data dir $(du -sm "$WORK/data" | cut -f1) MB: Lucene index $(du -smc "$WORK"/data/index "$WORK"/data/generations/*/index 2>/dev/null | tail -1 | cut -f1) MB," \
    "catalog $(du -smc "$WORK"/data/catalog.db* "$WORK"/data/generations/*/catalog.db* 2>/dev/null | tail -1 | cut -f1) MB," \
    "embedding cache $(du -smc "$WORK"/data/embedding-cache.db* | tail -1 | cut -f1) MB"
}

if [ ! -f "$WORK/indexed" ]; then
  echo "== serve's own sync of $WORK/docs (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  t0=$(date +%s); start_serve index "-XX:NativeMemoryTracking=summary"
  rm -f "$WORK/peak"; sample_peak & SAMPLER=$!
  wait_up_to_date
  echo "synced in $(( $(date +%s) - t0 )) s; RSS now: $(rss); peak during the sync: $(cat "$WORK/peak") (VmRSS anon file, MB)"
  kill "$SAMPLER" 2>/dev/null || true
  status; echo
  nmt index-synced
  sleep 60
  echo "60 s later, idle: $(rss)"
  stop_serve
  grep -ho 'Sync of .*' "$WORK"/data/logs/docent*.log | head -3
  if grep -qE 'embedded=[1-9]' "$WORK"/data/logs/docent*.log; then echo "the sync embedded chunks: the cache did not match" >&2; exit 1; fi
  date > "$WORK/indexed"
fi
sizes
[ "$REQS" = 0 ] && exit 0 # indexing only

measure() { # LABEL [JDK_JAVA_OPTIONS]
  echo "== $1 (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  start_serve "$@"
  wait_up_to_date
  sleep 10
  echo "idle, up to date: $(rss)"
  status | grep -o '"chunks":[0-9]*' | head -1
  rm -f "$WORK/peak"; sample_peak & SAMPLER=$!
  t0=$(date +%s)
  export BASE TOKEN
  awk -v n="$REQS" 'NR==FNR {q[++k]=$0; next} END {for (i=0; i<n; i++) print (i%2 ? "search" : "ask") "\t" q[i%k+1]}' \
    "$WORK/questions.txt" /dev/null | xargs -d '\n' -P "$CONC" -I{} bash -c '
      IFS=$'"'\t'"' read -r kind q <<< "$1"
      if [ "$kind" = ask ]; then
        curl -s -o /dev/null -w "ask %{http_code}\n" --max-time 120 -X POST "$BASE/ask" -H "Authorization: Bearer $TOKEN" \
          -H "Content-Type: application/json" -d "$(python3 -c "import json,sys; print(json.dumps({\"question\": sys.argv[1], \"top_k\": 5}))" "$q")"
      else
        curl -s -o /dev/null -w "search %{http_code}\n" --max-time 120 -G "$BASE/api/search" -H "Authorization: Bearer $TOKEN" \
          --data-urlencode "q=$q" --data-urlencode "top_k=5"
      fi' _ {} > "$WORK/codes-$1"
  took=$(( $(date +%s) - t0 ))
  sleep 1
  kill "$SAMPLER" 2>/dev/null || true
  echo "peak during $REQS requests x$CONC ($took s): $(cat "$WORK/peak") (VmRSS anon file, MB); after: $(rss)"
  echo "status codes: $(sort "$WORK/codes-$1" | uniq -c | tr -s ' \n' ' ')"
  case "${2:-}" in *NativeMemoryTracking*) nmt "$1" ;; esac
  stop_serve
}
for run in $(seq "$RUNS"); do
  measure "plain-$run"
  [ -n "${COMPARE:-}" ] && measure "compare-$run" "$COMPARE"
done
measure nmt "-XX:NativeMemoryTracking=summary"
