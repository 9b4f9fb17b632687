package dev.docent.mcp;





/** The tools' names, descriptions (written for the calling model) and JSON input schemas. */
final class ToolSchemas {

    private ToolSchemas() {}

    record Def(String name, String title, String description, String inputSchema) {}

    /** The metadata filters search and list_documents share (FilterParams' names), as schema properties. */
    private static final String FILTERS = """
                  "type": {"type": "string", "description": "Only these file types, e.g. pdf or pdf,docx."},
                  "modified_after": {"type": "string", "description": "Only documents modified on or after this day (2025-03-01) or time."},
                  "modified_before": {"type": "string", "description": "Only documents modified before this day or time."},
                  "dated_after": {"type": "string", "description": "Only documents whose text mentions a date on or after this day."},
                  "dated_before": {"type": "string", "description": "Only documents whose text mentions a date before this day."},
            """;

    static final Def SEARCH = new Def("search", "Search the user's documents", """
            Search the user's private local documents (PDFs, Word, text, web pages... indexed by Docent) \
            for passages relevant to a query; hybrid keyword + semantic search. Use it to find where \
            something is written, or to gather evidence before answering yourself. Returns passages best \
            first, each with document_id (pass it to get_document as 'id'), path, title, \
            page (null for formats without pages), heading, snippet and score in [0,1]; 'found' is false \
            when even the best passage is unlikely to hold what was asked, so say the documents do not \
            seem to cover it rather than guessing. With group "document" it returns EVERY matching             document instead (all required terms in one passage, or a passage close in meaning), each             with its best passage, plus 'total': use it to list or count documents ("all invoices from             2024"); filter by type, folder and dates; query may then be empty.""", """
            {"type": "object", "properties": {
              "query": {"type": "string", "description": "What to look for, in natural language or keywords."},
              "top_k": {"type": "integer", "minimum": 1, "maximum": 20, "description": "How many passages to return (default 5)."},
              "folder": {"type": "string", "description": "Only documents under this folder: an absolute path, or a folder name anywhere in the path."},
              "file": {"type": "string", "description": "Only documents whose file name matches this glob, e.g. *.pdf or report-2024*."},
              "group": {"type": "string", "enum": ["passage", "document"], "description": "passage (default): the best passages; document: every matching document."},
            """ + FILTERS + """
              "offset": {"type": "integer", "minimum": 0, "description": "group document: documents to skip (paging)."},
              "limit": {"type": "integer", "minimum": 1, "maximum": 1000, "description": "group document: at most this many documents (default 100); 'total' gives the full count."}
            }, "required": ["query"], "additionalProperties": false}""");

    static final Def ASK = new Def("ask", "Ask the user's documents", """
            Answer a question from the user's private local documents: Docent retrieves the best \
            passages and writes an answer citing them as [n], with the cited passages under 'citations' \
            (id = n, path, page, snippet). Use it for questions whose answer should come from the user's \
            files. 'found' false means the documents do not seem to hold the answer. For a follow-up, \
            pass the earlier turns as history so that 'it' or 'that one' can be resolved. Slower than \
            search when a local language model writes the answer.""", """
            {"type": "object", "properties": {
              "question": {"type": "string", "description": "The question, as the user would ask it."},
              "history": {"type": "array", "description": "Earlier turns of this conversation, oldest first.",
                "items": {"type": "object", "properties": {
                  "role": {"type": "string", "enum": ["user", "assistant"]},
                  "content": {"type": "string"}}, "required": ["role", "content"]}},
              "top_k": {"type": "integer", "minimum": 1, "maximum": 20, "description": "Passages to answer from (default 5)."}
            }, "required": ["question"], "additionalProperties": false}""");

    static final Def GET_DOCUMENT = new Def("get_document", "Read a document", """
            Read the text of one document in Docent's catalog, whole or a page range, e.g. to read \
            around a passage that search found. Give 'id' (a passage's document_id from search, or \
            id from list_documents) or 'path' exactly as they return it. Pages are 1-based and inclusive; the text \
            marks each page with '--- page N ---'. Long documents are cut at about 60,000 characters: \
            'truncated' is then true and 'note' says which page to continue from.""", """
            {"type": "object", "properties": {
              "id": {"type": "string", "description": "The document's id (document_id from search, or id from list_documents)."},
              "path": {"type": "string", "description": "The document's path, instead of its id."},
              "from_page": {"type": "integer", "minimum": 1, "description": "First page to return (default 1)."},
              "to_page": {"type": "integer", "minimum": 1, "description": "Last page to return, inclusive (default: the last page)."}
            }, "additionalProperties": false}""");

    static final Def LIST_DOCUMENTS = new Def("list_documents", "List the user's documents", """
            List the documents Docent knows about, ordered by path: path, title, status (indexed, \
            pending = waiting to be indexed, failed = could not be read, with the reason in 'error'), \
            pages, chunks, size and when it was indexed. Filter by status, by folder and by a file-name \
            glob. Use it to see what the user's library holds or to find a document's path for \
            get_document.""", """
            {"type": "object", "properties": {
              "status": {"type": "string", "enum": ["all", "indexed", "pending", "failed", "needs_ocr"], "description": "Only documents with this status; needs_ocr: scanned PDF pages without a text layer that were not OCRed."},
              "folder": {"type": "string", "description": "Only documents under this folder: an absolute path, or a folder name anywhere in the path."},
              "name": {"type": "string", "description": "Only documents whose file name matches this glob, e.g. *.pdf."},
            """ + FILTERS + """
              "limit": {"type": "integer", "minimum": 1, "maximum": 10000, "description": "At most this many documents (default 200); 'matching' gives the full count."}
            }, "additionalProperties": false}""");

    static final Def STATUS = new Def("status", "Docent's status", """
            Docent's state: how many documents are indexed, pending and failed, the number of indexed \
            passages (chunks), whether indexing is running, and whether answers are written by a local \
            language model ('generative', with its name) or quoted from the passages ('extractive'). \
            Use it when search finds nothing, to tell whether the library is empty or still indexing.""", """
            {"type": "object", "properties": {}, "additionalProperties": false}""");
}
