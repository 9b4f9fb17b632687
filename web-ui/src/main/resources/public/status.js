// The status panel, live: GET /api/status/events sends the status of /api/status as Server-Sent
// Events whenever it changes (at most 4/s while indexing), so the page never polls. Shows which
// model answers (or why answers are quoted), files done/total, chunks/s, time left, failures, and
// "Up to date" when idle. Other modules follow the status with onStatus(fn).
"use strict";

const docentStatus = { latest: null, listeners: [], source: null };

function onStatus(fn) {
  docentStatus.listeners.push(fn);
  if (docentStatus.latest) fn(docentStatus.latest);
}

// 75 -> "1 min 15 s", 3700 -> "1 h 2 min".
function formatDuration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return s + " s";
  if (s < 3600) return Math.floor(s / 60) + " min" + (s % 60 ? " " + (s % 60) + " s" : "");
  return Math.floor(s / 3600) + " h " + Math.floor((s % 3600) / 60) + " min";
}

// Why answers are quoted rather than written, from /api/status's llm.reason.
function extractiveReason(s) {
  const reason = s && s.llm && s.llm.reason;
  return reason || "no language model configured";
}

function modelLine(s) {
  if (s.model) return "Answers written by " + s.model;
  return "Answers quote the passages (extractive) — " + extractiveReason(s);
}

function indexLine(s) {
  const d = s.documents;
  const p = s.progress || {};
  const totals = d.indexed + " documents indexed, " + s.chunks + " passages";
  if (s.indexing) {
    const parts = ["Indexing " + p.done + " of " + p.total + " files"];
    if (p.chunks_per_second != null) parts.push(p.chunks_per_second + " chunks/s");
    if (p.eta_seconds != null) parts.push("about " + formatDuration(p.eta_seconds) + " left");
    return parts.join(" · ") + " — " + totals;
  }
  if (s.up_to_date) return "Up to date: " + totals;
  if (d.pending) return totals + ", " + d.pending + " waiting";
  return "Looking through the folders… " + totals;
}

function renderStatus(s) {
  const box = $("status");
  box.replaceChildren();
  box.classList.toggle("busy", !!s.indexing);
  box.append(text("div", modelLine(s), "status-model"));
  const line = text("div", "", "status-index");
  line.id = "status-index";
  if (s.indexing) {
    const bar = document.createElement("progress");
    bar.max = Math.max(1, s.progress.total);
    bar.value = s.progress.done;
    line.append(bar);
  }
  line.append(text("span", indexLine(s)));
  if (s.documents.failed) {
    // Opens the documents list filtered to the failures, each with its reason.
    const failed = text("button", s.documents.failed + " could not be read", "link failures");
    failed.type = "button";
    failed.addEventListener("click", () => showDocuments("failed"));
    line.append(document.createTextNode(" · "), failed);
  }
  if (s.skipped_count) {
    const skipped = text("button", s.skipped_count + " skipped", "link");
    skipped.type = "button";
    skipped.addEventListener("click", () => showDocuments("skipped"));
    line.append(document.createTextNode(" · "), skipped);
  }
  box.append(line);
  if (s.indexing && s.progress.current) box.append(text("div", "Reading " + fileName(s.progress.current), "status-current"));
  if (s.last_sync_error) box.append(text("div", "Indexing problem: " + s.last_sync_error, "error"));
}

function connectStatus() {
  const source = new EventSource("/api/status/events");
  docentStatus.source = source;
  source.addEventListener("status", (e) => {
    const s = JSON.parse(e.data);
    docentStatus.latest = s;
    renderStatus(s);
    for (const fn of docentStatus.listeners) fn(s);
  });
  source.addEventListener("error", () => {
    // EventSource reconnects by itself after a dropped stream; when it gives up (an HTTP error), try again later.
    $("status").textContent = "Docent is not reachable; reconnecting…";
    if (source.readyState === EventSource.CLOSED) setTimeout(connectStatus, 5000);
  });
}

connectStatus();
