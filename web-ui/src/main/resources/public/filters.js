"use strict";
// Filters for the next question (POST /ask "filters"): file type, folder and a modified-date range,
// shown as chips that a click removes. Collection questions ("list all invoices") and ordinary
// ones alike are then answered from the selected documents only.

const FILTER_INPUTS = { type: "filter-type", folder: "filter-folder", modified_after: "filter-after", modified_before: "filter-before" };
const FILTER_LABELS = { type: "type", folder: "folder", modified_after: "modified after", modified_before: "modified before" };

// The filters set now, as /ask takes them ({} when none).
function currentFilters() {
  const out = {};
  for (const [name, id] of Object.entries(FILTER_INPUTS)) {
    const v = $(id).value.trim();
    if (v) out[name] = name === "type" ? v.split(",") : v;
  }
  return out;
}

function renderFilterChips() {
  const chips = $("filter-chips");
  chips.replaceChildren();
  for (const [name, id] of Object.entries(FILTER_INPUTS)) {
    const input = $(id);
    const v = input.value.trim();
    if (!v) continue;
    const shown = input.tagName === "SELECT" ? input.options[input.selectedIndex].text : v;
    const chip = text("button", FILTER_LABELS[name] + ": " + shown + " ×", "chip");
    chip.type = "button";
    chip.title = "Remove this filter";
    chip.dataset.filter = name;
    chip.addEventListener("click", () => { input.value = ""; renderFilterChips(); });
    chips.append(chip);
  }
}

for (const id of Object.values(FILTER_INPUTS)) {
  $(id).addEventListener("change", renderFilterChips);
  $(id).addEventListener("input", renderFilterChips);
}
