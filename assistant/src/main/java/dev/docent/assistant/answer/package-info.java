/**
 * The answering layer: everything between a question and an answer with citations, with no HTTP
 * in it. {@link dev.docent.assistant.answer.Answerer} owns search on its own, answers to a question in
 * a conversation (history-aware retrieval, prompt building, citation checks, extractive answers);
 * {@link dev.docent.assistant.answer.AnswerJobs} runs each answer on its own thread with an id that
 * Stop can name, handing text to the client through a {@link dev.docent.assistant.answer.TokenBuffer}
 * so the model's thread never waits on a client (with {@link dev.docent.assistant.answer.Progress}
 * reports in order between the text, for answers that work in steps). The web API, the CLI and later adapters (MCP,
 * the OpenAI-style API) only translate their request formats into
 * {@link dev.docent.assistant.answer.Question} and the results back.
 */
package dev.docent.assistant.answer;
