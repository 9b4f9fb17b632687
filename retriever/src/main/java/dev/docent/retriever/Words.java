package dev.docent.retriever;

/** Counting a question's words the same way wherever its length matters (fusion, confidence). */
public final class Words {

    private Words() {}

    /**
     * Words as a reader counts them: runs of non-space characters that hold a letter or digit
     * ("e-mail" is one, a lone dash none). Scripts written without spaces count a run as one.
     */
    public static int count(String text) {
        if (text == null) return 0;
        int n = 0;
        boolean inWord = false, counted = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c)) {
                inWord = false;
                continue;
            }
            if (!inWord) {
                inWord = true;
                counted = false;
            }
            if (!counted && Character.isLetterOrDigit(c)) {
                n++;
                counted = true;
            }
        }
        return n;
    }
}
