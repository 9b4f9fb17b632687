// Docent's page: ask (streamed over SSE from POST /ask, continuing the stored conversation), stop
// (POST /api/answers/{id}/cancel), and show the answer with its numbered sources.
// No external resources.
"use strict";

const answering = { id: null, active: false };

function showError(message) {
  const e = $("error");
  e.textContent = message;
  e.hidden = false;
}

function setAnswering(on) {
  answering.active = on;
  if (!on) answering.id = null;
  $("ask-button").hidden = on;
  $("stop-button").hidden = !on;
}

// "embed_ms: 13" -> "embed 13 ms", "tokens_per_second: 40.1" -> "40.1 tokens/s", counts as they are.
function formatTimings(t) {
  return Object.entries(t).map(([k, v]) => {
    if (k.endsWith("_ms")) return k.slice(0, -3).replaceAll("_", " ") + " " + v + " ms";
    if (k === "tokens_per_second") return v + " tokens/s";
    return k.replaceAll("_", " ") + " " + v;
  }).join(" · ");
}

async function ask(question) {
  if (answering.active) return;
  $("error").hidden = true;
  archiveLive();
  setAnswering(true);
  $("result").hidden = false;
  $("asked").textContent = question;
  $("answer").textContent = "";
  $("citations").replaceChildren();
  renderCollection($("collection"), null, null);
  $("timings").textContent = "";
  $("mode").textContent = "Searching…";
  $("notes").hidden = true;
  let answer = "";
  let citations = [];
  try {
    const body = { question, stream: true };
    const filters = currentFilters();
    if (Object.keys(filters).length) body.filters = filters;
    const id = await conversationForNextQuestion().catch(() => null);
    if (id) body.conversation_id = id;
    const res = await fetch("/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "text/event-stream" },
      body: JSON.stringify(body),
    });
    if (!res.ok) {
      const err = await res.json().catch(() => ({ error: res.statusText }));
      throw new Error(err.error || ("HTTP " + res.status));
    }
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let sep;
      while ((sep = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, sep);
        buffer = buffer.slice(sep + 2);
        const event = (frame.match(/^event: (.*)$/m) || [])[1];
        const data = JSON.parse((frame.match(/^data: (.*)$/m) || [])[1] || "null");
        if (event === "answer") {
          answering.id = data.id;
          $("mode").textContent = "Answering… (Esc stops)";
        } else if (event === "token") {
          answer += data.text;
          renderAnswer($("answer"), answer, new Set(), "source-");
        } else if (event === "progress") {
          // A model checking candidates or summarising parts: "checking 3 of 12 documents…"
          $("mode").textContent = data.message + " (Esc stops)";
        } else if (event === "citations") {
          citations = data;
          renderCitations($("citations"), citations, "source-");
          renderAnswer($("answer"), answer, new Set(citations.map((c) => c.id)), "source-");
        } else if (event === "documents") {
          renderCollection($("collection"), data.documents, data.coverage);
        } else if (event === "done") {
          // The checked answer: citations to sources the model was not given are replaced by [?].
          if (data.answer !== undefined) answer = data.answer;
          renderAnswer($("answer"), answer, new Set(citations.map((c) => c.id)), "source-");
          // found: false means retrieval found only weak matches; say so above the other notes.
          const notes = (data.found === false
            ? ["The documents do not seem to contain the answer (confidence " + Number(data.confidence).toFixed(3)
               + "): the passages below are only weakly related."]
            : []).concat(data.notes || []);
          renderNotes($("notes"), notes);
          $("mode").textContent = modeLine(data.mode, data.model);
          $("timings").textContent = formatTimings(data.timings || {});
          conversation.live = { question, answer, citations, mode: data.mode, model: data.model, notes };
        } else if (event === "error") {
          throw new Error(data.error);
        }
      }
    }
  } catch (err) {
    $("mode").textContent = "";
    showError("Could not answer: " + err.message);
  } finally {
    setAnswering(false);
    refreshConversations();
  }
}

async function stop() {
  if (!answering.id) return;
  $("mode").textContent = "Stopping…";
  await fetch("/api/answers/" + encodeURIComponent(answering.id) + "/cancel", { method: "POST" }).catch(() => {});
}

$("ask-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const q = $("question").value.trim();
  if (q && !answering.active) {
    $("question").value = "";
    ask(q);
  }
});
// Enter sends, Shift+Enter starts a new line; Esc stops the answer being written.
$("question").addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    $("ask-form").requestSubmit();
  }
});
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && answering.active) stop();
});
$("stop-button").addEventListener("click", stop);

// ?q=... fills in the question for bookmarks, but never asks by itself: a link from another
// site must not be able to make Docent work (the user presses Ask).
const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  $("question").value = initial;
  $("question").focus();
}
refreshConversations(); // the status panel and documents list keep themselves current (status.js, documents.js)
