/* The contribution editor: a formatting toolbar with what-you-see editing (pell,
   vendored) over the textarea of the light markup, as progressive enhancement.

   Without JavaScript the textarea is the editor. With it, the textarea is hidden but
   stays the form's field: every change in the editor is written back to it as the
   light markup (and an "input" event lets the autosave see it), so the server reads
   exactly what it reads without JavaScript and sanitises it as always
   (resultat/core/markup.py, resultat/core/richtext.py). Pasted HTML (Word,
   LibreOffice, web pages) is cleaned here to the allowed elements: paragraphs,
   headings 3-4, bold, italic, lists and http/https/mailto links. */
(function () {
  "use strict";

  var BLOCKS = { P: "p", DIV: "p", H1: "h3", H2: "h3", H3: "h3", H4: "h4", H5: "h4", H6: "h4", LI: "li", UL: "ul", OL: "ol", BLOCKQUOTE: "p" };
  var INLINE = { STRONG: "strong", B: "strong", EM: "em", I: "em", A: "a" };
  var DROP = { SCRIPT: 1, STYLE: 1, META: 1, LINK: 1, TITLE: 1, HEAD: 1, XML: 1, TEMPLATE: 1, IFRAME: 1, OBJECT: 1, SVG: 1, IMG: 1 };

  function safeHref(href) {
    href = (href || "").trim();
    return /^(https?:\/\/|mailto:|\/)/i.test(href) ? href : "";
  }

  /* Word marks bold and italic with styles on spans; keep those two meanings. */
  function styledWrapper(el) {
    var style = (el.getAttribute && el.getAttribute("data-style")) || "";
    if (/font-weight\s*:\s*(bold|[6-9]00)/i.test(style)) return "strong";
    if (/font-style\s*:\s*italic/i.test(style)) return "em";
    return null;
  }

  /* A clean copy of ``source``'s children, appended to ``target``. */
  function cleanInto(source, target, doc) {
    for (var node = source.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3) {
        target.appendChild(doc.createTextNode(node.nodeValue.replace(/\u00a0/g, " ")));
        continue;
      }
      if (node.nodeType !== 1) continue; // comments (Word's conditional ones too)
      var tag = node.tagName.toUpperCase().replace(/^.*:/, ""); // o:p, w:sdt ...
      if (DROP[tag] || node.tagName.indexOf(":") > 0 && !node.textContent.trim()) continue;
      var name = BLOCKS[tag] || INLINE[tag] || (tag === "BR" ? "br" : styledWrapper(node));
      if (/MsoList/i.test(node.className || "")) name = "li"; // Word's list paragraphs
      if (!name) { cleanInto(node, target, doc); continue; } // span, font, table parts ...: keep the text
      var el = doc.createElement(name);
      if (name === "a") {
        var href = safeHref(node.getAttribute("href"));
        if (!href) { cleanInto(node, target, doc); continue; }
        el.setAttribute("href", href);
      }
      if (name !== "br") cleanInto(node, el, doc);
      target.appendChild(el);
    }
    return target;
  }

  function cleanHtml(html) {
    // Style elements and attributes are renamed, event handler attributes removed before
    // parsing: the parsed document shares the page's Content-Security-Policy, which
    // refuses both (and the refusals would fill the console). Only bold and italic are
    // read from the styles; nothing else of the pasted markup survives the cleaning.
    html = html.replace(/<style[\s\S]*?<\/style\s*>/gi, "").replace(/\sstyle\s*=\s*("[^"]*"|'[^']*')/gi, " data-style=$1")
      .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, "");
    var parsed = new DOMParser().parseFromString(html, "text/html");
    var box = document.createElement("div");
    cleanInto(parsed.body, box, document);
    // A list item outside a list (Word's list paragraphs) goes into a list.
    Array.prototype.slice.call(box.children).forEach(function (child) {
      if (child.tagName === "LI") {
        var prev = child.previousElementSibling;
        if (!prev || prev.tagName !== "UL") { prev = document.createElement("ul"); box.insertBefore(prev, child); }
        child.textContent = child.textContent.replace(/^[\s·•\-–o§]+/, "");
        prev.appendChild(child);
      }
    });
    return box.innerHTML;
  }

  /* --- the light markup <-> HTML (the same format as resultat/core/markup.py) --- */

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function inline(text) {
    return escapeHtml(text)
      .replace(/\[([^\]\n]+)\]\(((?:https?:\/\/|mailto:|\/)[^\s)]+)\)/g, '<a href="$2">$1</a>')
      .replace(/\*\*(\S(?:[^*]*\S)?)\*\*/g, "<strong>$1</strong>")
      .replace(/\*(\S(?:[^*]*\S)?)\*/g, "<em>$1</em>");
  }

  function markupToHtml(text) {
    var out = [], para = [], list = null;
    function flushPara() { if (para.length) { out.push("<p>" + inline(para.join(" ")) + "</p>"); para = []; } }
    function flushList() { if (list) { out.push("<" + list.tag + ">" + list.items.map(function (i) { return "<li>" + inline(i) + "</li>"; }).join("") + "</" + list.tag + ">"); list = null; } }
    text.replace(/\r\n?/g, "\n").split("\n").forEach(function (line) {
      var m;
      if (!line.trim()) { flushPara(); flushList(); return; }
      if ((m = /^(#{3,4})\s+(.*)$/.exec(line))) { flushPara(); flushList(); out.push("<h" + m[1].length + ">" + inline(m[2]) + "</h" + m[1].length + ">"); return; }
      var bullet = /^\s*[-*•]\s+(.*)$/.exec(line), numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
      if (bullet || numbered) {
        flushPara();
        var tag = bullet ? "ul" : "ol";
        if (list && list.tag !== tag) flushList();
        if (!list) list = { tag: tag, items: [] };
        list.items.push((bullet || numbered)[1]);
        return;
      }
      flushList();
      para.push(line.trim());
    });
    flushPara(); flushList();
    return out.join("\n");
  }

  function inlineMarkup(node) {
    var out = "";
    for (var child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) { out += child.nodeValue.replace(/\s+/g, " "); continue; }
      if (child.nodeType !== 1) continue;
      var tag = child.tagName, inner = inlineMarkup(child);
      // A space at the edge of bold, italic or a link (typed after turning bold on) goes
      // outside the marks, which take none: it must not be lost between two words.
      var lead = /^\s/.test(inner) ? " " : "", trail = /\S\s$/.test(inner) ? " " : "";
      if (tag === "BR") out += " ";
      else if ((tag === "STRONG" || tag === "B") && inner.trim()) out += lead + "**" + inner.trim() + "**" + trail;
      else if ((tag === "EM" || tag === "I") && inner.trim()) out += lead + "*" + inner.trim() + "*" + trail;
      else if (tag === "A" && safeHref(child.getAttribute("href")) && inner.trim()) out += lead + "[" + inner.trim() + "](" + safeHref(child.getAttribute("href")) + ")" + trail;
      else out += inner;
    }
    return out;
  }

  function hasBlockChild(node) {
    return Array.prototype.some.call(node.children, function (child) {
      return /^(UL|OL|H[1-6]|P|DIV|BLOCKQUOTE)$/.test(child.tagName);
    });
  }

  function htmlToMarkup(root) {
    var blocks = [], loose = "";
    function flushLoose() { if (loose.trim()) blocks.push(loose.trim()); loose = ""; }
    for (var node = root.firstChild; node; node = node.nextSibling) {
      var tag = node.nodeType === 1 ? node.tagName : "";
      if (tag === "UL" || tag === "OL") {
        flushLoose();
        var n = 0, lines = [];
        Array.prototype.forEach.call(node.children, function (li) {
          var text = inlineMarkup(li).trim();
          if (text) lines.push((tag === "UL" ? "- " : (++n) + ". ") + text);
        });
        if (lines.length) blocks.push(lines.join("\n"));
      } else if (/^H[1-6]$/.test(tag)) {
        flushLoose();
        var h = inlineMarkup(node).trim();
        if (h) blocks.push((tag === "H4" || tag === "H5" || tag === "H6" ? "#### " : "### ") + h);
      } else if ((tag === "P" || tag === "DIV" || tag === "BLOCKQUOTE") && hasBlockChild(node)) {
        /* The browser's list command can leave <p><ul>…</ul></p>: read such a paragraph
           as the blocks it holds, or the list items would run together as one line. */
        flushLoose();
        var nested = htmlToMarkup(node);
        if (nested) blocks.push(nested);
      } else if (tag === "P" || tag === "DIV" || tag === "BLOCKQUOTE") {
        flushLoose();
        var p = inlineMarkup(node).trim();
        if (p) blocks.push(p);
      } else if (tag === "BR") {
        flushLoose();
      } else {
        loose += node.nodeType === 3 ? node.nodeValue : inlineMarkup({ firstChild: node });
      }
    }
    flushLoose();
    return blocks.join("\n\n");
  }

  /* --- the editor --- */

  /* --- joining two blocks without the browser's inline styles --------------------------
     Chrome joins two blocks (Backspace at a block's start, Delete at its end, deleting a
     selection across blocks) by writing the moved text out as markup with style="…" and
     reading it back in. Under the site's Content-Security-Policy (style-src 'self') that
     style attribute is refused, with a console error, and a bare <span> is left behind.
     So the join is done here, on the DOM; the CSP stays as it is. */
  var JOINABLE = { P: 1, H3: 1, H4: 1, LI: 1 };
  var LISTS = { UL: 1, OL: 1 };

  function blockOf(node, root) {
    for (; node && node !== root; node = node.parentNode) {
      if (node.nodeType === 1 && JOINABLE[node.tagName]) return node;
    }
    return null;
  }

  /* Nothing but empty text (or a placeholder <br>) between the block's edge and the caret. */
  function atEdge(block, container, offset, start) {
    var probe = document.createRange();
    probe.selectNodeContents(block);
    if (start) probe.setEnd(container, offset); else probe.setStart(container, offset);
    return probe.toString() === "";
  }

  function lastBlockOf(el) { return LISTS[el.tagName] ? el.lastElementChild : el; }
  function firstBlockOf(el) { return LISTS[el.tagName] ? el.firstElementChild : el; }

  /* The block before ``block`` that it joins, or null (the first item of a list has none:
     Backspace there turns it into a paragraph, as in Word). */
  function blockBefore(block) {
    if (block.tagName === "LI") return block.previousElementSibling;
    var prev = block.previousElementSibling;
    return prev && (JOINABLE[prev.tagName] || LISTS[prev.tagName]) ? lastBlockOf(prev) : null;
  }

  function blockAfter(block) {
    var next = block.nextElementSibling;
    if (!next && block.tagName === "LI") next = block.parentNode.nextElementSibling;
    return next && (JOINABLE[next.tagName] || LISTS[next.tagName]) ? firstBlockOf(next) : null;
  }

  function isPlaceholder(node) { return node && node.nodeType === 1 && node.tagName === "BR"; }

  function putCaret(node, offset) {
    var range = document.createRange();
    range.setStart(node, offset);
    range.collapse(true);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function removeBlock(block) {
    var parent = block.parentNode;
    parent.removeChild(block);
    if (LISTS[parent.tagName] && !parent.firstElementChild) parent.parentNode.removeChild(parent);
  }

  /* Move ``from``'s content to the end of ``into``; the caret goes to the join. */
  function join(into, from) {
    if (isPlaceholder(into.lastChild)) into.removeChild(into.lastChild);
    var at = into.childNodes.length;
    while (from.firstChild) {
      if (isPlaceholder(from.firstChild) && !from.firstChild.nextSibling) { from.removeChild(from.firstChild); break; }
      into.appendChild(from.firstChild);
    }
    if (!into.firstChild) into.appendChild(document.createElement("br"));
    removeBlock(from);
    putCaret(into, Math.min(at, into.childNodes.length));
  }

  /* The first item of a list, Backspace at its start: a paragraph before (or after) the list. */
  function unlist(item) {
    var list = item.parentNode;
    var p = document.createElement("p");
    while (item.firstChild) p.appendChild(item.firstChild);
    if (!p.firstChild) p.appendChild(document.createElement("br"));
    list.parentNode.insertBefore(p, list);
    removeBlock(item);
    putCaret(p, 0);
  }

  /* A block inside a paragraph or heading (Chrome makes <p><ul>…</ul></p> when a list is
     started after a paragraph) is lifted out of it, the paragraph split around it; the
     caret stays where it was. Joins below then meet only flat blocks. */
  var NESTED = "p > ul, p > ol, p > p, p > h3, p > h4, h3 > p, h3 > ul, h3 > ol, h4 > p, h4 > ul, h4 > ol";

  function isBlank(el) { return !el.firstChild || (!el.textContent.trim() && !el.querySelector("br")); }

  function flatten(root) {
    var child = root.querySelector(NESTED);
    if (!child) return;
    var selection = window.getSelection();
    var saved = selection.rangeCount ? [selection.anchorNode, selection.anchorOffset, selection.focusNode, selection.focusOffset] : null;
    for (; child; child = root.querySelector(NESTED)) {
      var outer = child.parentNode;
      var rest = outer.cloneNode(false);
      while (child.nextSibling) rest.appendChild(child.nextSibling);
      outer.parentNode.insertBefore(child, outer.nextSibling);
      if (!isBlank(rest)) outer.parentNode.insertBefore(rest, child.nextSibling);
      if (isBlank(outer)) outer.parentNode.removeChild(outer);
    }
    if (saved && root.contains(saved[0]) && root.contains(saved[2])) selection.setBaseAndExtent(saved[0], saved[1], saved[2], saved[3]);
  }

  /* Handles a deletion that would join blocks; true when it did (the browser must not). */
  function joinInstead(event, root) {
    var type = event.inputType || "";
    if (!/^delete(Content|Word|SoftLine|HardLine)?(Backward|Forward)$|^deleteByCut$|^deleteContent$/.test(type)) return false;
    flatten(root);
    var selection = window.getSelection();
    if (!selection.rangeCount) return false;
    var range = selection.getRangeAt(0);
    var first = blockOf(range.startContainer, root), last = blockOf(range.endContainer, root);
    if (!first || !last) return false;
    if (!range.collapsed) {
      if (first === last || type === "deleteByCut") return false; // inside one block the browser adds no styles
      range.deleteContents();
      join(first, last);
      return true;
    }
    var backward = /Backward$/.test(type);
    if (!atEdge(first, range.startContainer, range.startOffset, backward)) return false;
    if (backward) {
      var before = blockBefore(first);
      if (before) join(before, first);
      else if (first.tagName === "LI") unlist(first);
      else return false;
      return true;
    }
    var after = blockAfter(first);
    if (!after) return false;
    join(first, after);
    return true;
  }

  /* --- the editor ---------------------------------------------------------------------- */

  /* Where the selection's ends are, each as [characters before it in its block, the
     block's text]: the list commands rebuild the block and leave the caret at its start;
     putBack moves it to the same character again, if the text is unchanged. */
  function caretPlace(node, offset, root) {
    var block = blockOf(node, root);
    if (!block) return null;
    var range = document.createRange();
    range.selectNodeContents(block);
    range.setEnd(node, offset);
    return [range.toString().length, block.textContent];
  }

  function caretPlaces(root) {
    var s = window.getSelection();
    if (!s.rangeCount || !root.contains(s.anchorNode)) return null;
    return [caretPlace(s.anchorNode, s.anchorOffset, root), caretPlace(s.focusNode, s.focusOffset, root)];
  }

  function pointAt(block, count) {
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT), text, last = null;
    while ((text = walker.nextNode())) {
      if (count <= text.nodeValue.length) return [text, count];
      count -= text.nodeValue.length;
      last = text;
    }
    return last ? [last, last.nodeValue.length] : [block, 0];
  }

  function putBack(root, before) {
    var s = window.getSelection();
    if (!before || !before[0] || !before[1] || !s.rangeCount || !root.contains(s.anchorNode)) return;
    var now = caretPlaces(root);
    if (!now[0] || !now[1] || now[0][1] !== before[0][1] || now[1][1] !== before[1][1]) return; // the text changed (a link's address put in)
    if (now[0][0] === before[0][0] && now[1][0] === before[1][0]) return; // in place: keeps bold's typing style
    var anchor = pointAt(blockOf(s.anchorNode, root), before[0][0]), focus = pointAt(blockOf(s.focusNode, root), before[1][0]);
    s.setBaseAndExtent(anchor[0], anchor[1], focus[0], focus[1]);
  }

  /* The link button's sign: two chain links drawn in the text's colour (an emoji or a
     symbol character is missing from many fonts and showed as an empty box). */
  var LINK_ICON = '<svg class="pell-icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24">' +
    '<path d="M10 14a5 5 0 0 0 7.07 0l3-3a5 5 0 0 0-7.07-7.07l-1.5 1.5"/>' +
    '<path d="M14 10a5 5 0 0 0-7.07 0l-3 3a5 5 0 0 0 7.07 7.07l1.5-1.5"/></svg>';

  function setUp(textarea) {
    if (!window.pell || !window.DOMParser || textarea.dataset.enhanced) return;
    textarea.dataset.enhanced = "1";
    var t = function (key, fallback) { return textarea.dataset[key] || fallback; };
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label && !label.id) label.id = textarea.id + "-label";
    var holder = document.createElement("div");
    holder.className = "rich-editor";
    textarea.parentNode.insertBefore(holder, textarea);

    function sync() {
      var markup = htmlToMarkup(editor.content);
      if (markup !== textarea.value) {
        textarea.value = markup;
        textarea.dispatchEvent(new Event("input", { bubbles: true })); // the autosave listens
      }
    }
    // The buttons' names are their (translated) titles; the visible signs are decoration.
    function icon(sign) { return '<span aria-hidden="true">' + sign + "</span>"; }
    /* A toolbar button formats where the caret (or the selection) is and leaves it there,
       with the focus back in the text, by mouse and by keyboard. Pell's own way, focus()
       after the command, put the caret at the start of a new list item; and the block
       and link buttons left the focus on the button. So the last selection in the text
       is remembered, put back before the command and, as the command left it, after. */
    var remembered = null;
    function remember() { remembered = selected() || remembered; }
    function selected() {
      var s = window.getSelection();
      return s.rangeCount && editor.content.contains(s.anchorNode) && editor.content.contains(s.focusNode)
        ? [s.anchorNode, s.anchorOffset, s.focusNode, s.focusOffset] : null;
    }
    function restore() {
      var content = editor.content, s = window.getSelection();
      var keep = selected() || remembered; // the selection still in the text, else the last one
      if (document.activeElement !== content) content.focus({ preventScroll: true });
      if (!keep || !content.contains(keep[0]) || !content.contains(keep[2])) return;
      var now = selected();
      if (!now || now.some(function (v, i) { return v !== keep[i]; })) s.setBaseAndExtent(keep[0], keep[1], keep[2], keep[3]);
    }
    function command(run) {
      return function () {
        restore();
        var before = caretPlaces(editor.content);
        run();
        flatten(editor.content);
        putBack(editor.content, before);
        remember();
        sync();
        if (document.activeElement !== editor.content) restore();
        return false; // not true: pell would focus() the text again
      };
    }
    function exec(name, value) { return command(function () { document.execCommand(name, false, value); }); }
    function block(tag) { return exec("formatBlock", "<" + tag + ">"); }
    var editor = window.pell.init({
      element: holder,
      defaultParagraphSeparator: "p",
      styleWithCSS: false,
      onChange: sync,
      actions: [
        { name: "h3", icon: icon(escapeHtml(t("signHeading", "R"))), title: t("labelHeading", "Rubrik"), result: block("h3") },
        { name: "h4", icon: icon(escapeHtml(t("signSubheading", "U"))), title: t("labelSubheading", "Underrubrik"), result: block("h4") },
        { name: "p", icon: icon("¶"), title: t("labelParagraph", "Stycke"), result: block("p") },
        { name: "bold", icon: icon("<b>" + escapeHtml(t("signBold", "F")) + "</b>"), title: t("labelBold", "Fet"), result: exec("bold") },
        { name: "italic", icon: icon("<i>" + escapeHtml(t("signItalic", "K")) + "</i>"), title: t("labelItalic", "Kursiv"), result: exec("italic") },
        { name: "ulist", icon: icon("•"), title: t("labelBullets", "Punktlista"), result: exec("insertUnorderedList") },
        { name: "olist", icon: icon("№"), title: t("labelNumbers", "Numrerad lista"), result: exec("insertOrderedList") },
        {
          name: "link", icon: LINK_ICON, title: t("labelLink", "Länk"),
          result: command(function () {
            var url = safeHref(window.prompt(t("labelLinkPrompt", "Länkens adress (https://…)"), "https://"));
            restore(); // the prompt took the focus
            if (url) document.execCommand("createLink", false, url);
          }),
        },
      ],
      classes: { actionbar: "pell-actionbar", button: "pell-button", content: "pell-content prose", selected: "pell-button-selected" },
    });
    var bar = holder.querySelector(".pell-actionbar");
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", t("labelToolbar", "Formatering"));
    Array.prototype.forEach.call(bar.querySelectorAll("button"), function (b) { b.setAttribute("aria-label", b.title); });
    var content = editor.content;
    content.setAttribute("role", "textbox");
    content.setAttribute("aria-multiline", "true");
    if (label) content.setAttribute("aria-labelledby", label.id);
    if (textarea.getAttribute("aria-describedby")) content.setAttribute("aria-describedby", textarea.getAttribute("aria-describedby"));
    content.innerHTML = markupToHtml(textarea.value);
    document.addEventListener("selectionchange", remember);
    content.addEventListener("beforeinput", function (event) {
      if (joinInstead(event, content)) {
        event.preventDefault();
        sync();
      }
    });
    content.addEventListener("paste", function (event) {
      var data = event.clipboardData;
      if (!data) return;
      var html = data.getData("text/html");
      event.preventDefault();
      if (html) {
        document.execCommand("insertHTML", false, cleanHtml(html));
      } else {
        var text = data.getData("text/plain") || "";
        document.execCommand("insertHTML", false, markupToHtml(text) || escapeHtml(text));
      }
      sync();
    });
    if (label) label.addEventListener("click", function () { content.focus(); });
    textarea.hidden = true;
    textarea.form && textarea.form.addEventListener("submit", sync);
    var help = document.getElementById("format-help");
    if (help && textarea.dataset.helpRich) help.textContent = textarea.dataset.helpRich;
  }

  window.resultatEditor = { cleanHtml: cleanHtml, markupToHtml: markupToHtml, htmlToMarkup: htmlToMarkup };
  function start() { Array.prototype.forEach.call(document.querySelectorAll("textarea[data-rich-editor]"), setUp); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
