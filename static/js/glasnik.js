// Glasnik's own behaviour. No inline scripts anywhere: the Content-Security-Policy forbids them.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Elements that ask for confirmation before a destructive submit: data-confirm="question".
  document.body.addEventListener("submit", (event) => {
    const question = event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
});
