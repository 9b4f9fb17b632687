package dev.docent.assistant.answer;

/**
 * How much of the collection a collection answer looked at, so the user can trust "all":
 * {@code matched} documents out of {@code searched} (every indexed document that passed the
 * metadata filters was checked; none was left out by a top-k).
 *
 * @param matched documents that match
 * @param searched indexed documents checked (after the metadata filters)
 * @param indexed indexed documents in the collection
 * @param filters the metadata conditions applied, in words ("" for none)
 */
public record Coverage(int matched, int searched, int indexed, String filters) {}
