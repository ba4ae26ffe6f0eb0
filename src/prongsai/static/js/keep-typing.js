/* prongsai: an htmx redraw never takes back what a person typed while it was on its way.
   When the field that has the focus is inside the part being redrawn and its value is no
   longer the one the request sent (the person went on typing), the redrawn field gets the
   typed value back, with the focus and the caret. */
(function () {
  "use strict";
  var kept = null;
  document.addEventListener("htmx:beforeSwap", function (evt) {
    kept = null;
    var field = document.activeElement;
    var target = evt.detail.target;
    if (!field || !target || !field.id || !target.contains(field)) return;
    if (field.tagName !== "INPUT" && field.tagName !== "TEXTAREA") return;
    var config = evt.detail.requestConfig || {};
    var sent = config.formData && config.formData.get ? config.formData.get(field.name) : null;
    if ((sent === null ? "" : String(sent)) === field.value) return;
    kept = { id: field.id, value: field.value, start: field.selectionStart, end: field.selectionEnd };
  });
  document.addEventListener("htmx:afterSwap", function () {
    if (!kept) return;
    var field = document.getElementById(kept.id);
    if (field && (field.tagName === "INPUT" || field.tagName === "TEXTAREA")) {
      field.value = kept.value;
      field.focus();
      try {
        field.setSelectionRange(kept.start, kept.end);
      } catch (e) {
        /* inputs without a caret (number, e-mail) */
      }
    }
    kept = null;
  });
})();
