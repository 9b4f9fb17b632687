#!/usr/bin/env bash
# Cold start, source launcher against the release archive (docs/benchmarks.md, "Cold start"):
# interleaved rounds of `./docent serve` with the jar built, both as its first run after a build
# (source-first: no class archive yet, cli/target/cds emptied before each run) and with the class
# archive its first run wrote (source-warm), and of the unpacked archive's `bin/docent serve`
# (archive: its AOT cache ships in it), each timed from process start to the first /ask answer
# that says "27 days", on (a) a fresh data directory (indexes sample-corpus first) and (b) an
# existing index of it. Prints one line per run and the medians.
# Usage: flock /tmp/docent-build.lock dist/bench-cold-start.sh [ROUNDS [ARCHIVE]]   (default 5)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ROUNDS="${1:-5}"
ARCHIVE="${2:-$(ls "$ROOT"/dist/target/docent-*.tar.gz | head -1)}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/docent-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
tar -xzf "$ARCHIVE" -C "$WORK"
INSTALL="$(ls -d "$WORK"/docent-*/)"; INSTALL="${INSTALL%/}"
PORT=18431
export DOCENT_CONFIG="$ROOT/config/docent.properties"  # the same settings for both
QUESTION='{"question": "How many days of annual leave do employees get?", "top_k": 3}'
now_ms() { date +%s%3N; }

# run NAME DATA: starts serve, asks until the answer mentions 27 days, prints the milliseconds.
run() {
  local name="$1" data="$2" launcher pid t0 t1 answer auth
  case "$name" in
    source-first) launcher="$ROOT/docent"; rm -rf "$ROOT/cli/target/cds" ;;
    source-warm) launcher="$ROOT/docent" ;;
    archive) launcher="$INSTALL/bin/docent" ;;
  esac
  t0=$(now_ms)
  "$launcher" serve --port "$PORT" --data "$data" "$ROOT/sample-corpus" >"$WORK/out" 2>"$WORK/err" &
  pid=$!
  while :; do
    auth=(); [ -f "$data/api-token" ] && auth=(-H "Authorization: Bearer $(cat "$data/api-token")")
    answer=$(curl -s "${auth[@]}" -X POST "http://127.0.0.1:$PORT/ask" -H 'Content-Type: application/json' -d "$QUESTION" || true)
    case "$answer" in *"27 days"*) break ;; esac
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/err" >&2; echo "bench: $name exited" >&2; exit 1; }
    sleep 0.1
  done
  t1=$(now_ms)
  kill -TERM "$pid"; wait "$pid" || true
  echo $(( t1 - t0 ))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
range() { sort -n | awk 'NR==1 {min=$1} {max=$1} END {print min "-" max}'; }

# Warm-up, not measured: the source launcher writes its class archive at the end of its first run
# after a build; both read their files once into the page cache.
for name in source-warm archive; do run "$name" "$WORK/warm-$name" >/dev/null; done
# The existing index both open (the same files: only the launcher differs).
cp -r "$WORK/warm-archive" "$WORK/existing"

for scenario in fresh existing; do
  for name in source-first source-warm archive; do : >"$WORK/$scenario-$name.ms"; done
  for round in $(seq 1 "$ROUNDS"); do
    # source-warm right after source-first, whose exit wrote the class archive it maps.
    for name in source-first source-warm archive; do
      if [ "$scenario" = fresh ]; then data="$WORK/fresh-$name-$round"; else data="$WORK/existing"; fi
      ms=$(run "$name" "$data")
      echo "$scenario round $round $name: $ms ms"
      echo "$ms" >>"$WORK/$scenario-$name.ms"
      [ "$scenario" = fresh ] && rm -rf "$data"
    done
  done
done

echo
echo "| data dir | ./docent, first run after a build | ./docent, class archive written | archive | speed-up vs first / vs written |"
echo "|---|---|---|---|---|"
for scenario in fresh existing; do
  f=$(median <"$WORK/$scenario-source-first.ms"); w=$(median <"$WORK/$scenario-source-warm.ms"); a=$(median <"$WORK/$scenario-archive.ms")
  echo "| $scenario | $f ms ($(range <"$WORK/$scenario-source-first.ms")) | $w ms ($(range <"$WORK/$scenario-source-warm.ms")) | $a ms ($(range <"$WORK/$scenario-archive.ms")) | $(awk -v f="$f" -v w="$w" -v a="$a" 'BEGIN {printf "%.2fx / %.2fx", f / a, w / a}') |"
done
echo "archive: $(basename "$ARCHIVE") $(du -k "$ARCHIVE" | cut -f1) KB, installed $(du -sk "$INSTALL" | cut -f1) KB"
