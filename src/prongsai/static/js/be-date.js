/* prongsai: a small Buddhist-era calendar beside every date box (input[data-be-date]).
 *
 * Progressive enhancement: the box is a plain text field that takes "30/06/2565" without
 * this file; the calendar only fills it. ES5 and no dependencies, for old PCs and phones;
 * no inline script or style (the site's CSP forbids both), classes come from app.css.
 */
(function () {
  "use strict";

  var BE_OFFSET = 543;
  var MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"];
  var WEEKDAYS = ["อา", "จ", "อ", "พ", "พฤ", "ศ", "ส"];
  var THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";

  function arabic(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var k = THAI_DIGITS.indexOf(text.charAt(i));
      out += k >= 0 ? String(k) : text.charAt(i);
    }
    return out;
  }

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function iso(y, m, d) { return y + "-" + pad(m + 1) + "-" + pad(d); }

  // "30/06/2565" → {y: 2022, m: 5, d: 30} (CE year, month from 0), or null.
  function parse(text) {
    var match = /^\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})\s*$/.exec(arabic(text || ""));
    if (!match) { return null; }
    var y = parseInt(match[3], 10) - BE_OFFSET, m = parseInt(match[2], 10) - 1;
    var d = parseInt(match[1], 10);
    var date = new Date(y, m, d);
    if (y < 1800 || date.getMonth() !== m || date.getDate() !== d) { return null; }
    return { y: y, m: m, d: d };
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.appendChild(document.createTextNode(text)); }
    return node;
  }

  var counter = 0;

  function enhance(input) {
    var wrap = el("span", "be-date-wrap");
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var open = el("button", "be-date-open secondary",
      input.getAttribute("data-calendar-button") || "ปฏิทิน");
    open.type = "button";
    var label = input.getAttribute("data-calendar-label") || "ปฏิทิน";
    open.setAttribute("aria-label", label);
    open.title = label;
    open.setAttribute("aria-expanded", "false");
    var pop = el("div", "be-date-pop");
    pop.id = "be-date-pop-" + (++counter);
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-label", label);
    pop.hidden = true;
    open.setAttribute("aria-controls", pop.id);
    wrap.appendChild(open);
    wrap.appendChild(pop);

    var min = input.getAttribute("data-min") || "";
    var max = input.getAttribute("data-max") || "";
    var shown = null; // {y, m}: the month on screen

    function close(refocus) {
      pop.hidden = true;
      open.setAttribute("aria-expanded", "false");
      if (refocus) { open.focus(); }
    }

    function choose(y, m, d) {
      input.value = pad(d) + "/" + pad(m + 1) + "/" + (y + BE_OFFSET);
      var event = document.createEvent("HTMLEvents");
      event.initEvent("change", true, false);
      input.dispatchEvent(event);
      close(false);
      input.focus();
    }

    function step(delta) {
      var m = shown.m + delta;
      shown = { y: shown.y + Math.floor(m / 12), m: ((m % 12) + 12) % 12 };
      draw();
      // The arrow that was clicked is gone with the old month: focus its successor, so
      // the keyboard (and Escape) stay in the calendar.
      var arrows = pop.querySelectorAll(".be-date-nav");
      arrows[delta < 0 ? 0 : 1].focus();
    }

    function draw() {
      while (pop.firstChild) { pop.removeChild(pop.firstChild); }
      var head = el("div", "be-date-head");
      var prev = el("button", "be-date-nav", "‹");
      prev.type = "button";
      prev.setAttribute("aria-label", "เดือนก่อน");
      prev.onclick = function () { step(-1); };
      var next = el("button", "be-date-nav", "›");
      next.type = "button";
      next.setAttribute("aria-label", "เดือนถัดไป");
      next.onclick = function () { step(1); };
      var title = el("b", "be-date-title", MONTHS[shown.m] + " " + (shown.y + BE_OFFSET));
      title.setAttribute("aria-live", "polite");
      head.appendChild(prev);
      head.appendChild(title);
      head.appendChild(next);
      pop.appendChild(head);

      var table = el("table", "be-date-grid");
      var row = el("tr");
      for (var w = 0; w < 7; w++) { row.appendChild(el("th", "", WEEKDAYS[w])); }
      var thead = el("thead");
      thead.appendChild(row);
      table.appendChild(thead);
      var body = el("tbody");
      var first = new Date(shown.y, shown.m, 1).getDay();
      var days = new Date(shown.y, shown.m + 1, 0).getDate();
      var picked = parse(input.value);
      var now = new Date();
      var today = iso(now.getFullYear(), now.getMonth(), now.getDate());
      row = el("tr");
      for (var blank = 0; blank < first; blank++) { row.appendChild(el("td")); }
      for (var d = 1; d <= days; d++) {
        if (row.childNodes.length === 7) { body.appendChild(row); row = el("tr"); }
        var cell = el("td");
        var key = iso(shown.y, shown.m, d);
        var day = el("button", "be-date-day", String(d));
        day.type = "button";
        day.setAttribute("data-day", key);
        day.setAttribute("aria-label", d + " " + MONTHS[shown.m] + " " + (shown.y + BE_OFFSET));
        if (key === today) { day.className += " today"; }
        if (picked && key === iso(picked.y, picked.m, picked.d)) {
          day.className += " picked";
          day.setAttribute("aria-pressed", "true");
        }
        if ((min && key < min) || (max && key > max)) {
          day.disabled = true;
        } else {
          day.onclick = (function (y, m, dd) {
            return function () { choose(y, m, dd); };
          }(shown.y, shown.m, d));
        }
        cell.appendChild(day);
        row.appendChild(cell);
      }
      body.appendChild(row);
      table.appendChild(body);
      pop.appendChild(table);
    }

    open.onclick = function () {
      if (!pop.hidden) { close(false); return; }
      var picked = parse(input.value);
      var now = new Date();
      shown = picked ? { y: picked.y, m: picked.m } : { y: now.getFullYear(), m: now.getMonth() };
      draw();
      pop.hidden = false;
      open.setAttribute("aria-expanded", "true");
      var focus = pop.querySelector(".picked") || pop.querySelector(".today") ||
        pop.querySelector(".be-date-day:not([disabled])");
      if (focus) { focus.focus(); }
    };

    // Redrawing removes the clicked arrow from the page: keep such clicks from reaching the
    // document's "click outside closes" listener below.
    pop.onclick = function (event) { event.stopPropagation(); };

    document.addEventListener("keydown", function (event) {
      if (!pop.hidden && (event.key === "Escape" || event.keyCode === 27)) { close(true); }
    });

    document.addEventListener("click", function (event) {
      if (!pop.hidden && !wrap.contains(event.target)) { close(false); }
    });
  }

  function start() {
    var boxes = document.querySelectorAll("input[data-be-date]");
    for (var i = 0; i < boxes.length; i++) { enhance(boxes[i]); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
