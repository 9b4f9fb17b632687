// The model picker: the chat models found on this machine (GET /api/models) in a <select>, and
// switching between them while Docent runs (POST /api/model). A chosen model loads in the
// background; answers quote passages meanwhile; a model that fails to load is reported with its
// reason and the previous one stays. Names come from files on disk: they are set as text only.
"use strict";

(function () {
  const select = document.getElementById("model-select");
  const state = document.getElementById("model-state");
  if (!select || !state) return;
  let polling = null;

  function option(value, label) {
    const o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    return o;
  }

  function label(m) {
    const gb = (m.bytes / 1e9).toFixed(m.bytes < 1e9 ? 2 : 1);
    return m.name + " · " + m.source + " · " + gb + " GB";
  }

  function show(list) {
    const keep = document.activeElement === select;
    select.replaceChildren(option("", "No model: quote passages"));
    for (const m of list.models) select.append(option(m.name, label(m)));
    select.value = list.loading || list.active || "";
    if (select.value !== (list.loading || list.active || "")) select.value = "";
    select.disabled = !!list.loading;
    if (keep) select.focus();
    state.classList.toggle("bad", !!list.error && !list.loading);
    if (list.loading) {
      state.textContent = "Loading " + list.loading + "… answers quote passages meanwhile.";
    } else if (list.error) {
      state.textContent = "Could not load " + list.error.model + ": " + list.error.reason
        + (list.active ? " (still using " + list.active + ")" : " (answers quote passages)");
    } else if (list.models.length === 0) {
      state.textContent = "No chat model found on this machine (./docent models pull REPO/FILE.gguf downloads one).";
    } else {
      state.textContent = list.active ? "" : (list.suggested ? "Suggested: " + list.suggested : "");
    }
    if (list.loading && !polling) polling = setInterval(refresh, 1000);
    if (!list.loading && polling) {
      clearInterval(polling);
      polling = null;
    }
  }

  async function refresh() {
    try {
      const res = await fetch("/api/models");
      if (!res.ok) throw new Error("HTTP " + res.status);
      show(await res.json());
    } catch (err) {
      state.textContent = "Cannot list models (" + err.message + ")";
    }
  }

  async function choose() {
    const name = select.value || null;
    select.disabled = true;
    state.classList.remove("bad");
    state.textContent = name ? "Loading " + name + "…" : "Switching to quoted passages…";
    try {
      const res = await fetch("/api/model", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name }),
      });
      const body = await res.json().catch(() => ({ error: res.statusText }));
      if (!res.ok) {
        await refresh();
        state.classList.add("bad");
        state.textContent = body.error || ("HTTP " + res.status);
        return;
      }
      show(body);
    } catch (err) {
      state.textContent = "Cannot switch the model (" + err.message + ")";
    } finally {
      if (!polling) select.disabled = false;
    }
  }

  select.addEventListener("change", choose);
  refresh();
})();
