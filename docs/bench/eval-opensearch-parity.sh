#!/usr/bin/env bash
# docent eval on a BEIR set through both index backends (issue 19: OpenSearch within 0.005 nDCG@10
# of Lucene in every mode), for docs/benchmarks.md. From the repository root, under the build lock:
#   flock /tmp/docent-build.lock docs/bench/eval-opensearch-parity.sh ../shared/eval/scifact DATA_DIR [EVAL FLAGS...]
# (OPENSEARCH_FLAGS="--shards 2" adds flags to the cluster's run only.)
# Builds the jar and the test cluster's classes (no install), starts the 2-node test cluster in its
# own JVM (cluster.RunTestCluster, as the tests start it), runs the real CLI twice with the same
# flags and the same vector cache in DATA_DIR (--backend lucene, then --backend opensearch), writes
# both JSON reports to DATA_DIR and prints the table. The cluster is killed on exit.
set -euo pipefail
SET=$1 DATA=$2; shift 2
mkdir -p "$DATA"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -q -pl cli -am -DskipTests package
"$JAVA_HOME/bin/java" -Ddocent.opensearch.dist=opensearch/target/opensearch-dist \
  -Ddocent.opensearch.work=opensearch/target/opensearch-cluster \
  -cp opensearch/target/test-classes dev.docent.opensearch.cluster.RunTestCluster > "$DATA/cluster.log" 2>&1 &
CLUSTER=$!
trap 'kill $CLUSTER 2>/dev/null; wait $CLUSTER 2>/dev/null || true' EXIT
for _ in $(seq 600); do
  grep -q '^hosts ' "$DATA/cluster.log" && break
  kill -0 $CLUSTER 2>/dev/null || { cat "$DATA/cluster.log"; exit 1; }
  sleep 1
done
HOSTS=$(sed -n 's/^hosts //p' "$DATA/cluster.log")
echo "cluster: $HOSTS" >&2
./docent eval --json --data "$DATA" "$@" "$SET" > "$DATA/lucene.json"
./docent eval --json --data "$DATA" --backend opensearch --hosts "$HOSTS" ${OPENSEARCH_FLAGS:-} "$@" "$SET" > "$DATA/opensearch.json"
python3 - "$DATA/lucene.json" "$DATA/opensearch.json" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
print(f"{a['set']}: {a['documents']} documents, backends {a['backend']} / {b['backend']}, exact kNN below {a['exact_knn_below']}")
print("| mode | nDCG@10 Lucene | OpenSearch | difference | Recall@100 Lucene | OpenSearch | difference | p50 ms Lucene / OpenSearch |")
print("|---|---|---|---|---|---|---|---|")
for m in a['modes']:
    x, y = a[m], b[m]
    print(f"| {m} | {x['ndcg@10']:.4f} | {y['ndcg@10']:.4f} | {y['ndcg@10'] - x['ndcg@10']:+.4f} | {x['recall@100']:.4f} | "
          f"{y['recall@100']:.4f} | {y['recall@100'] - x['recall@100']:+.4f} | {x['latency_ms']['p50']} / {y['latency_ms']['p50']} |")
PY
