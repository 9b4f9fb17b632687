package dev.docent.assistant.source;

/** Why the viewer cannot give what was asked, in words a reader can act on. */
public final class SourceProblem extends Exception {

    /** What kind of refusal: the HTTP adapter maps these onto 404, 410 and 409. */
    public enum Kind {
        /** No such document, page or passage (or an id that is no id at all). */
        NOT_FOUND,
        /** The file was indexed but is no longer there (or is no longer a plain file inside the folders). */
        GONE,
        /** The file changed since it was indexed: what was cited may no longer be where it was. */
        CHANGED
    }

    private final Kind kind;

    public SourceProblem(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
