#!/usr/bin/env bash
# Builds the release archive dist/target/docent-VERSION-OS-ARCH.tar.gz (run by `./mvnw -Pdist
# package`, after cli has built cli/target/docent.jar + lib/). Usage:
#   build-archive.sh VERSION REPO_ROOT OUT_DIR JDK_HOME
# Steps: stage Docent's jars (other platforms' native libraries taken out of them), the pinned
# llama.cpp libraries, the config and bin/docent; a Java runtime made by jlink with only the modules
# the jars use (jdeps) plus those reached by reflection or ServiceLoader; then a training run of the
# staged install (serve on sample-corpus, one question, stop) that writes the ahead-of-time
# class cache every later start maps; finally tar + gzip.
set -euo pipefail

VERSION="$1"; ROOT="$2"; OUT="$3"; JDK="$4"
for tool in jdeps jlink; do
  [ -x "$JDK/bin/$tool" ] || { echo "build-archive: $JDK/bin/$tool not found: build with a full JDK 25" >&2; exit 1; }
done

case "$(uname -s)" in
  Linux) OS=linux ;;
  Darwin) OS=macos ;;
  *) echo "build-archive: $(uname -s) is not supported (Linux and macOS are)" >&2; exit 1 ;;
esac
case "$(uname -m)" in
  x86_64|amd64) ARCH=x64 ;;
  aarch64|arm64) ARCH=arm64 ;;
  *) echo "build-archive: $(uname -m) is not supported (x64, arm64)" >&2; exit 1 ;;
esac
NAME="docent-$VERSION-$OS-$ARCH"
STAGE="$OUT/$NAME"
CLI="$ROOT/cli/target"
[ -f "$CLI/docent.jar" ] || { echo "build-archive: $CLI/docent.jar is missing (build cli first)" >&2; exit 1; }

rm -rf "$STAGE" "$OUT/$NAME.tar.gz" "$OUT/jdeps"
mkdir -p "$STAGE/bin" "$STAGE/app/lib" "$STAGE/config"
cp "$CLI/docent.jar" "$STAGE/app/"
cp "$CLI"/lib/*.jar "$STAGE/app/lib/"
cp "$ROOT/config/docent.properties" "$STAGE/config/"
cp "$ROOT/dist/src/bin/docent" "$STAGE/bin/docent"
chmod 755 "$STAGE/bin/docent"

# 1. Native libraries inside jars: keep this platform's only. ONNX Runtime's jar alone holds 187 MB
#    of libraries for five platforms (a 71 MB macOS debug-symbols bundle among them).
case "$OS-$ARCH" in
  linux-x64)   ORT=linux-x64;     TOK=linux-x86_64;  SQLITE=Linux/x86_64; JNA=linux-x86-64 ;;
  linux-arm64) ORT=linux-aarch64; TOK=linux-aarch64; SQLITE=Linux/aarch64; JNA=linux-aarch64 ;;
  macos-arm64) ORT=osx-aarch64;   TOK=osx-aarch64;   SQLITE=Mac/aarch64; JNA=darwin-aarch64 ;;
  macos-x64)   ORT=osx-x64;       TOK=osx-x86_64;    SQLITE=Mac/x86_64; JNA=darwin-x86-64 ;;
esac
# keep_only JAR PREFIX KEEP: deletes the native libraries (and debug symbols) under PREFIX that are
# not under PREFIX+KEEP/; classes and folders stay.
keep_only() {
  local jar="$1" prefix="$2" keep="$3" drop
  drop=$( (unzip -Z1 "$jar" | grep "^$prefix" | grep -v "^$prefix$keep/" | grep -E '\.(so|dylib|dll|jnilib|a)$'
    unzip -Z1 "$jar" | grep "^$prefix" | grep '\.dSYM/') | grep -v '/$' | sort -u || true)
  if [ -n "$drop" ]; then echo "$drop" | tr '\n' '\0' | xargs -0 zip -q -d "$jar" >/dev/null; fi
}
for jar in "$STAGE"/app/lib/*.jar; do
  case "$(basename "$jar")" in
    onnxruntime-*) keep_only "$jar" ai/onnxruntime/native/ "$ORT" ;;
    tokenizers-*) keep_only "$jar" native/lib/ "$TOK" ;;
    sqlite-jdbc-*) keep_only "$jar" org/sqlite/native/ "$SQLITE" ;;
    jna-[0-9]*) keep_only "$jar" com/sun/jna/ "$JNA" ;;
  esac
done

# 2. llama.cpp: the pinned libraries the native module's build fetched for this platform.
LLAMA_PKG="$OS-$ARCH"
case "$LLAMA_PKG" in macos-arm64) LLAMA_PKG=mac-arm64-metal ;; macos-x64) LLAMA_PKG=mac-x64 ;; esac
NPM_VERSION=$(sed -n 's/^version=//p' "$ROOT/native/src/main/resources/dev/docent/nativelib/llama-packages.properties")
if [ -n "${DOCENT_LLAMA_DIR:-}" ]; then LLAMA_SRC="$DOCENT_LLAMA_DIR"
elif [ "$OS" = macos ]; then LLAMA_SRC="$HOME/Library/Caches/Docent/llama.cpp/$NPM_VERSION/$LLAMA_PKG"
else LLAMA_SRC="${XDG_CACHE_HOME:-$HOME/.cache}/docent/llama.cpp/$NPM_VERSION/$LLAMA_PKG"; fi
ls "$LLAMA_SRC"/*llama* >/dev/null 2>&1 \
  || { echo "build-archive: no llama.cpp libraries in $LLAMA_SRC (build without -Ddocent.llama.skip, with npm)" >&2; exit 1; }
mkdir -p "$STAGE/app/llama"
find "$LLAMA_SRC" -maxdepth 1 -type f \( -name '*.so' -o -name '*.dylib' -o -name '*.metal' \) -exec cp {} "$STAGE/app/llama/" \;

# 3. The runtime. jdeps over every jar (with module-info.class taken out of a copy: jdeps would
#    otherwise want each modular jar's own module path resolved), then the modules found only at
#    run time: jdk.incubator.vector (Lucene's SIMD, --add-modules), jdk.charsets (text in any
#    encoding: Big5, Shift_JIS, GB18030, EBCDIC...), jdk.localedata (dates and numbers formatted
#    in the user's locale), jdk.zipfs (zip file systems), jdk.crypto.cryptoki is not needed (TLS for
#    `models pull` is in java.base since JDK 22's move of SunEC).
mkdir -p "$OUT/jdeps"
cp "$STAGE"/app/docent.jar "$STAGE"/app/lib/*.jar "$OUT/jdeps/"
for jar in "$OUT"/jdeps/*.jar; do zip -q -d "$jar" module-info.class 'META-INF/versions/*/module-info.class' >/dev/null 2>&1 || true; done
FOUND=$("$JDK/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 --class-path "$OUT/jdeps/*" "$OUT"/jdeps/*.jar)
rm -rf "$OUT/jdeps"
MODULES=$(echo "$FOUND,jdk.incubator.vector,jdk.charsets,jdk.localedata,jdk.zipfs" | tr ',' '\n' | sort -u | paste -sd, -)
echo "build-archive: runtime modules: $MODULES"
"$JDK/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress "${DOCENT_JLINK_COMPRESS:-zip-6}" \
  --output "$STAGE/runtime"
echo "$MODULES" | tr ',' '\n' > "$STAGE/runtime/docent-modules.txt"

# 4. The ahead-of-time cache (JDK 25's successor of the class-data-sharing archive: classes read,
#    parsed and linked, plus method profiles): made once here by a training run of the staged
#    install itself, read-only afterwards, so an install in a read-only place (/opt, Homebrew's
#    Cellar) starts as fast as it will ever start, with nothing written beside it.
#    The training indexes all of sample-corpus (every format, so every parser's classes and their
#    profiles are in the cache; about 10 s), asks, and stops.
TRAIN="$OUT/training"
rm -rf "$TRAIN"; mkdir -p "$TRAIN/data"
DOCENT_AOT_TRAINING="$STAGE/app/docent.aot" HOME="$TRAIN" "$STAGE/bin/docent" serve --port 0 --data "$TRAIN/data" "$ROOT/sample-corpus" \
  >"$TRAIN/serve.out" 2>"$TRAIN/serve.err" &
PID=$!
PORT=""
for _ in $(seq 1 300); do
  PORT=$(sed -n 's|^Docent is serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$TRAIN/serve.out")
  [ -n "$PORT" ] && break
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.2
done
[ -n "$PORT" ] || { cat "$TRAIN/serve.out" "$TRAIN/serve.err" >&2; echo "build-archive: the training run did not start" >&2; exit 1; }
AUTH=()
for _ in $(seq 1 600); do
  [ -f "$TRAIN/data/api-token" ] && AUTH=(-H "Authorization: Bearer $(cat "$TRAIN/data/api-token")")
  curl -sf "${AUTH[@]}" "http://127.0.0.1:$PORT/api/status" | grep -q '"up_to_date":true' && break
  sleep 0.5
done
curl -sf "${AUTH[@]}" -X POST "http://127.0.0.1:$PORT/ask" -H 'Content-Type: application/json' \
  -d '{"question": "How many days of annual leave do employees get?", "top_k": 3}' >"$TRAIN/answer.json" \
  || { cat "$TRAIN/serve.err" >&2; echo "build-archive: the training run did not answer" >&2; exit 1; }
curl -sf "${AUTH[@]}" "http://127.0.0.1:$PORT/" >/dev/null || true
kill -TERM "$PID"
wait "$PID" || true
[ -f "$STAGE/app/docent.aot" ] || { cat "$TRAIN/serve.err" >&2; echo "build-archive: no AOT cache was written" >&2; exit 1; }
rm -rf "$TRAIN"

# 5. The archive. Modification times are kept (the AOT cache checks the jars' sizes and times).
(cd "$OUT" && tar -czf "$NAME.tar.gz" "$NAME")
echo "build-archive: $OUT/$NAME.tar.gz ($(du -k "$OUT/$NAME.tar.gz" | cut -f1) KB; installed $(du -sk "$STAGE" | cut -f1) KB)"
