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

// Fills `box` with answer text, turning [n] into links to source n (id prefix + n).
function renderAnswer(box, answer, citationIds, prefix) {
  box.replaceChildren();
  for (const part of answer.split(/(\[\d+\])/)) {
    const m = part.match(/^\[(\d+)\]$/);
    if (m && citationIds.has(Number(m[1]))) {
      const a = text("a", part, "cite");
      a.href = "#" + prefix + m[1];
      box.append(a);
    } else {
      box.append(document.createTextNode(part));
    }
  }
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
    li.append(text("span", "  relevance " + c.score.toFixed(2), "score"));
    li.append(text("blockquote", c.snippet));
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
