/** Docent on a real OpenSearch cluster: several writers, a read-only server, and the cluster going away and back. */
package dev.docent.assistant.cluster;
