// The source viewer: a citation ([n] in an answer, or "Show on page n" under a source) opens a
// panel with the cited passage in its document. For a PDF, the page as rendered by the server
// with the passage's lines highlighted (regions kept at indexing, page-relative 0..1, drawn as
// boxes in percent so they follow the image at any size); for other formats, the section's text
// with the passage marked. Everything from the document is put in the page as text.
"use strict";

const viewer = { panel: null, seq: 0, open: false, fileName: null };

function viewerPanel() {
  if (viewer.panel) return viewer.panel;
  const panel = document.createElement("aside");
  panel.id = "source-viewer";
  panel.className = "viewer";
  panel.hidden = true;
  panel.setAttribute("aria-label", "Source");
  const head = document.createElement("div");
  head.className = "viewer-head";
  const title = text("h2", "", "viewer-title");
  title.id = "viewer-title";
  const close = text("button", "\u00D7", "viewer-close");
  close.id = "viewer-close";
  close.type = "button";
  close.title = "Close (Esc)";
  close.setAttribute("aria-label", "Close the source");
  close.addEventListener("click", closeSource);
  head.append(title, close);
  const where = text("div", "", "viewer-where");
  where.id = "viewer-where";
  const file = text("a", "Open the original file", "viewer-file");
  file.id = "viewer-file";
  file.target = "_blank";
  file.rel = "noopener";
  file.hidden = true;
  // Ask about the whole document: its outline ("Summarise FILE", answered section by section).
  const summarise = text("button", "Summarise this document", "secondary viewer-summarise");
  summarise.id = "viewer-summarise";
  summarise.type = "button";
  summarise.addEventListener("click", () => {
    if (answering.active || !viewer.fileName) return;
    $("question").value = "Summarise " + viewer.fileName;
    $("ask-form").requestSubmit();
  });
  const problem = text("div", "", "error viewer-problem");
  problem.id = "viewer-problem";
  problem.hidden = true;
  const page = text("div", "", "viewer-page");
  page.id = "viewer-page";
  const section = text("div", "", "viewer-text");
  section.id = "viewer-text";
  panel.append(head, where, file, summarise, problem, page, section);
  document.body.append(panel);
  viewer.panel = panel;
  return panel;
}

function viewerProblem(message) {
  const p = $("viewer-problem");
  p.textContent = message;
  p.hidden = !message;
}

function closeSource() {
  viewer.seq++;
  viewer.open = false;
  if (viewer.panel) viewer.panel.hidden = true;
  document.body.classList.remove("viewing-source");
}

// Opens the source of citation `ref`: {documentId, page (or ""), start, end}.
async function openSource(ref) {
  const seq = ++viewer.seq;
  const panel = viewerPanel();
  panel.hidden = false;
  viewer.open = true;
  document.body.classList.add("viewing-source");
  $("viewer-title").textContent = "Loading…";
  $("viewer-where").textContent = "";
  $("viewer-file").hidden = true;
  $("viewer-page").replaceChildren();
  $("viewer-text").replaceChildren();
  viewerProblem("");
  const id = encodeURIComponent(ref.documentId);
  const query = new URLSearchParams({ start: ref.start, end: ref.end });
  if (ref.page) query.set("page", ref.page);
  let data, doc;
  try {
    const res = await fetch("/api/documents/" + id + "/passage?" + query);
    data = await res.json();
    if (!res.ok) {
      // The passage is gone (the file changed since the answer): still offer the document itself.
      const d = await fetch("/api/documents/" + id);
      if (seq !== viewer.seq) return;
      if (d.ok) showDocument(await d.json(), ref.page);
      else $("viewer-title").textContent = "Source unavailable";
      viewerProblem(data.error || ("HTTP " + res.status));
      return;
    }
  } catch (err) {
    if (seq !== viewer.seq) return;
    $("viewer-title").textContent = "Source unavailable";
    viewerProblem("Could not load the source: " + err.message);
    return;
  }
  if (seq !== viewer.seq) return;
  doc = data.document;
  showDocument(doc, data.page);
  if (doc.file_state !== "unchanged") viewerProblem(doc.file_problem);
  if (data.image) showPage(data, seq);
  showSection(data);
  $("viewer-close").focus();
}

function showDocument(doc, page) {
  viewer.fileName = fileName(doc.path);
  $("viewer-title").textContent = doc.title || fileName(doc.path);
  $("viewer-title").title = doc.path;
  $("viewer-where").textContent = fileName(doc.path)
    + (page ? " · page " + page + (doc.pages ? " of " + doc.pages : "") : "");
  const file = $("viewer-file");
  file.href = doc.file_url;
  file.hidden = doc.file_state === "missing";
}

// The rendered page with one box per highlighted line, placed in percent of the page.
function showPage(data, seq) {
  const box = $("viewer-page");
  const img = document.createElement("img");
  img.alt = "Page " + data.page;
  img.className = "page-image";
  box.append(img);
  for (const r of data.regions) {
    const mark = text("div", "", "highlight");
    mark.dataset.page = data.page;
    mark.style.left = (r.x * 100) + "%";
    mark.style.top = (r.y * 100) + "%";
    mark.style.width = (r.width * 100) + "%";
    mark.style.height = (r.height * 100) + "%";
    box.append(mark);
  }
  img.addEventListener("load", () => {
    const first = box.querySelector(".highlight");
    if (first && seq === viewer.seq) first.scrollIntoView({ block: "center" });
  });
  img.addEventListener("error", async () => {
    // The route says why in JSON (the file changed or vanished since it was indexed).
    const res = await fetch(data.image).catch(() => null);
    const err = res ? await res.json().catch(() => ({})) : {};
    if (seq !== viewer.seq) return;
    box.replaceChildren();
    viewerProblem("The page cannot be shown: " + (err.error || "the server did not answer"));
  });
  img.src = data.image;
}

// The section's text (the chunks around the passage), the passage itself marked.
function showSection(data) {
  const box = $("viewer-text");
  if (data.heading) box.append(text("h3", data.heading));
  for (const part of data.context) {
    const p = document.createElement("p");
    if (part.cited) p.append(text("mark", part.text));
    else p.textContent = part.text;
    box.append(p);
  }
  if (!data.image) {
    const first = box.querySelector("mark");
    if (first) first.scrollIntoView({ block: "center" });
  }
}

// The citation a click is about: "Show on page n" under a source, or [n] in an answer.
function citationFor(target) {
  const show = target.closest(".show-source");
  if (show) return show.closest("[data-document-id]"); // a source (li) or a collection answer's row (tr)
  const cite = target.closest("a.cite");
  if (!cite) return null;
  const li = document.getElementById(cite.getAttribute("href").slice(1));
  return li && li.dataset.documentId ? li : null;
}

document.addEventListener("click", (e) => {
  const li = citationFor(e.target);
  if (!li) return;
  e.preventDefault();
  for (const old of document.querySelectorAll(".citations li.viewing, #collection-rows tr.viewing")) old.classList.remove("viewing");
  li.classList.add("viewing");
  openSource({ documentId: li.dataset.documentId, page: li.dataset.page, start: li.dataset.start, end: li.dataset.end });
});
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && viewer.open && !answering.active) closeSource();
});
