// The conversation on screen (earlier turns above the live answer) and the sidebar of stored
// conversations: open, rename, delete, start a new one. Conversations live on the server.
"use strict";

const conversation = {
  id: null,     // the stored conversation being continued, or null before the first question
  live: null,   // the finished answer shown in #result: {question, answer, citations, mode, model, notes}
  turns: 0,     // earlier turns in #thread
};

// One earlier question with its answer and sources, as an item of #thread.
function turnElement(t) {
  const n = ++conversation.turns;
  const prefix = "t" + n + "-source-";
  const li = document.createElement("li");
  li.className = "turn";
  li.append(text("div", t.question, "asked"));
  const answer = text("div", "", "answer");
  renderAnswer(answer, t.answer, new Set((t.citations || []).map((c) => c.id)), prefix);
  li.append(answer);
  const notes = text("ul", "", "notes");
  renderNotes(notes, t.notes);
  li.append(notes);
  if (t.citations && t.citations.length) {
    const details = document.createElement("details");
    details.append(text("summary", "Sources (" + t.citations.length + ")"));
    const list = text("ol", "", "citations");
    renderCitations(list, t.citations, prefix);
    details.append(list);
    li.append(details);
  }
  return li;
}

// Moves the finished live answer into the thread, before the next question is asked.
function archiveLive() {
  if (conversation.live) $("thread").append(turnElement(conversation.live));
  conversation.live = null;
  $("result").hidden = true;
}

function clearConversation() {
  conversation.id = null;
  conversation.live = null;
  conversation.turns = 0;
  $("thread").replaceChildren();
  $("result").hidden = true;
  $("error").hidden = true;
}

async function openConversation(id) {
  const res = await fetch("/api/conversations/" + encodeURIComponent(id));
  if (!res.ok) return refreshConversations();
  const c = await res.json();
  clearConversation();
  conversation.id = c.id;
  for (let i = 0; i + 1 < c.messages.length; i += 2) {
    const q = c.messages[i], a = c.messages[i + 1];
    $("thread").append(turnElement({ question: q.content, answer: a.content, citations: a.citations,
      mode: a.mode, model: a.model, notes: a.notes }));
  }
  await refreshConversations();
  $("question").focus();
}

async function refreshConversations() {
  let list = [];
  try {
    list = await (await fetch("/api/conversations")).json();
  } catch (err) {
    return; // the status line reports an unreachable server
  }
  const ul = $("conversation-list");
  ul.replaceChildren();
  for (const c of list) {
    const li = document.createElement("li");
    if (c.id === conversation.id) li.className = "current";
    const open = text("button", c.title || "Untitled", "open");
    open.type = "button";
    open.title = c.messages / 2 + " questions, last " + new Date(c.updated_at).toLocaleString();
    open.addEventListener("click", () => openConversation(c.id));
    const rename = text("button", "\u270E", "small");
    rename.type = "button";
    rename.title = "Rename";
    rename.setAttribute("aria-label", "Rename " + (c.title || "Untitled"));
    rename.addEventListener("click", async () => {
      const title = prompt("New title", c.title);
      if (!title || !title.trim()) return;
      await fetch("/api/conversations/" + encodeURIComponent(c.id), { method: "PATCH",
        headers: { "Content-Type": "application/json" }, body: JSON.stringify({ title: title.trim() }) });
      refreshConversations();
    });
    const remove = text("button", "\u00D7", "small");
    remove.type = "button";
    remove.title = "Delete";
    remove.setAttribute("aria-label", "Delete " + (c.title || "Untitled"));
    remove.addEventListener("click", async () => {
      if (!confirm("Delete “" + (c.title || "Untitled") + "”?")) return;
      await fetch("/api/conversations/" + encodeURIComponent(c.id), { method: "DELETE" });
      if (c.id === conversation.id) clearConversation();
      refreshConversations();
    });
    li.append(open, rename, remove);
    ul.append(li);
  }
}

// The stored conversation the next question continues, created with the first question.
async function conversationForNextQuestion() {
  if (conversation.id) return conversation.id;
  const res = await fetch("/api/conversations", { method: "POST" });
  if (res.ok) conversation.id = (await res.json()).id;
  return conversation.id;
}

$("new-conversation").addEventListener("click", () => {
  clearConversation();
  refreshConversations();
  $("question").focus();
});
