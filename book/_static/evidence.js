// Evidence previews: hovering or focusing a number that links to its evidence (an "#ev-..."
// target on the same page) shows that evidence beside it; following the link still scrolls
// there, which is all a touch screen, a printout or a screen reader needs.
// The preview shows the value, what it is and at most PREVIEW_ROWS of its rows (a long list says
// how many more there are); it opens below the number, or above it when there is more room
// there, and never runs off the screen. The pointer can move into it (to follow a quote link).
(function () {
  "use strict";
  const PREVIEW_ROWS = 3;
  const GAP = 6;
  let tip = null;
  let hideTimer = null;
  function hide() {
    clearTimeout(hideTimer);
    if (tip) { tip.remove(); tip = null; }
    document.querySelectorAll("[aria-describedby='evidence-tip']")
      .forEach((el) => el.removeAttribute("aria-describedby"));
  }
  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }
  // The rows of an item, shortened: a folded list becomes its first rows and a count of the rest.
  function preview(part) {
    const list = part.tagName === "DETAILS" ? part.querySelector("ul") : part;
    if (!list || list.tagName !== "UL") return part.cloneNode(true);
    const copy = list.cloneNode(false);
    const items = Array.from(list.children);
    items.slice(0, PREVIEW_ROWS).forEach((li) => copy.appendChild(li.cloneNode(true)));
    if (items.length <= PREVIEW_ROWS) return copy;
    const box = document.createElement("div");
    box.appendChild(copy);
    const more = document.createElement("p");
    more.className = "evidence-tip-more";
    more.textContent = `… and ${items.length - PREVIEW_ROWS} more: follow the link to see them all.`;
    box.appendChild(more);
    return box;
  }
  // The lowest bottom edge of the sticky headers on the screen: a preview must not go under them.
  function headerBottom() {
    let bottom = 0;
    document.querySelectorAll(".bd-header-article, .bd-header").forEach((el) => {
      const position = getComputedStyle(el).position;
      if (position !== "sticky" && position !== "fixed") return;
      const edge = el.getBoundingClientRect().bottom;
      if (edge > 0) bottom = Math.max(bottom, edge);
    });
    return bottom;
  }
  function place(link) {
    const box = link.getBoundingClientRect();
    const below = window.innerHeight - box.bottom - GAP - 8;
    const above = box.top - headerBottom() - GAP - 8;
    // below if the whole preview fits there, else above if it fits there, else the larger side
    tip.style.maxHeight = "none";
    const whole = tip.offsetHeight;
    const up = whole > below && (whole <= above || above > below);
    tip.style.maxHeight = `${Math.max(120, up ? above : below)}px`;
    const height = tip.offsetHeight;
    const top = up ? box.top - GAP - height : box.bottom + GAP;
    const left = Math.min(box.left, window.innerWidth - tip.offsetWidth - 8);
    tip.style.left = `${window.scrollX + Math.max(8, left)}px`;
    tip.style.top = `${window.scrollY + top}px`;
  }
  function show(link) {
    hide();
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    tip = document.createElement("div");
    tip.className = "evidence-tip";
    tip.id = "evidence-tip";
    tip.setAttribute("role", "tooltip");
    tip.appendChild(target.cloneNode(true));
    // what follows the value's line: a "computed from" line, a setting's note, then its rows
    let next = target.nextElementSibling;
    while (next && !next.id && !/^H[1-6]$/.test(next.tagName)) {
      const list = next.tagName === "UL" || next.tagName === "DETAILS";
      tip.appendChild(list ? preview(next) : next.cloneNode(true));
      if (list) break;
      next = next.nextElementSibling;
    }
    tip.querySelectorAll("[id]").forEach((el) => el.removeAttribute("id"));
    tip.addEventListener("mouseenter", () => clearTimeout(hideTimer));
    tip.addEventListener("mouseleave", hideSoon);
    document.body.appendChild(tip);
    place(link);
    link.setAttribute("aria-describedby", "evidence-tip");
  }
  function init() {
    if (!window.matchMedia("(hover: hover)").matches) return;
    document.querySelectorAll('a.reference.internal[href^="#ev-"]').forEach((link) => {
      link.classList.add("evidence-link");
      link.addEventListener("mouseenter", () => show(link));
      link.addEventListener("focus", () => show(link));
      link.addEventListener("mouseleave", hideSoon);
      link.addEventListener("blur", hideSoon);
    });
    document.addEventListener("keydown", (e) => { if (e.key === "Escape") hide(); });
    window.addEventListener("scroll", () => { if (tip && !tip.matches(":hover")) hide(); },
                            { passive: true });
  }
  // A printout shows every evidence row: the folded lists open before printing.
  window.addEventListener("beforeprint", () => {
    document.querySelectorAll("details.evidence-rows").forEach((d) => { d.open = true; });
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
