package dev.docent.opensearch.cluster;

/**
 * The test cluster as a program, for measurements that need a cluster outside a test JVM
 * ({@code docs/bench/eval-opensearch-parity.sh}): starts {@link TestCluster}, prints
 * {@code hosts http://127.0.0.1:PORT,...} on a line of its own, and runs until it is told to stop
 * (SIGTERM or Ctrl-C: the cluster's shutdown hook kills the nodes). Run with
 * {@code java -Ddocent.opensearch.dist=opensearch/target/opensearch-dist
 * -Ddocent.opensearch.work=opensearch/target/opensearch-cluster -cp opensearch/target/test-classes
 * dev.docent.opensearch.cluster.RunTestCluster}.
 */
public final class RunTestCluster {

    private RunTestCluster() {}

    public static void main(String[] args) throws InterruptedException {
        TestCluster cluster = TestCluster.get();
        System.out.println("hosts " + cluster.hosts());
        System.out.flush();
        Thread.currentThread().join(); // until the JVM is told to end
    }
}
