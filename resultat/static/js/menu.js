/* The header menu is a <details> disclosure and works without JavaScript. This only
   adds what a menu button is expected to do: Escape closes it (focus back on the
   button), and a click outside it closes it. Browsers without ::details-content get
   the menu opened on wide screens, where the CSS hides the button. */
(function () {
  "use strict";
  var menu = document.querySelector("details[data-menu]");
  if (!menu) return;
  var summary = menu.querySelector("summary");
  var wide = window.matchMedia("(min-width: 60rem)");
  var native = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  function sync() {
    if (!native) menu.open = wide.matches;
  }
  if (!native) {
    sync();
    if (wide.addEventListener) wide.addEventListener("change", sync);
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open && !wide.matches) {
      menu.open = false;
      summary.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (menu.open && !wide.matches && !menu.contains(event.target)) menu.open = false;
  });
})();
