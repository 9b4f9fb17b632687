package dev.docent.web.mcp;

import dev.docent.indexer.DocumentRecord;
import dev.docent.web.Docent;
import dev.docent.web.answer.Answer;
import dev.docent.web.answer.Answerer;
import dev.docent.web.answer.Question;
import dev.docent.web.api.DocentApp;
import java.util.List;
import java.util.Map;

/** What the MCP tools need from Docent: searching, answering, the catalog and the status. */
public interface Library {

    Answerer answerer();

    /** Answers {@code q}, blocking until done. */
    Answer ask(Question q) throws InterruptedException;

    /** Every document in the catalog, ordered by path. */
    List<DocumentRecord> documents();

    /** The status as {@code GET /api/status} reports it. */
    Map<String, Object> status();

    int defaultTopK();

    int maxQuestionChars();

    /** The running {@code serve}: answers go through its AnswerJobs like any other client's. */
    static Library serving(Docent docent) {
        return new Library() {
            public Answerer answerer() {
                return docent.answerer();
            }

            public Answer ask(Question q) throws InterruptedException {
                var job = docent.answers().start(q);
                try {
                    return job.answer();
                } finally {
                    job.cancel(); // a no-op once done; stops the model when this thread is interrupted
                }
            }

            public List<DocumentRecord> documents() {
                return docent.indexer().documents();
            }

            public Map<String, Object> status() {
                return DocentApp.status(docent);
            }

            public int defaultTopK() {
                return docent.config().topK();
            }

            public int maxQuestionChars() {
                return docent.config().maxQuestionChars();
            }
        };
    }
}
