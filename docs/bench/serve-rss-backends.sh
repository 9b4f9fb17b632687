#!/usr/bin/env bash
# Serve's memory with the embedded Lucene index vs the OpenSearch backend (issue 19): starts the
# 2-node test cluster (RunTestCluster, loopback), then ROUNDS interleaved rounds of
# docs/bench/rss-under-load.sh on sample-corpus: Lucene (the repo's config), then the cluster (the
# same config plus index.backend = opensearch, an index of its own per round). Prints each run's
# idle and peak RSS and status codes. Needs cli/target/docent.jar and opensearch/target/test-classes
# (./mvnw -q -o -B -DskipTests -Ddocent.llama.optional=true -pl cli,opensearch -am package).
# Usage: docs/bench/serve-rss-backends.sh [ROUNDS] [CONCURRENCY] [REQUESTS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"; ROUNDS="${1:-2}"; CONC="${2:-20}"; REQS="${3:-500}"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
WORK="$(mktemp -d)"
"$JAVA" -Ddocent.opensearch.dist="$ROOT/opensearch/target/opensearch-dist" -Ddocent.opensearch.work="$WORK/cluster" \
  -cp "$ROOT/opensearch/target/test-classes" dev.docent.opensearch.cluster.RunTestCluster >"$WORK/cluster.log" 2>&1 &
CPID=$!
trap 'kill "$CPID" 2>/dev/null; wait "$CPID" 2>/dev/null; rm -rf "$WORK"' EXIT
until grep -q '^hosts ' "$WORK/cluster.log"; do kill -0 "$CPID" || { cat "$WORK/cluster.log"; exit 1; }; sleep 1; done
HOSTS="$(sed -n 's/^hosts //p' "$WORK/cluster.log")"
echo "cluster: $HOSTS; load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$ROUNDS"); do
  echo "round $r lucene:     $(bash "$ROOT/docs/bench/rss-under-load.sh" "$CONC" "$REQS" "$ROOT" | tr '\n' ' ')"
  { cat "$ROOT/config/docent.properties"; printf '\nindex.backend = opensearch\nindex.opensearch.hosts = %s\nindex.opensearch.index = rss-%s\n' "$HOSTS" "$r"; } >"$WORK/os-$r.properties"
  echo "round $r opensearch: $(DOCENT_CONFIG="$WORK/os-$r.properties" bash "$ROOT/docs/bench/rss-under-load.sh" "$CONC" "$REQS" "$ROOT" | tr '\n' ' ')"
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
