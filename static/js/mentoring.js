// The question queue polls its list every few seconds (htmx). When the server answers that
// nothing changed (304, or the browser's revalidated copy with the same ETag) the list is left
// as it is, so keyboard focus and the reader's place stay put.
"use strict";

document.addEventListener("htmx:beforeSwap", (event) => {
  const target = event.detail.target;
  if (!target || !target.hasAttribute("data-poll")) {
    return;
  }
  const xhr = event.detail.xhr;
  const etag = (xhr.getResponseHeader("ETag") || "").replace(/^W\//, "").replace(/"/g, "");
  if (xhr.status === 304 || (etag && etag === target.dataset.etag)) {
    event.detail.shouldSwap = false;
  }
});
