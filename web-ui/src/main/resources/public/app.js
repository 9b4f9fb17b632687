// Docent's page: ask a question (streamed over SSE from POST /ask), show the answer with its
// numbered sources, and keep the indexing status current. No external resources.
"use strict";

const $ = (id) => document.getElementById(id);

function fileName(path) {
  return path.split(/[\\/]/).pop();
}

function text(tag, content, cls) {
  const el = document.createElement(tag);
  el.textContent = content;
  if (cls) el.className = cls;
  return el;
}

// Renders answer text, turning [n] into links to source n (text nodes only: no HTML injection).
function renderAnswer(answer, citationIds) {
  const box = $("answer");
  box.replaceChildren();
  const parts = answer.split(/(\[\d+\])/);
  for (const part of parts) {
    const m = part.match(/^\[(\d+)\]$/);
    if (m && citationIds.has(Number(m[1]))) {
      const a = text("a", part, "cite");
      a.href = "#source-" + m[1];
      box.append(a);
    } else {
      box.append(document.createTextNode(part));
    }
  }
}

// "embed_ms: 13" -> "embed 13 ms", "tokens_per_second: 40.1" -> "40.1 tokens/s", counts as they are.
function formatTimings(t) {
  return Object.entries(t).map(([k, v]) => {
    if (k.endsWith("_ms")) return k.slice(0, -3).replaceAll("_", " ") + " " + v + " ms";
    if (k === "tokens_per_second") return v + " tokens/s";
    return k.replaceAll("_", " ") + " " + v;
  }).join(" · ");
}

function renderCitations(citations) {
  const list = $("citations");
  list.replaceChildren();
  if (citations.length === 0) {
    list.append(text("li", "The answer cites none of the passages it was given.", "none"));
    return;
  }
  for (const c of citations) {
    const li = document.createElement("li");
    li.id = "source-" + c.id;
    li.value = c.id;
    const where = fileName(c.path) + (c.page ? ", page " + c.page : "");
    const w = text("span", where, "where");
    w.title = c.path;
    li.append(w);
    if (c.heading) li.append(text("span", " — " + c.heading, "heading"));
    li.append(text("span", "  relevance " + c.score.toFixed(2), "score"));
    li.append(text("blockquote", c.snippet));
    list.append(li);
  }
}

function showError(message) {
  const e = $("error");
  e.textContent = message;
  e.hidden = false;
}

async function ask(question) {
  $("error").hidden = true;
  $("ask-button").disabled = true;
  $("result").hidden = false;
  $("answer").textContent = "";
  $("citations").replaceChildren();
  $("timings").textContent = "";
  $("mode").textContent = "Searching…";
  let answer = "";
  let citationIds = new Set();
  $("notes").hidden = true;
  try {
    const res = await fetch("/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "text/event-stream" },
      body: JSON.stringify({ question, stream: true }),
    });
    if (!res.ok) {
      const body = await res.json().catch(() => ({ error: res.statusText }));
      throw new Error(body.error || ("HTTP " + res.status));
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
        if (event === "token") {
          answer += data.text;
          $("answer").textContent = answer;
        } else if (event === "citations") {
          citationIds = new Set(data.map((c) => c.id));
          renderCitations(data);
          renderAnswer(answer, citationIds);
        } else if (event === "done") {
          // The checked answer: citations to sources the model was not given are replaced by [?].
          if (data.answer) renderAnswer(data.answer, citationIds);
          const notes = $("notes");
          // found: false means retrieval found only weak matches; say so above the other notes.
          const all = (data.found === false
            ? ["The documents do not seem to contain the answer (confidence " + Number(data.confidence).toFixed(3)
               + "): the passages below are only weakly related."]
            : []).concat(data.notes || []);
          notes.replaceChildren(...all.map((n) => text("li", n)));
          notes.hidden = !all.length;
          $("mode").textContent = data.mode === "generative"
            ? "Answer written by " + data.model + " from the sources below"
            : "No language model configured: quoting the most relevant passages";
          $("timings").textContent = formatTimings(data.timings || {});
        } else if (event === "error") {
          throw new Error(data.error);
        }
      }
    }
  } catch (err) {
    $("mode").textContent = "";
    showError("Could not answer: " + err.message);
  } finally {
    $("ask-button").disabled = false;
  }
}

async function refreshStatus() {
  try {
    const s = await (await fetch("/api/status")).json();
    const d = s.documents;
    const box = $("status");
    box.replaceChildren();
    box.append(text("span", (s.model ? "Answers by " + s.model + " · " : "")
      + d.indexed + " documents indexed, " + s.chunks + " passages"
      + (d.failed ? ", " + d.failed + " could not be read" : "")
      + (d.pending ? ", " + d.pending + " waiting" : "")));
    if (s.indexing) {
      const p = document.createElement("progress");
      p.max = Math.max(1, s.progress.total);
      p.value = s.progress.done;
      box.append(p, text("span", "indexing " + s.progress.done + "/" + s.progress.total
        + (s.progress.current ? ": " + fileName(s.progress.current) : "")));
    }
    if (s.last_sync_error) box.append(text("div", "Indexing problem: " + s.last_sync_error, "error"));
    if ($("documents").open) await refreshDocuments();
    setTimeout(refreshStatus, s.indexing ? 1000 : 5000);
  } catch (err) {
    $("status").textContent = "Docent is not reachable (" + err.message + ")";
    setTimeout(refreshStatus, 5000);
  }
}

async function refreshDocuments() {
  const docs = await (await fetch("/api/documents")).json();
  const rows = $("document-rows");
  rows.replaceChildren();
  for (const d of docs) {
    const tr = document.createElement("tr");
    const name = text("td", fileName(d.path));
    name.title = d.path;
    tr.append(name, text("td", d.status, d.status), text("td", d.pages || ""), text("td", d.chunks),
      text("td", d.error || ""));
    rows.append(tr);
  }
}

$("ask-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const q = $("question").value.trim();
  if (q) ask(q);
});
$("documents").addEventListener("toggle", () => { if ($("documents").open) refreshDocuments(); });

// ?q=... fills in the question for bookmarks, but never asks by itself: a link from another
// site must not be able to make Docent work (the user presses Ask).
const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  $("question").value = initial;
  $("question").focus();
}
refreshStatus();
