// The data explorer (book/explorer): filter, search and sort the rows, offline, no library.
// Every row carries its filterable values as data-* attributes written at build time.
(function () {
  "use strict";
  function setup(root) {
    const rows = Array.from(root.querySelectorAll("tbody tr"));
    const count = root.querySelector(".explorer-count");
    const controls = Array.from(root.querySelectorAll("[data-filter]"));
    // search ignores case and accents: "guaido" finds "Guaidó"
    const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    const text = rows.map((row) => fold(row.textContent));
    function apply() {
      const want = {};
      controls.forEach((c) => { want[c.dataset.filter] = c.value.trim(); });
      const words = fold(want.text || "").split(/\s+/).filter(Boolean);
      let shown = 0;
      rows.forEach((row, i) => {
        let ok = words.every((w) => text[i].includes(w));
        for (const key of Object.keys(want)) {
          if (!ok || !want[key] || key === "text") continue;
          // a date range keeps the rows dated within it: a row dated only to a year that the
          // range does not cover whole is not "in March", and an undated row is in no range
          if (key === "from") ok = !!row.dataset.start && row.dataset.start >= want.from;
          else if (key === "to") ok = !!row.dataset.end && row.dataset.end <= want.to;
          else ok = row.dataset[key] === want[key];
        }
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown === rows.length ? `${rows.length} rows` : `${shown} of ${rows.length} rows`;
    }
    controls.forEach((c) => c.addEventListener("input", apply));
    root.querySelector("form").addEventListener("submit", (e) => e.preventDefault());
    const tbody = root.querySelector("tbody");
    const headers = Array.from(root.querySelectorAll("th"));
    function sortBy(name, up) {
      headers.forEach((h) => h.removeAttribute("aria-sort"));
      if (!name) { rows.forEach((row) => tbody.appendChild(row)); return; }
      const th = root.querySelector(`button[data-sort="${name}"]`).closest("th");
      const column = headers.indexOf(th);
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      const key = (row) => (name === "date"
        ? row.dataset.start || "9999"
        : row.children[column].textContent.trim().toLowerCase());
      rows.slice().sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (up ? 1 : -1))
        .forEach((row) => tbody.appendChild(row));
    }
    root.querySelectorAll("button[data-sort]").forEach((button) => {
      button.addEventListener("click", () => {
        const th = button.closest("th");
        sortBy(button.dataset.sort, th.getAttribute("aria-sort") !== "ascending");
      });
    });
    const select = root.querySelector("[data-sort-select]");
    select.addEventListener("input", () => sortBy(select.value, true));
    apply();
  }
  function init() { document.querySelectorAll(".explorer").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
