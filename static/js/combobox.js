// Search fields that choose one of many (an institution: glasnik/organizations/fields.py), as the
// WAI-ARIA combobox pattern with a listbox popup. The server renders a search field and the
// matches as radio buttons, which work without JavaScript. Here the search field becomes the
// combobox, the radio buttons become the listbox's options and the choice is kept in a hidden
// field of the same name. htmx (hx-get on the search field) brings new matches as the person
// types, and with them the status line, a live region that says how many match.
"use strict";

(() => {
  const ready = new WeakSet();

  function setUp(box) {
    const input = box.querySelector('input[type="search"]');
    const results = box.querySelector(".combobox-results");
    const status = box.querySelector('[role="status"]');
    if (ready.has(box) || !input || !results || !status) {
      return;
    }
    ready.add(box);

    const listbox = document.createElement("ul");
    listbox.id = `${input.id}_listbox`;
    listbox.className = "combobox-listbox";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", box.dataset.listboxLabel || "");
    listbox.hidden = true;
    results.after(listbox);
    results.hidden = true;

    const chosenField = document.createElement("input");
    chosenField.type = "hidden";
    chosenField.name = box.dataset.combobox;
    box.append(chosenField);
    // Without JavaScript this button sends the form to search; here the search is live.
    box.querySelector("[data-combobox-search]")?.remove();

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    let active = -1;
    let chosenName = "";
    const options = () => Array.from(listbox.children);
    const isOpen = () => !listbox.hidden;

    function activate(index) {
      const items = options();
      items.forEach((item, position) => item.classList.toggle("is-active", position === index));
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    }

    function open() {
      if (listbox.children.length) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      activate(-1);
    }

    function markChosen() {
      options().forEach((item) => {
        item.setAttribute("aria-selected", String(item.dataset.value === chosenField.value));
      });
    }

    function choose(item) {
      chosenField.value = item.dataset.value;
      chosenName = item.dataset.name;
      input.value = chosenName;
      markChosen();
      close();
      status.textContent = `${box.dataset.chosenLabel} ${chosenName}`;
    }

    // The server's radio buttons (on the page, or as htmx brings them) become the options.
    function rebuild() {
      const radios = Array.from(results.querySelectorAll('input[type="radio"]'));
      const items = radios.map((radio, index) => {
        const label = results.querySelector(`label[for="${CSS.escape(radio.id)}"]`);
        const item = document.createElement("li");
        item.id = `${listbox.id}_${index}`;
        item.setAttribute("role", "option");
        item.dataset.value = radio.value;
        item.dataset.name = label.querySelector(".combobox-name").textContent.trim();
        item.append(...Array.from(label.childNodes, (node) => node.cloneNode(true)));
        return item;
      });
      const checked = radios.find((radio) => radio.checked);
      if (checked && !chosenField.value) {
        chosenField.value = checked.value;
        chosenName = items[radios.indexOf(checked)].dataset.name;
        input.value = chosenName;
      }
      listbox.replaceChildren(...items);
      results.replaceChildren();
      markChosen();
      activate(-1);
    }

    input.addEventListener("input", () => {
      if (chosenField.value && input.value !== chosenName) {
        chosenField.value = "";
        chosenName = "";
        markChosen();
      }
    });

    input.addEventListener("keydown", (event) => {
      const count = listbox.children.length;
      if (event.key === "ArrowDown" && count) {
        event.preventDefault();
        if (!isOpen()) {
          open();
          activate(event.altKey ? -1 : 0);
        } else {
          activate((active + 1) % count);
        }
      } else if (event.key === "ArrowUp" && count) {
        event.preventDefault();
        if (!isOpen()) {
          open();
          activate(count - 1);
        } else {
          activate(active <= 0 ? count - 1 : active - 1);
        }
      } else if (event.key === "Enter" && isOpen()) {
        // Enter picks the option; it sends the form only when the list is closed.
        event.preventDefault();
        if (active >= 0) {
          choose(options()[active]);
        }
      } else if (event.key === "Escape" && isOpen()) {
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("click", open);
    input.addEventListener("blur", close);
    // Keep the focus in the search field when an option is clicked.
    listbox.addEventListener("mousedown", (event) => event.preventDefault());
    listbox.addEventListener("click", (event) => {
      const item = event.target.closest('[role="option"]');
      if (item) {
        choose(item);
      }
    });

    box.addEventListener("htmx:afterSwap", (event) => {
      if (event.target !== results) {
        return;
      }
      rebuild();
      const typing = document.activeElement === input && input.value !== chosenName;
      if (typing && listbox.children.length) {
        open();
      } else {
        close();
      }
    });

    rebuild();
  }

  function setUpWithin(root) {
    if (root.matches?.("[data-combobox]")) {
      setUp(root);
    }
    root.querySelectorAll?.("[data-combobox]").forEach(setUp);
  }

  document.addEventListener("DOMContentLoaded", () => setUpWithin(document));
  // Forms that htmx brings into the page later.
  document.addEventListener("htmx:load", (event) => setUpWithin(event.detail.elt));
})();
