// The content calendar: drag a post to another day to move it. The drop fills the page's one
// move form (with the post's address and version) and submits it, so the server decides and
// the page comes back with its message; without JavaScript, or with a keyboard, the post's own
// page has a "move to" day and earlier/later buttons.
"use strict";

(() => {
  const form = document.getElementById("move-form");
  if (!form) {
    return;
  }
  let dragged = null;

  document.addEventListener("dragstart", (event) => {
    const post = event.target.closest && event.target.closest("[data-move-url]");
    if (!post) {
      return;
    }
    dragged = post;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", post.dataset.moveUrl);
  });

  const dayOf = (event) => event.target.closest && event.target.closest("[data-day]");

  document.addEventListener("dragover", (event) => {
    const day = dayOf(event);
    if (dragged && day) {
      event.preventDefault();
      day.classList.add("drop-target");
    }
  });

  document.addEventListener("dragleave", (event) => {
    const day = dayOf(event);
    if (day) {
      day.classList.remove("drop-target");
    }
  });

  document.addEventListener("drop", (event) => {
    const day = dayOf(event);
    if (!dragged || !day) {
      return;
    }
    event.preventDefault();
    day.classList.remove("drop-target");
    form.action = dragged.dataset.moveUrl;
    form.elements.day.value = day.dataset.day;
    form.elements.version.value = dragged.dataset.version;
    dragged = null;
    form.submit();
  });

  document.addEventListener("dragend", () => {
    dragged = null;
  });
})();
