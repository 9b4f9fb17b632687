#!/usr/bin/env bash
# The release archive as a user gets it (run by .ci/run after `./mvnw -Pdist -DskipTests package`):
# unpacked into a temporary folder, run with an environment that has no JAVA_HOME and a PATH that
# holds no Java at all (only the few shell tools bin/docent uses), it prints its usage with nothing
# on stderr, indexes sample-corpus, answers the README's question (27 days of leave), and the
# serving process's executable is the bundled runtime's java.
# Usage: dist/test-archive.sh [ARCHIVE.tar.gz]   (default: the one in dist/target)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ARCHIVE="${1:-$(ls "$ROOT"/dist/target/docent-*.tar.gz 2>/dev/null | head -1)}"
[ -f "$ARCHIVE" ] || { echo "test-archive: no archive (build it: ./mvnw -Pdist -DskipTests package)" >&2; exit 1; }
QUESTION="How many days of annual leave do employees get?"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/docent-archive-test.XXXXXX")"
PID=""
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "test-archive: FAILED: $*" >&2; for f in "$WORK"/serve.out "$WORK"/serve.err; do [ -f "$f" ] && { echo "--- $f" >&2; tail -40 "$f" >&2; }; done; exit 1; }

started=$(date +%s)
tar -xzf "$ARCHIVE" -C "$WORK"
INSTALL="$(ls -d "$WORK"/docent-*/)"; INSTALL="${INSTALL%/}"
echo "test-archive: $(basename "$ARCHIVE"): $(du -k "$ARCHIVE" | cut -f1) KB, unpacked $(du -sk "$INSTALL" | cut -f1) KB"

# A PATH with no Java: only the tools bin/docent calls.
mkdir -p "$WORK/path" "$WORK/home"
for tool in sh dirname readlink sed awk tail date mktemp mkfifo grep rm cat; do
  ln -s "$(command -v "$tool")" "$WORK/path/$tool"
done
ENVIRONMENT=(env -i "HOME=$WORK/home" "PATH=$WORK/path" "LANG=C.UTF-8")
"${ENVIRONMENT[@]}" sh -c 'command -v java' >/dev/null 2>&1 && fail "java is on the test PATH"

# 1. --help: the usage on stdout, nothing on stderr (the incubator warning is filtered).
"${ENVIRONMENT[@]}" "$INSTALL/bin/docent" --help >"$WORK/help.out" 2>"$WORK/help.err" || fail "--help exited with $?"
grep -q "Usage:" "$WORK/help.out" || fail "--help printed no usage"
[ ! -s "$WORK/help.err" ] || fail "--help wrote to stderr: $(cat "$WORK/help.err")"

# 2. serve sample-corpus, wait until indexed, ask.
"${ENVIRONMENT[@]}" "$INSTALL/bin/docent" serve --port 0 --data "$WORK/data" "$ROOT/sample-corpus" \
  >"$WORK/serve.out" 2>"$WORK/serve.err" &
PID=$!
PORT=""
for _ in $(seq 1 600); do
  PORT=$(sed -n 's|^Docent is serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$WORK/serve.out")
  [ -n "$PORT" ] && break
  kill -0 "$PID" 2>/dev/null || fail "serve exited"
  sleep 0.1
done
[ -n "$PORT" ] || fail "serve did not start within 60 s"

EXE="$(readlink "/proc/$PID/exe" 2>/dev/null || true)"
if [ -n "$EXE" ]; then
  [ "$EXE" = "$INSTALL/runtime/bin/java" ] || fail "the serving process runs $EXE, not the bundled $INSTALL/runtime/bin/java"
  echo "test-archive: the serving process (pid $PID) runs $EXE"
else
  echo "test-archive: no /proc here: the process's executable was not checked"
fi

auth() { if [ -f "$WORK/data/api-token" ]; then printf 'Authorization: Bearer %s' "$(cat "$WORK/data/api-token")"; else printf 'X-No-Token: 1'; fi; }
status=""
for _ in $(seq 1 600); do  # indexing sample-corpus takes about a minute on 2 cores
  status=$(curl -s -H "$(auth)" "http://127.0.0.1:$PORT/api/status" || true)
  case "$status" in *'"up_to_date":true'*) break ;; esac
  kill -0 "$PID" 2>/dev/null || fail "serve exited while indexing"
  sleep 0.5
done
case "$status" in *'"up_to_date":true'*) ;; *) fail "not indexed after 5 minutes: $status" ;; esac
echo "test-archive: indexed: $(echo "$status" | grep -o '"documents":{[^}]*}')"

ANSWER=$(curl -s -H "$(auth)" -X POST "http://127.0.0.1:$PORT/ask" -H 'Content-Type: application/json' \
  -d "{\"question\": \"$QUESTION\", \"top_k\": 3}") || fail "/ask failed"
case "$ANSWER" in *"27 days"*) ;; *) fail "the answer does not mention 27 days: $ANSWER" ;; esac
case "$ANSWER" in *employee-handbook.pdf*) ;; *) fail "the answer does not cite employee-handbook.pdf: $ANSWER" ;; esac
echo "test-archive: /ask answered with 27 days, citing employee-handbook.pdf"

# No document failed for want of a module the runtime image left out (a NoClassDefFoundError or
# a missing charset would show here as a failed document).
grep -q '"failed":0' <<<"$status" || {
  curl -s -H "$(auth)" "http://127.0.0.1:$PORT/api/documents?status=failed" >&2; echo >&2
  fail "some documents failed with the bundled runtime"
}

kill -TERM "$PID"; wait "$PID" || true; PID=""
# What serve wrote to stderr: nothing but lines Docent means to print (no incubator warning, no
# stack trace).
if grep -q -e 'WARNING: Using incubator' -e '^Exception' -e 'NoClassDefFoundError' "$WORK/serve.err"; then
  fail "serve's stderr: $(cat "$WORK/serve.err")"
fi
echo "test-archive: passed in $(( $(date +%s) - started )) s"
