// Evidence previews: hovering or focusing a number that links to its evidence (an "#ev-..."
// target on the same page) shows that evidence beside it; following the link still scrolls
// there, which is all a touch screen, a printout or a screen reader needs.
(function () {
  "use strict";
  let tip = null;
  function hide() {
    if (tip) { tip.remove(); tip = null; }
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
    // what follows the value's line: its "computed from" line, then its rows (a list, or a
    // folded list in a <details>, shown open in the preview)
    let next = target.nextElementSibling;
    while (next && !next.id && !/^H[1-6]$/.test(next.tagName)) {
      const copy = next.cloneNode(true);
      if (copy.tagName === "DETAILS") copy.open = true;
      tip.appendChild(copy);
      if (next.tagName === "UL" || next.tagName === "DETAILS") break;
      next = next.nextElementSibling;
    }
    tip.querySelectorAll("[id]").forEach((el) => el.removeAttribute("id"));
    document.body.appendChild(tip);
    const box = link.getBoundingClientRect();
    const left = Math.min(window.scrollX + box.left, window.scrollX + window.innerWidth - tip.offsetWidth - 8);
    tip.style.left = `${Math.max(8, left)}px`;
    tip.style.top = `${window.scrollY + box.bottom + 6}px`;
    link.setAttribute("aria-describedby", "evidence-tip");
  }
  function init() {
    if (!window.matchMedia("(hover: hover)").matches) return;
    document.querySelectorAll('a.reference.internal[href^="#ev-"]').forEach((link) => {
      link.classList.add("evidence-link");
      link.addEventListener("mouseenter", () => show(link));
      link.addEventListener("focus", () => show(link));
      link.addEventListener("mouseleave", hide);
      link.addEventListener("blur", hide);
    });
    document.addEventListener("keydown", (e) => { if (e.key === "Escape") hide(); });
  }
  // A printout shows every evidence row: the folded lists open before printing.
  window.addEventListener("beforeprint", () => {
    document.querySelectorAll("details.evidence-rows").forEach((d) => { d.open = true; });
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
