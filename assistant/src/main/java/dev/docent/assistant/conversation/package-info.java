/**
 * Conversations kept on the server, in SQLite ({@code conversations.db} in the data directory):
 * list, resume, rename, delete. A stored conversation supplies the history of its next question
 * and receives the question and its answer (with citations and notes) once the answer is done.
 * The answering layer itself stays stateless; this is one of its clients.
 */
package dev.docent.assistant.conversation;
