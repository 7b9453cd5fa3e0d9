/* Progressive enhancement for the shared chart component (templates/charts/chart.html).
   The server already rendered an SVG and a data table; if vega-embed is available,
   replace the SVG with the interactive view. Uses vega's AST interpreter (ast: true),
   so no eval/new Function is needed: works under a CSP without 'unsafe-eval'. */
(function () {
  "use strict";
  // vega-tooltip would inject a <style> element, which the Content-Security-Policy
  // (style-src 'self') blocks: the tooltip then lands unstyled below the footer. Its
  // default style is off; resultat.css styles #vg-tooltip-element instead (the
  // position is set through the CSSOM, which the policy allows). For the same reason
  // vega-embed's own injected stylesheet is off (defaultStyle: false).
  var TOOLTIP = { disableDefaultStyle: true, theme: "light", offsetX: 12, offsetY: 12 };
  function enhance(figure) {
    var specId = figure.getAttribute("data-chart");
    var script = document.getElementById(specId);
    var view = figure.querySelector("[data-chart-view]");
    if (!script || !view || typeof window.vegaEmbed !== "function") return;
    var spec;
    try { spec = JSON.parse(script.textContent); } catch (e) { return; }
    var holder = document.createElement("div");
    holder.className = "chart-interactive";
    window.vegaEmbed(holder, spec, { ast: true, actions: false, renderer: "svg", tooltip: TOOLTIP, defaultStyle: false })
      .then(function () {
        view.replaceChildren(holder);
        view.setAttribute("data-enhanced", "true");
      })
      .catch(function () { /* keep the server-rendered SVG */ });
  }
  function run() {
    var figures = document.querySelectorAll("figure[data-chart]");
    for (var i = 0; i < figures.length; i++) enhance(figures[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
