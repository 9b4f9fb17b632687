// The documents list: filters (all, indexed, waiting, failed, needs OCR, skipped), a name search,
// one page of 100 at a time from GET /api/documents (X-Total-Count gives the full count), each
// failed one with its reason. Kept current while open by the live status (status.js). Names and
// reasons are put in the page as text only.
"use strict";

const documentList = { filter: "all", q: "", shown: 100, pending: null, lastKey: "" };
const DOCUMENT_PAGE = 100;

function showDocuments(filter) {
  setDocumentFilter(filter);
  $("documents").open = true;
  $("documents").scrollIntoView({ block: "nearest" });
}

function setDocumentFilter(filter) {
  documentList.filter = filter;
  documentList.shown = DOCUMENT_PAGE;
  for (const b of document.querySelectorAll("#document-filters button")) {
    b.setAttribute("aria-pressed", String(b.dataset.filter === filter));
  }
  if ($("documents").open) refreshDocuments();
}

async function refreshDocuments() {
  const params = new URLSearchParams({ status: documentList.filter, limit: String(documentList.shown) });
  if (documentList.q) params.set("q", documentList.q);
  try {
    const res = await fetch("/api/documents?" + params);
    const body = await res.json();
    if (!res.ok) throw new Error(body.error || ("HTTP " + res.status));
    const total = Number(res.headers.get("X-Total-Count") || body.length);
    const rows = $("document-rows");
    rows.replaceChildren();
    for (const d of body) {
      const tr = document.createElement("tr");
      const name = text("td", fileName(d.path), "name");
      name.title = d.path;
      const label = d.status === "pending" ? "waiting" : d.status;
      tr.append(name, text("td", label, d.status), text("td", d.pages || ""), text("td", d.chunks || ""),
        text("td", d.error || d.note || "", d.error ? "reason" : "note"), actionCell(d));
      rows.append(tr);
    }
    if (body.length === 0) {
      const tr = document.createElement("tr");
      const td = text("td", "No documents here.", "none");
      td.colSpan = 6;
      tr.append(td);
      rows.append(tr);
    }
    $("document-count").textContent = body.length < total ? "Showing " + body.length + " of " + total : total + " shown";
    $("document-more").hidden = body.length >= total;
  } catch (err) {
    $("document-count").textContent = "Could not list the documents: " + err.message;
  }
}

// Ask about one indexed document from the list: its summary (with a model) or its outline (without one).
function actionCell(d) {
  const td = document.createElement("td");
  td.className = "actions";
  if (d.status === "indexed") td.append(summariseButton(fileName(d.path)));
  return td;
}

function summariseButton(name) {
  const b = text("button", "Summarise", "link summarise-document");
  b.type = "button";
  b.setAttribute("aria-label", "Summarise " + name);
  b.addEventListener("click", () => {
    if (answering.active) return;
    $("question").value = "Summarise " + name;
    $("ask-form").requestSubmit();
  });
  return b;
}

// While the list is open, follow the live status: a changed count refreshes it (at most every 2 s).
onStatus((s) => {
  const key = JSON.stringify([s.documents, s.chunks, s.skipped_count]);
  if (key === documentList.lastKey || !$("documents").open || documentList.pending) return;
  documentList.lastKey = key;
  documentList.pending = setTimeout(() => {
    documentList.pending = null;
    refreshDocuments();
  }, 2000);
});

for (const b of document.querySelectorAll("#document-filters button")) {
  b.addEventListener("click", () => setDocumentFilter(b.dataset.filter));
}
let documentSearchTimer = null;
$("document-search").addEventListener("input", () => {
  clearTimeout(documentSearchTimer);
  documentSearchTimer = setTimeout(() => {
    documentList.q = $("document-search").value.trim();
    documentList.shown = DOCUMENT_PAGE;
    refreshDocuments();
  }, 250);
});
$("document-more").addEventListener("click", () => {
  documentList.shown = Math.min(documentList.shown + DOCUMENT_PAGE, 10000); // the route's largest page
  refreshDocuments();
});
$("documents").addEventListener("toggle", () => { if ($("documents").open) refreshDocuments(); });
