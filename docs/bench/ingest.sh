#!/usr/bin/env bash
# Ingestion benchmark (docs/benchmarks.md): generates a corpus of DOCS documents (txt, md, html,
# docx, pdf; mostly short, some long), then measures Docent's whole pipeline against the embedder
# alone on the same chunks, re-syncs after renaming every file and after editing 1% of them, and
# runs langchain4j's loader + splitter + the same quantized bge-small on the same files.
# Builds the bench module (-Pbench: never part of the shipped jar) from this checkout's reactor.
# Usage: docs/bench/ingest.sh [DOCS] [extra IngestBench arguments, e.g. --no-peer --threads 2]
# 2,000 documents (6,608 chunks): 26 minutes with --no-peer on 2 busy cores; the peer adds a third pass.
set -euo pipefail
docs="${1:-2000}"; shift || true
root="$(cd "$(dirname "$0")/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cp_file=$(mktemp); work=$(mktemp -d)
trap 'rm -rf "$work" "$cp_file"' EXIT
(cd "$root" && ./mvnw -q -B -Pbench -pl bench -am compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >/dev/null)
cp="$root/bench/target/classes:$(cat "$cp_file")"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -Xmx2g \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.dev.docent.indexer.SyncRun=info -cp "$cp" dev.docent.bench.IngestBench --docs "$docs" --work "$work" "$@"
