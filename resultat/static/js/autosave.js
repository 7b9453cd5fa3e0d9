/* Autosave feedback: htmx does not swap error answers by default, so a refused
   autosave (422: the text could not be saved, e.g. too long; 409: someone saved a newer
   version) would leave the status line saying the previous save succeeded. The server
   answers both with the status fragment; show it. Any other failure (403, 500, no
   connection, time-out) writes the form's own message (data-autosave-error) into the
   status line, so the editor always knows the draft is not saved. */
(function () {
  "use strict";

  function isAutosave(detail) {
    var target = detail && (detail.target || (detail.requestConfig && detail.requestConfig.target));
    return !!(target && target.id === "autosave-status");
  }

  function showFailure(detail) {
    var form = document.getElementById("edit-form");
    var status = document.getElementById("autosave-status");
    if (!form || !status) return;
    var code = detail && detail.xhr && detail.xhr.status ? " (" + detail.xhr.status + ")" : "";
    var span = document.createElement("span");
    span.className = "error";
    span.textContent = (form.getAttribute("data-autosave-error") || "") + code;
    status.textContent = "";
    status.appendChild(span);
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var d = event.detail;
    if (!isAutosave(d) || !d.xhr) return;
    if (d.xhr.status === 409 || d.xhr.status === 422) {
      d.shouldSwap = true;
      d.isError = false;
    }
  });
  ["htmx:responseError", "htmx:sendError", "htmx:timeout"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      if (isAutosave(event.detail)) showFailure(event.detail);
    });
  });
})();
