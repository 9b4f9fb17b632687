#!/usr/bin/env bash
# Where the server's memory goes: starts `serve` on sample-corpus from the built jar with the given
# JVM flags (pass the launcher's, e.g. -Xmx2048m -Xms32m ...) and Native Memory Tracking, waits for
# the index, prints idle RSS (anonymous + file-backed), sends 300 extractive /ask requests 20 at a
# time on loopback, prints the peak RSS and NMT's summary. Build first: ./mvnw -q -pl cli -am package -DskipTests
# Usage: docs/bench/server-memory.sh LABEL [JVM FLAGS...]
set -u
LABEL=$1; shift
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
J="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin"
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$J/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -XX:NativeMemoryTracking=summary "$@" \
  -Ddocent.config="$ROOT/config/docent.properties" -jar "$ROOT/cli/target/docent.jar" serve --port "$PORT" \
  --data "$WORK/data" "$ROOT/sample-corpus" > "$WORK/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
# The API wants the owner's token (DATA/api-token, written at start); wait until the folder is indexed.
for _ in $(seq 600); do [ -s "$WORK/data/api-token" ] && curl -sf -H "Authorization: Bearer $(cat "$WORK/data/api-token")" \
  "http://127.0.0.1:$PORT/api/status" 2>/dev/null | grep -q '"up_to_date":true' && break; sleep 0.5; done
TOKEN="$(cat "$WORK/data/api-token")"
sleep 3
rss() { awk '/^VmRSS:|^RssAnon:|^RssFile:/ {printf "%s %d MB  ", $1, $2/1024}' "/proc/$PID/status"; }
echo "[$LABEL] idle: $(rss)"
Q='{"question": "How long does it take to fully charge the PK-3?", "top_k": 5}'
peak=0
( seq 300 | xargs -P 20 -I{} curl -s -o /dev/null --max-time 60 -X POST "http://127.0.0.1:$PORT/ask" \
    -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" -d "$Q" ) &
LOAD=$!
while kill -0 $LOAD 2>/dev/null; do r=$(awk '/^VmRSS:/ {print int($2/1024)}' "/proc/$PID/status"); [ "$r" -gt "$peak" ] && peak=$r; sleep 0.2; done
echo "[$LABEL] peak under 300 asks x20: $peak MB; after: $(rss)"
"$J/jcmd" $PID VM.native_memory summary | grep -E "Total|Java Heap|Class \(|Thread \(|Code \(|GC \(|Internal|Other \(|Metaspace|Arena|Symbol|Compiler|Shared" | cut -c1-110
