/* Progressive enhancement for the shared chart component (templates/charts/chart.html).
   The server already rendered an SVG (wide and narrow, CSS shows one) and a data table;
   if vega-embed is available, replace them with the interactive view. Uses vega's AST
   interpreter (ast: true), so no eval/new Function is needed: works under a CSP without
   'unsafe-eval'. The page spec (core/charts/web.py) has no title (the card's caption is
   the title) and width "container": vega-embed fits it to the card and redraws it when
   the card changes width. Concatenated charts and maps cannot be "container"-sized in
   Vega-Lite: their widths are set here from the card before drawing. */
(function () {
  "use strict";
  // vega-tooltip would inject a <style> element, which the Content-Security-Policy
  // (style-src 'self') blocks: the tooltip then lands unstyled below the footer. Its
  // default style is off; resultat.css styles #vg-tooltip-element instead (the
  // position is set through the CSSOM, which the policy allows). For the same reason
  // vega-embed's own injected stylesheet is off (defaultStyle: false).
  var TOOLTIP = { disableDefaultStyle: true, theme: "light", offsetX: 12, offsetY: 12 };
  var AXIS_ROOM = 90;   // y-axis labels and title beside a concatenated chart's plot
  var LEGEND_ROOM = 120; // a map's legend to its right
  var WIDE_LEGEND = 600;  // from this card width a legend may lie in a row again
  function fit(spec, width) {
    if (width >= WIDE_LEGEND && spec.config && spec.config.legend) delete spec.config.legend.columns;
    if (spec.vconcat) {
      var w = Math.max(160, width - AXIS_ROOM);
      for (var i = 0; i < spec.vconcat.length; i++) spec.vconcat[i].width = w;
    } else if (spec.projection && typeof spec.width === "number") {
      var m = Math.max(160, Math.min(spec.width, width - LEGEND_ROOM));
      if (typeof spec.height === "number") spec.height = Math.round(spec.height * m / spec.width);
      spec.width = m;
    }
    return spec;
  }
  function enhance(figure) {
    var specId = figure.getAttribute("data-chart");
    var script = document.getElementById(specId);
    var view = figure.querySelector("[data-chart-view]");
    if (!script || !view || typeof window.vegaEmbed !== "function") return;
    var spec;
    try { spec = JSON.parse(script.textContent); } catch (e) { return; }
    // "container" needs the holder in the page to measure it: it goes in first, the
    // server-drawn pictures are hidden meanwhile (a class, not a style: CSP) and come
    // back if drawing fails.
    var holder = document.createElement("div");
    holder.className = "chart-interactive";
    view.classList.add("chart-enhancing");
    view.appendChild(holder);
    fit(spec, holder.clientWidth || view.clientWidth);
    window.vegaEmbed(holder, spec, { ast: true, actions: false, renderer: "svg", tooltip: TOOLTIP, defaultStyle: false })
      .then(function () {
        view.replaceChildren(holder);
        view.classList.remove("chart-enhancing");
        view.setAttribute("data-enhanced", "true");
      })
      .catch(function () {
        if (holder.parentNode) holder.parentNode.removeChild(holder);
        view.classList.remove("chart-enhancing");
      });
  }
  function run() {
    var figures = document.querySelectorAll("figure[data-chart]");
    for (var i = 0; i < figures.length; i++) enhance(figures[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
