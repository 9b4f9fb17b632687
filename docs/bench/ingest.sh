#!/usr/bin/env bash
# Ingestion benchmark (docs/benchmarks.md): generates a corpus of DOCS documents (txt, md, html,
# docx, pdf; mostly short, some long), then runs ROUNDS interleaved rounds in one JVM (the order
# rotating each round): Docent's whole pipeline into a fresh data directory, the embedder alone on
# the same chunk inputs, and langchain4j's loader + splitter + the same quantized bge-small on the
# same files; prints per-round chunks/s and load, then the median ratios with their range. Then,
# once, the re-syncs after editing 1% of the files and after renaming every file.
# Builds the bench module (-Pbench: never part of the shipped jar) from this checkout's reactor.
# Usage: docs/bench/ingest.sh [DOCS] [extra IngestBench arguments: --rounds R --no-peer --threads T --no-resync]
# 200 documents x 5 rounds with the peer: about 15 minutes on 2 cores with nothing else running.
set -euo pipefail
docs="${1:-200}"; shift || true
root="$(cd "$(dirname "$0")/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cp_file=$(mktemp); work=$(mktemp -d)
trap 'rm -rf "$work" "$cp_file"' EXIT
(cd "$root" && ./mvnw -q -B -Pbench -pl bench -am compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >/dev/null)
cp="$root/bench/target/classes:$(cat "$cp_file")"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -Xmx2g \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.dev.docent.indexer.SyncRun=info -cp "$cp" dev.docent.bench.IngestBench --docs "$docs" --work "$work" "$@"
