package dev.docent.retriever;

/** A candidate with the score a {@link Fusion} gave it; a higher score ranks first. */
public record Fused(Candidate candidate, double score) {}
