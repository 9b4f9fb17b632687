#!/usr/bin/env bash
# Interleaved pp/tg comparison: llama.cpp's own llama-bench vs Docent's binding (LlamaBench), on
# the same GGUF and thread count, ROUNDS times in alternation so machine noise hits all alike.
# Docent runs twice per round: with the prebuilt libraries it ships (the npm package), and with
# the very libraries llama-bench was built with (DOCENT_LLAMA_DIR), which isolates the binding.
# Usage: docs/bench/llama-vs-docent.sh LLAMA_BUILD_BIN MODEL.gguf THREADS ROUNDS
# (LLAMA_BUILD_BIN: build/bin of llama.cpp built from the pinned bundle; see
#  llm-engine/src/test/resources/golden/README.md). Needs ./mvnw install first.
set -euo pipefail
bin=$1 model=$2 threads=$3 rounds=$4
root="$(cd "$(dirname "$0")/../.." && pwd)"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
cp_file=$(mktemp)
(cd "$root" && ./mvnw -q -o -pl llm-engine dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null)
cp="$root/llm-engine/target/classes:$root/llm-engine/target/test-classes:$(cat "$cp_file")"
docent() { "$java" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.docent.llm.internal.LlamaBench "$model" "$threads" 512 128 1 2>/dev/null | grep '^docent'; }
for r in $(seq "$rounds"); do
  "$bin/llama-bench" -m "$model" -p 512 -n 128 -t "$threads" -r 1 -o jsonl 2>/dev/null \
    | sed -n 's/.*"n_prompt": \([0-9]*\), "n_gen": \([0-9]*\),.*"avg_ts": \([0-9.]*\),.*/llama-bench pp\1 tg\2: \3 t\/s/p' | tr '\n' ' '
  echo
  echo "prebuilt: $(docent)"
  echo "same-libs: $(DOCENT_LLAMA_DIR="$bin" docent)"
done
