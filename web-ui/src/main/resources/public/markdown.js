// Answers as Markdown, safely: a small renderer of a subset (paragraphs, line breaks, headings,
// bullet and numbered lists, code blocks, `code`, **bold**, *italic*, http(s) links) that builds
// DOM nodes with createElement and text nodes only. Nothing in an answer is ever parsed as HTML,
// so markup from documents or the model shows as the characters it is; links are kept only for
// http(s) URLs (anything else, javascript: included, shows as its label). [n] stays a citation.
"use strict";

// Inline spans, earliest first: `code`, **strong**, *em*, _em_, [label](url) (one level of
// parentheses inside the URL), [n].
const MD_INLINE = /(`+)([^`]|[^`][\s\S]*?[^`])\1|\*\*(?=\S)([\s\S]+?)\*\*|\*(?=[^\s*])([^*\n]+?)\*|(?<![\w])_(?=[^\s_])([^_\n]+?)_(?![\w])|\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)|\[(\d+)\]/g;

function safeHref(url) {
  try {
    const u = new URL(url);
    return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
  } catch (e) {
    return null; // relative or malformed: not a link
  }
}

// Appends `s` to `parent` with its inline Markdown as elements; `cite(n)` makes a citation node or null.
function mdInline(parent, s, cite) {
  const re = new RegExp(MD_INLINE); // its own lastIndex: spans nest
  let at = 0;
  for (let m; (m = re.exec(s)) !== null; ) {
    if (m.index > at) parent.append(document.createTextNode(s.slice(at, m.index)));
    at = re.lastIndex;
    if (m[2] !== undefined) {
      parent.append(text("code", m[2]));
    } else if (m[3] !== undefined || m[4] !== undefined || m[5] !== undefined) {
      const el = document.createElement(m[3] !== undefined ? "strong" : "em");
      mdInline(el, m[3] ?? m[4] ?? m[5], cite);
      parent.append(el);
    } else if (m[6] !== undefined) {
      const href = safeHref(m[7]);
      if (href) {
        const a = text("a", m[6], "external");
        a.href = href;
        a.rel = "noopener noreferrer";
        a.target = "_blank";
        a.title = href;
        parent.append(a);
      } else {
        parent.append(document.createTextNode(m[6]));
      }
    } else {
      parent.append(cite(Number(m[8])) || document.createTextNode(m[0]));
    }
  }
  if (at < s.length) parent.append(document.createTextNode(s.slice(at)));
}

// Fills `box` with `source` rendered as Markdown; `cite(n)` as for mdInline.
function renderMarkdown(box, source, cite) {
  box.replaceChildren();
  box.classList.add("md");
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  let para = null;   // the <p> being filled
  let list = null;   // the <ul>/<ol> being filled
  const end = () => { para = null; list = null; };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = line.match(/^\s*(```|~~~)/);
    if (fence) {
      end();
      const body = [];
      for (i++; i < lines.length && !lines[i].trimStart().startsWith(fence[1]); i++) body.push(lines[i]);
      const pre = document.createElement("pre");
      pre.append(text("code", body.join("\n")));
      box.append(pre);
      continue;
    }
    if (!line.trim()) { end(); continue; }
    const heading = line.match(/^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/);
    if (heading) {
      end();
      const h = document.createElement("h" + Math.min(6, heading[1].length + 2)); // # is a section, not the page title
      mdInline(h, heading[2], cite);
      box.append(h);
      continue;
    }
    const item = line.match(/^\s*(?:([-*+\u2022])|(\d{1,9})[.)])\s+(.*)$/);
    if (item) {
      const tag = item[1] ? "ul" : "ol";
      if (!list || list.tagName.toLowerCase() !== tag) {
        para = null;
        list = document.createElement(tag);
        if (item[2] && item[2] !== "1") list.start = Number(item[2]);
        box.append(list);
      }
      const li = document.createElement("li");
      mdInline(li, item[3], cite);
      list.append(li);
      continue;
    }
    if (list && /^\s{2,}\S/.test(line)) { // a wrapped list item continues
      const li = list.lastElementChild;
      li.append(document.createElement("br"));
      mdInline(li, line.trim(), cite);
      continue;
    }
    list = null;
    if (!para) {
      para = document.createElement("p");
      box.append(para);
    } else {
      para.append(document.createElement("br"));
    }
    mdInline(para, line, cite);
  }
}
