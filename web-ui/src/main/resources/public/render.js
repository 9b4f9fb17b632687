// Shared rendering for Docent's page. Everything from documents, the model or the user is put in
// the page as text (textContent, text nodes), never as HTML: nothing in them can run.
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

// Fills `box` with the answer as Markdown (markdown.js: elements and text nodes only, never HTML),
// turning [n] into links to source n (id prefix + n); the source viewer opens them.
function renderAnswer(box, answer, citationIds, prefix) {
  renderMarkdown(box, answer, (n) => {
    if (!citationIds.has(n)) return null;
    const a = text("a", "[" + n + "]", "cite");
    a.href = "#" + prefix + n;
    return a;
  });
}

function renderCitations(list, citations, prefix) {
  list.replaceChildren();
  if (citations.length === 0) {
    list.append(text("li", "The answer cites none of the passages it was given.", "none"));
    return;
  }
  for (const c of citations) {
    const li = document.createElement("li");
    li.id = prefix + c.id;
    li.value = c.id;
    const w = text("span", fileName(c.path) + (c.page ? ", page " + c.page : ""), "where");
    w.title = c.path;
    li.append(w);
    if (c.heading) li.append(text("span", " — " + c.heading, "heading"));
    // Given to the model but not cited by it (the answer cited nothing): shown so it can be checked.
    if (c.cited === false) li.append(text("span", "  not cited", "uncited"));
    li.append(text("span", "  relevance " + c.score.toFixed(2), "score"));
    li.append(text("blockquote", c.snippet));
    if (c.document_id) { // what the source viewer (viewer.js) opens
      Object.assign(li.dataset, { documentId: c.document_id, start: c.start, end: c.end, page: c.page || "" });
      const show = text("button", c.page ? "Show on page " + c.page : "Show in document", "show-source");
      show.type = "button";
      li.append(show);
    }
    list.append(li);
  }
}

function renderNotes(list, notes) {
  list.replaceChildren(...(notes || []).map((n) => text("li", n)));
  list.hidden = !(notes && notes.length);
}

function modeLine(mode, model) {
  return mode === "generative"
    ? "Answer written by " + model + " from the sources below"
    : "Extractive answer, quoting the most relevant passages (" + extractiveReason(docentStatus.latest) + ")";
}
