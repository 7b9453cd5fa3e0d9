/* The contribution form's typed lists (omvärldsfaktorer, aktiviteter, samverkansytor,
   Agenda 2030-mål, insatser), as progressive enhancement.

   Without JavaScript, "Lägg till …" and "Ta bort" are submit buttons: the server shows
   the form again with an empty row added (or the row left out), everything typed kept,
   nothing saved. With it, a row is copied from the kind's <template> (the same markup,
   with __N__ for the row's index in the post and __NUM__ for its number on the page) or
   removed here, without a reload; focus moves to the new row's first field, or after a
   removal to the next row (or the add button), and the status line says what happened.
   The Agenda 2030 target list (every target, grouped by goal with <optgroup>) shows only
   the chosen goal's targets; a target picked first fills in its goal. */
(function () {
  "use strict";

  function fields(row) {
    return Array.prototype.filter.call(row.querySelectorAll("select, input, textarea, button"), function (el) {
      return el.type !== "hidden" && !el.disabled;
    });
  }

  function setUp(fieldset) {
    var list = fieldset.querySelector("[data-item-list]");
    var total = fieldset.querySelector("[data-items-total]");
    var status = fieldset.querySelector("#items-notice");
    if (!list || !total) return;

    function say(text) {
      if (!status || !text) return;
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50); // a change the screen reader announces
    }

    function renumber() {
      Array.prototype.forEach.call(list.querySelectorAll("[data-item-row]"), function (row, index) {
        Array.prototype.forEach.call(row.querySelectorAll(".item-n"), function (n) { n.textContent = String(index + 1); });
      });
    }

    function add(kind, button) {
      var template = fieldset.querySelector('template[data-item-template="' + kind + '"]');
      if (!template) return;
      var index = parseInt(total.value, 10) || 0;
      var number = list.querySelectorAll("[data-item-row]").length + 1;
      var box = document.createElement("div");
      box.innerHTML = template.innerHTML.replace(/__N__/g, String(index)).replace(/__NUM__/g, String(number));
      var row = box.querySelector("[data-item-row]");
      list.appendChild(row);
      total.value = String(index + 1);
      filterTargets(row);
      var first = fields(row)[0];
      if (first) first.focus();
      say(button.getAttribute("data-added") || "");
    }

    function remove(row) {
      var rows = Array.prototype.slice.call(list.querySelectorAll("[data-item-row]"));
      var at = rows.indexOf(row);
      var next = rows[at + 1];
      row.parentNode.removeChild(row);
      renumber();
      var target = next ? fields(next)[0] : fieldset.querySelector("[data-add-item]");
      if (target) target.focus();
      say(list.getAttribute("data-removed") || "");
    }

    /* The target <select>: only the chosen goal's <optgroup> (all of them when no goal). */
    function filterTargets(row) {
      Array.prototype.forEach.call(row.querySelectorAll("select[data-goal-select]"), function (targets) {
        var goal = document.getElementById(targets.getAttribute("data-goal-select"));
        if (!goal) return;
        Array.prototype.forEach.call(targets.querySelectorAll("optgroup"), function (group) {
          var other = goal.value !== "" && group.getAttribute("data-goal") !== goal.value;
          group.hidden = other;
          group.disabled = other;
        });
        var chosen = targets.selectedOptions[0];
        if (chosen && chosen.parentNode.disabled) targets.value = "";
      });
    }

    fieldset.addEventListener("click", function (event) {
      var addButton = event.target.closest("[data-add-item]");
      if (addButton) {
        event.preventDefault();
        add(addButton.getAttribute("data-add-item"), addButton);
        return;
      }
      var removeButton = event.target.closest("[data-remove-item]");
      if (removeButton) {
        event.preventDefault();
        remove(removeButton.closest("[data-item-row]"));
      }
    });

    fieldset.addEventListener("change", function (event) {
      var el = event.target;
      var row = el.closest("[data-item-row]");
      if (!row) return;
      if (el.hasAttribute("data-goal-select")) {
        // a target picked with no goal chosen: its goal is the part before the dot
        var goal = document.getElementById(el.getAttribute("data-goal-select"));
        var group = el.selectedOptions[0] && el.selectedOptions[0].parentNode;
        if (goal && goal.value === "" && group && group.getAttribute("data-goal")) goal.value = group.getAttribute("data-goal");
      }
      filterTargets(row);
    });

    Array.prototype.forEach.call(list.querySelectorAll("[data-item-row]"), filterTargets);
  }

  function start() { Array.prototype.forEach.call(document.querySelectorAll("fieldset.items"), setUp); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
