/* kehoach review page: tabs, fact details on click, jumps to lines, sortable and
   filterable tables. No libraries, no network. */
(function () {
  "use strict";
  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var LISTS = { target: "targets", assignment: "assignments", deadline: "deadlines", reference: "references" };
  var dataEl = $("#kh-details");
  var details = dataEl ? JSON.parse(dataEl.textContent) : null;
  var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  /* ---- tabs (WAI-ARIA tabs pattern: arrows, Home, End) ---- */
  var tabs = $$('[role="tab"]');
  function activate(tab, focus) {
    tabs.forEach(function (t) {
      var on = t === tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      var panel = document.getElementById(t.getAttribute("aria-controls"));
      if (panel) panel.hidden = !on;
    });
    if (focus) tab.focus();
  }
  tabs.forEach(function (tab, i) {
    tab.addEventListener("click", function () { activate(tab, false); });
    tab.addEventListener("keydown", function (e) {
      var j = null;
      if (e.key === "ArrowRight") j = (i + 1) % tabs.length;
      else if (e.key === "ArrowLeft") j = (i - 1 + tabs.length) % tabs.length;
      else if (e.key === "Home") j = 0;
      else if (e.key === "End") j = tabs.length - 1;
      if (j !== null) { e.preventDefault(); activate(tabs[j], true); }
    });
  });
  function showText() {
    var t = $("#tab-text");
    if (t && t.getAttribute("aria-selected") !== "true") activate(t, false);
  }

  /* ---- details of a fact ---- */
  var body = $("#detail-body");
  var aside = $("#detail");
  var selected = null;
  function label(el) {
    return el.getAttribute("title") || (el.dataset.kind + " " + el.dataset.index);
  }
  function select(el, scroll) {
    if (!details || !body) return;
    var list = details[LISTS[el.dataset.kind]] || [];
    var html = list[Number(el.dataset.index)];
    if (html === undefined) return;
    if (selected) selected.classList.remove("sel");
    selected = el;
    el.classList.add("sel");
    body.innerHTML = html;
    body.setAttribute("data-shows", el.id);
    var outer = [];
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.matches && p.matches("mark.hl")) outer.push(p);
    }
    var inner = $$("mark.hl", el);
    var related = outer.concat(inner);
    if (related.length) {
      var box = document.createElement("div");
      box.className = "also";
      var h = document.createElement("h4");
      h.textContent = "Also here (" + related.length + ")";
      box.appendChild(h);
      var ul = document.createElement("ul");
      related.slice(0, 30).forEach(function (m) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = "#" + m.id;
        a.className = "goto";
        a.textContent = label(m);
        li.appendChild(a);
        ul.appendChild(li);
      });
      box.appendChild(ul);
      body.appendChild(box);
    }
    if (aside) aside.classList.add("open");
    if (scroll) el.scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
  }
  var text = $("#text");
  var missing = $(".missing");
  [text, missing].forEach(function (root) {
    if (!root) return;
    root.addEventListener("click", function (e) {
      var m = e.target.closest ? e.target.closest("mark.hl") : null;
      if (m) select(m, false);
    });
    root.addEventListener("keydown", function (e) {
      var m = e.target.closest ? e.target.closest("mark.hl") : null;
      if (m && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); select(m, false); }
    });
  });
  var close = $("#detail-close");
  if (close) close.addEventListener("click", function () { aside.classList.remove("open"); });
  /* j / k: next or previous highlight in reading order (not while typing) */
  var marks = text ? $$("mark.hl", text) : [];
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && aside) aside.classList.remove("open");
    if (e.key !== "j" && e.key !== "k" || e.ctrlKey || e.metaKey || e.altKey) return;
    if (!marks.length || /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName)) return;
    var at = selected ? marks.indexOf(selected) : -1;
    var next = e.key === "j" ? at + 1 : (at < 0 ? marks.length : at) - 1;
    if (next < 0 || next >= marks.length) return;
    showText();
    select(marks[next], true);
    marks[next].focus({ preventScroll: true });
  });

  /* ---- jumps: section tree, tables, lists, line links ---- */
  function flash(el) {
    var ln = el.classList.contains("ln") ? el : null;
    if (!ln) return;
    ln.classList.add("flash");
    setTimeout(function () { ln.classList.remove("flash"); }, 1600);
  }
  function jump(id) {
    var el = document.getElementById(id);
    var inText = !!(el && text && text.contains(el));
    var inMissing = !!(el && missing && missing.contains(el));
    if (!inText && !inMissing) return false;
    showText();
    if (el.matches("mark.hl")) {
      select(el, true);
      el.focus({ preventScroll: true });
    } else {
      el.scrollIntoView({ block: "start", behavior: reduce ? "auto" : "smooth" });
      flash(el);
    }
    if (history.replaceState) history.replaceState(null, "", "#" + id);
    return true;
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a[href^='#']") : null;
    if (!a || a.classList.contains("skip")) return;
    var id = decodeURIComponent(a.getAttribute("href").slice(1));
    if (jump(id)) e.preventDefault();
  });
  if (location.hash.length > 1) jump(decodeURIComponent(location.hash.slice(1)));

  /* ---- sortable, filterable tables ---- */
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  $$("table").forEach(function (table) {
    $$("button.sort", table).forEach(function (btn) {
      btn.addEventListener("click", function () {
        var th = btn.closest("th");
        var col = Array.prototype.indexOf.call(th.parentNode.children, th);
        var asc = th.getAttribute("aria-sort") !== "ascending";
        $$("th", th.parentNode).forEach(function (o) { o.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var numeric = btn.dataset.sort === "num";
        var tbody = table.tBodies[0];
        var rows = Array.prototype.slice.call(tbody.rows);
        var key = function (r) {
          var c = r.cells[col];
          var v = c.dataset.v !== undefined ? c.dataset.v : c.textContent;
          return numeric ? parseFloat(v) || 0 : fold(v.trim());
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var d = numeric ? x - y : x.localeCompare(y, "vi");
          return asc ? d : -d;
        });
        rows.forEach(function (r) { tbody.appendChild(r); });
      });
    });
  });
  $$("input.filter").forEach(function (input) {
    var table = document.getElementById(input.dataset.table);
    var out = input.parentNode.parentNode.querySelector(".shown");
    if (!table) return;
    input.addEventListener("input", function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var n = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
        var t = fold(r.textContent);
        var ok = words.every(function (w) { return t.indexOf(w) >= 0; });
        r.hidden = !ok;
        n += ok ? 1 : 0;
      });
      if (out) out.textContent = words.length ? n + " shown" : "";
    });
  });
})();
