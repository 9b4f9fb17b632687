"use strict";
// A collection answer ("how many invoices…", "list all…", "what changed last week?") lists every
// matching document: a table sortable by title, folder, modified time and type, each row opening
// the source viewer at its matched passage. Built from elements and text nodes only.

const collection = { documents: [], sortKey: null, ascending: true };

function renderCollection(section, documents, coverage) {
  collection.documents = documents || [];
  collection.sortKey = null;
  section.hidden = !documents;
  if (!documents) return;
  const caption = $("collection-coverage");
  caption.textContent = coverage
    ? coverage.matched + (coverage.matched === 1 ? " document" : " documents") + " match, out of "
      + coverage.searched.toLocaleString() + " searched" + (coverage.filters ? " (" + coverage.filters + ")" : "")
    : documents.length + " documents";
  drawCollectionRows();
}

function sortCollection(key) {
  collection.ascending = collection.sortKey === key ? !collection.ascending : key !== "modified";
  collection.sortKey = key;
  const dir = collection.ascending ? 1 : -1;
  collection.documents.sort((a, b) => {
    const x = a[key] == null ? "" : String(a[key]);
    const y = b[key] == null ? "" : String(b[key]);
    return dir * x.localeCompare(y, undefined, { numeric: true });
  });
  for (const th of document.querySelectorAll("#collection-table th[data-sort]")) {
    th.setAttribute("aria-sort", th.dataset.sort === key ? (collection.ascending ? "ascending" : "descending") : "none");
  }
  drawCollectionRows();
}

function drawCollectionRows() {
  const rows = $("collection-rows");
  rows.replaceChildren();
  for (const d of collection.documents) {
    const tr = document.createElement("tr");
    Object.assign(tr.dataset, { documentId: d.document_id, start: d.start, end: d.end, page: d.page || "" });
    const title = text("td", d.title || fileName(d.path), "title");
    title.title = d.path;
    tr.append(title, text("td", d.folder || ""), text("td", d.modified ? d.modified.slice(0, 10) : ""),
      text("td", d.type || ""));
    const passage = text("td", d.snippet || "", "passage");
    const open = text("button", d.page ? "Open page " + d.page : "Open", "show-source");
    open.type = "button";
    passage.append(" ", open);
    tr.append(passage);
    rows.append(tr);
  }
}

document.addEventListener("click", (e) => {
  const th = e.target.closest("#collection-table th[data-sort]");
  if (th) sortCollection(th.dataset.sort);
});
