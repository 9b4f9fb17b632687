/**
 * A real OpenSearch cluster for tests: two nodes on loopback, started once per test JVM from the
 * Maven artifacts the build copies, as an unprivileged user when the tests run as root, killed with
 * the JVM (and, after a JVM that died, at the next start).
 */
package dev.docent.opensearch.cluster;
