/* The sidebar buttons a reader sees open the sidebars at every width.
 *
 * pydata-sphinx-theme 0.17.1 and sphinx-book-theme 1.3.0 attach their click handlers to the
 * first `.primary-toggle` and `.secondary-toggle` of the page (document.querySelector), which
 * are hidden copies in the theme's top bar; the buttons shown in the article header get none,
 * so the ☰ and "Contents" buttons did nothing (pydata-sphinx-theme#2451,
 * sphinx-book-theme#988). Each other copy now passes its click on to the first one, whose
 * handlers open the sidebar as a dialog below 992 px and collapse it on wider screens.
 */
(() => {
  const forwardClicks = (selector) => {
    const [first, ...others] = document.querySelectorAll(selector);
    others.forEach((button) =>
      button.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        button.blur();
        first.click();
      }),
    );
  };
  const setUp = () => {
    forwardClicks(".primary-toggle");
    forwardClicks(".secondary-toggle");
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
