// Maillage — progressive enhancement. Every page works without this script; it makes the
// SPARQL editor run queries in place (fetch to /sparql, results drawn as a table), opens the
// home map's lists in place, and labels the cells of tables shown as cards on narrow screens.
"use strict";

(function () {
  var ID_PREFIX = "https://w3id.org/maillage/id/";

  function localHref(iri) {
    if (iri.indexOf(ID_PREFIX + "org/") === 0) {
      return "/organisations/" + iri.slice((ID_PREFIX + "org/").length);
    }
    if (iri.indexOf(ID_PREFIX) === 0) {
      return "/id/" + iri.slice(ID_PREFIX.length);
    }
    return iri;
  }

  function cell(term) {
    var td = document.createElement("td");
    if (!term) {
      return td;
    }
    if (term.type === "uri") {
      var a = document.createElement("a");
      a.href = localHref(term.value);
      a.textContent = term.value.indexOf(ID_PREFIX) === 0 ? term.value.slice(ID_PREFIX.length) : term.value;
      a.title = term.value;
      td.appendChild(a);
    } else {
      td.textContent = term.value;
      if (term["xml:lang"]) {
        var small = document.createElement("small");
        small.textContent = " @" + term["xml:lang"];
        td.appendChild(small);
      }
      if (term.datatype && /#(integer|decimal|double|float)$/.test(term.datatype)) {
        td.className = "num";
      }
    }
    return td;
  }

  function renderTable(container, json) {
    var vars = (json.head && json.head.vars) || [];
    var rows = (json.results && json.results.bindings) || [];
    var table = document.createElement("table");
    table.className = "compact";
    table.id = "result-table";
    var thead = table.createTHead();
    var tr = thead.insertRow();
    vars.forEach(function (v) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = v;
      tr.appendChild(th);
    });
    var tbody = table.createTBody();
    rows.forEach(function (b) {
      var row = tbody.insertRow();
      vars.forEach(function (v) {
        row.appendChild(cell(b[v]));
      });
    });
    container.appendChild(table);
    return rows.length;
  }

  function setupSparql() {
    var form = document.getElementById("sparql-form");
    if (!form) {
      return;
    }
    var textarea = document.getElementById("query");
    var status = document.getElementById("status");
    var results = document.getElementById("results");
    var download = document.getElementById("download");
    var picker = document.getElementById("example");
    // The form's data-* attributes hold the page's texts, whole sentences from the language
    // catalogue with {name} where a value goes.
    var d = form.dataset;

    function fill(template, values) {
      return template.replace(/\{(\w+)\}/g, function (all, name) {
        return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
      });
    }

    function updateDownload() {
      var params = new URLSearchParams();
      params.set("query", textarea.value);
      params.set("format", "csv");
      download.href = "/sparql?" + params.toString();
    }

    if (picker) {
      picker.addEventListener("change", function () {
        var option = picker.options[picker.selectedIndex];
        if (option && option.dataset.query) {
          textarea.value = option.dataset.query;
          updateDownload();
        }
      });
    }
    textarea.addEventListener("input", updateDownload);
    textarea.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        form.requestSubmit();
      }
    });

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      results.textContent = "";
      status.className = "status";
      status.textContent = d.running;
      var started = performance.now();
      fetch("/sparql", {
        method: "POST",
        headers: {
          "Accept": "application/sparql-results+json, text/turtle;q=0.9",
          "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"
        },
        body: new URLSearchParams({ query: textarea.value }).toString()
      }).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok) {
          return response.text().then(function (text) {
            var problem = { detail: text };
            try { problem = JSON.parse(text); } catch (ignored) { /* plain text */ }
            var error = new Error(problem.detail || text);
            error.problem = problem;
            throw error;
          });
        }
        var ms = Math.round(performance.now() - started);
        if (type.indexOf("json") >= 0) {
          return response.json().then(function (json) {
            if (typeof json.boolean === "boolean") {
              var p = document.createElement("p");
              p.className = "ask";
              p.textContent = "ASK → " + (json.boolean ? d.yes : d.no);
              results.appendChild(p);
              status.textContent = fill(d.time, { ms: ms });
            } else {
              var n = renderTable(results, json);
              status.textContent = fill(d.done, { rows: n, ms: ms });
            }
          });
        }
        return response.text().then(function (text) {
          var pre = document.createElement("pre");
          pre.textContent = text;
          results.appendChild(pre);
          status.textContent = fill(d.time, { ms: ms });
        });
      }).catch(function (err) {
        status.className = "status error";
        // A syntax error's summary is a whole sentence already ("Erreur de syntaxe ligne 3…").
        status.textContent = err.problem && err.problem.line
          ? err.message
          : fill(d.error, { message: err.message });
        showProblem(err.problem);
      });
    });
    // --- SPARQL syntax errors (French errors) ---
    // A problem document with `line` and `column` (1-based, in characters) selects the word
    // there in the query, so the caret sits on the error; the parser's own message is kept
    // below, folded, for experts.
    function offsetOf(text, line, column) {
      var lines = text.split("\n");
      var offset = 0;
      for (var i = 0; i < line - 1 && i < lines.length; i += 1) {
        offset += lines[i].length + 1;
      }
      var here = Array.from(lines[Math.min(line, lines.length) - 1] || "");
      return offset + here.slice(0, Math.max(0, column - 1)).join("").length;
    }

    function showProblem(problem) {
      if (!problem) {
        return;
      }
      if (problem.line && problem.column) {
        var text = textarea.value;
        var start = Math.min(offsetOf(text, problem.line, problem.column), text.length);
        var end = start;
        while (end < text.length && /[^\s{}().;,]/.test(text.charAt(end))) {
          end += 1;
        }
        if (end === start && end < text.length) {
          end += 1;
        }
        textarea.focus();
        textarea.setSelectionRange(start, end);
        var lineHeight = parseFloat(window.getComputedStyle(textarea).lineHeight) || 20;
        textarea.scrollTop = Math.max(0, (problem.line - 3) * lineHeight);
        textarea.setAttribute("aria-invalid", "true");
      }
      if (problem.technical_detail) {
        var details = document.createElement("details");
        details.className = "technical";
        details.id = "sparql-technical";
        var summary = document.createElement("summary");
        summary.textContent = d.technical || "";
        var pre = document.createElement("pre");
        pre.textContent = problem.technical_detail;
        details.appendChild(summary);
        details.appendChild(pre);
        results.appendChild(details);
      }
    }

    textarea.addEventListener("input", function () {
      textarea.removeAttribute("aria-invalid");
    });

    updateDownload();
  }

  // --- /docs (French errors, /docs in the site's header) ---
  // Draws the vendored Swagger UI into the page once its script has loaded.
  function setupDocs() {
    var host = document.getElementById("swagger-ui");
    if (!host || typeof window.SwaggerUIBundle !== "function") {
      return;
    }
    window.SwaggerUIBundle({
      url: host.dataset.url,
      domNode: host,
      deepLinking: true
    });
  }
  window.addEventListener("load", setupDocs);

  // --- Home map (layouts and map) -------------------------------------------------------
  // The map is one tab stop: the circles form a roving tabindex (arrow keys, Home, End move
  // between municipalities). A tap, a click or Enter on a circle opens that municipality's
  // list of organisations below the map (without this script the link goes to it).
  function setupMap() {
    var map = document.querySelector("svg.map");
    if (!map) {
      return;
    }
    var places = Array.prototype.slice.call(map.querySelectorAll("a.place"));

    function show(id) {
      var target = document.getElementById(id);
      if (!target) {
        return;
      }
      var list = document.getElementById("map-list");
      if (list) {
        list.open = true;
      }
      Array.prototype.forEach.call(document.querySelectorAll("details.place"), function (d) {
        d.open = d === target;
      });
      var summary = target.querySelector("summary");
      if (summary) {
        summary.focus({ preventScroll: true });
      }
      target.scrollIntoView({ block: "nearest" });
    }

    function current(i) {
      places.forEach(function (a, j) {
        a.setAttribute("tabindex", j === i ? "0" : "-1");
      });
      places[i].focus();
    }

    places.forEach(function (a, i) {
      a.addEventListener("click", function (e) {
        e.preventDefault();
        places.forEach(function (b, j) {
          b.setAttribute("tabindex", j === i ? "0" : "-1");
        });
        show(a.getAttribute("href").slice(1));
      });
      a.addEventListener("keydown", function (e) {
        var next = null;
        if (e.key === "ArrowRight" || e.key === "ArrowDown") {
          next = (i + 1) % places.length;
        } else if (e.key === "ArrowLeft" || e.key === "ArrowUp") {
          next = (i - 1 + places.length) % places.length;
        } else if (e.key === "Home") {
          next = 0;
        } else if (e.key === "End") {
          next = places.length - 1;
        } else if (e.key === " ") {
          e.preventDefault();
          a.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
          return;
        }
        if (next !== null) {
          e.preventDefault();
          current(next);
        }
      });
    });
  }

  // --- Network picture: one tab stop ----------------------------------------------------
  // The nodes of /reseau form a roving tabindex like the map's circles: Tab enters the picture
  // once, the arrow keys (Home, End) move from node to node, Enter opens the profile.
  function setupNetwork() {
    var svg = document.querySelector("svg.network");
    if (!svg) {
      return;
    }
    var nodes = Array.prototype.slice.call(svg.querySelectorAll("a.node-link"));
    nodes.forEach(function (a, i) {
      a.addEventListener("keydown", function (e) {
        var next = null;
        if (e.key === "ArrowRight" || e.key === "ArrowDown") {
          next = (i + 1) % nodes.length;
        } else if (e.key === "ArrowLeft" || e.key === "ArrowUp") {
          next = (i - 1 + nodes.length) % nodes.length;
        } else if (e.key === "Home") {
          next = 0;
        } else if (e.key === "End") {
          next = nodes.length - 1;
        }
        if (next !== null) {
          e.preventDefault();
          nodes.forEach(function (b, j) {
            b.setAttribute("tabindex", j === next ? "0" : "-1");
          });
          nodes[next].focus();
        }
      });
    });
  }

  // --- Tables as cards (layouts and map) -------------------------------------------------
  // On narrow screens the CSS shows the rows of a table with a header as cards; each cell
  // then needs its column's name, taken here from the table's own header row.
  function labelCells() {
    Array.prototype.forEach.call(document.querySelectorAll("main table"), function (table) {
      var head = table.tHead && table.tHead.rows[0];
      if (!head) {
        return;
      }
      var names = Array.prototype.map.call(head.cells, function (th) {
        return th.textContent.trim();
      });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          Array.prototype.forEach.call(row.cells, function (cell, k) {
            if (!cell.hasAttribute("data-label") && names[k]) {
              cell.setAttribute("data-label", names[k]);
            }
          });
        });
      });
    });
  }

  function setup() {
    setupSparql();
    setupMap();
    setupNetwork();
    labelCells();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();

// Readable scores and gaps (web/terms.rs): the explanation of a jargon word is a
// <details class="term">, which a click, a tap or the keyboard opens without this script. Here it
// also opens while a mouse hovers it (a click then keeps it open), and Escape closes it.
(function () {
  function setupTerms() {
    Array.prototype.forEach.call(document.querySelectorAll("details.term"), function (d) {
      var hovered = false;
      var summary = d.querySelector("summary");
      d.addEventListener("pointerenter", function (e) {
        if (e.pointerType === "mouse" && !d.open) {
          d.open = true;
          hovered = true;
        }
      });
      d.addEventListener("pointerleave", function (e) {
        if (e.pointerType === "mouse" && hovered) {
          d.open = false;
          hovered = false;
        }
      });
      if (summary) {
        summary.addEventListener("click", function (e) {
          if (hovered) {
            e.preventDefault();
            hovered = false;
          }
        });
      }
      d.addEventListener("keydown", function (e) {
        if (e.key === "Escape" && d.open) {
          d.open = false;
          hovered = false;
          if (summary) {
            summary.focus();
          }
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupTerms);
  } else {
    setupTerms();
  }

  // --- Project form (web/pipeline.rs) ------------------------------------------------------
  // The supplier and adopter fields become comboboxes that search the organisations as you
  // type (the REST API's search, /api/v1/organisations?q=); the chosen organisation's id goes
  // into a hidden field, its name stays visible. The eligibility verdict follows the form
  // (/api/v1/eligibility with the draft's fields). Without this script the fields are plain
  // text that the server resolves, and « Vérifier » shows the verdict.
  function setupProjectForm() {
    var form = document.getElementById("project-form");
    if (!form) {
      return;
    }
    var lang = form.getAttribute("data-lang") || "fr";
    var verdict = document.getElementById("verdict");
    var timer = null;
    // Each check is numbered: an answer that arrives after a later check's is dropped.
    var asked = 0;

    function text(el, value) {
      el.textContent = value;
      return el;
    }

    function amount(name) {
      var field = form.elements[name];
      if (!field || !field.value.trim()) {
        return null;
      }
      var v = field.value.replace(/[\s\u00a0\u202f$]/g, "");
      v = lang === "fr" ? v.replace(",", ".") : v.replace(/,/g, "");
      var n = Number(v);
      return isFinite(n) ? n : null;
    }

    function idOf(name) {
      var hidden = form.elements[name + "_id"];
      return hidden && hidden.value ? hidden.value : "";
    }

    function refreshVerdict() {
      if (!verdict) {
        return;
      }
      var params = new URLSearchParams();
      params.set("lang", lang);
      var supplier = idOf("supplier");
      var adopter = idOf("adopter");
      if (supplier) { params.set("supplier", supplier); }
      if (adopter) { params.set("adopter", adopter); }
      var axes = [];
      Array.prototype.forEach.call(form.querySelectorAll("input[name=axes]:checked"), function (c) {
        axes.push(c.value);
      });
      params.set("axes", axes.join(","));
      var requested = amount("amount_requested");
      var total = amount("total_cost");
      if (requested !== null) { params.set("amount_requested", String(requested)); }
      if (total !== null) { params.set("total_cost", String(total)); }
      var mine = ++asked;
      fetch(form.getAttribute("data-verdict-url") + "?" + params.toString(), {
        headers: { Accept: "application/json" },
        credentials: "same-origin"
      }).then(function (r) {
        return r.ok ? r.json() : null;
      }).then(function (json) {
        if (json && mine === asked) {
          drawVerdict(json);
        }
      }).catch(function () { /* the « Vérifier » button still works */ });
    }

    function drawVerdict(json) {
      var t = function (key) { return verdict.getAttribute("data-t-" + key) || ""; };
      var heading = verdict.querySelector("h2");
      while (verdict.lastChild && verdict.lastChild !== heading) {
        verdict.removeChild(verdict.lastChild);
      }
      var summary = document.createElement("p");
      summary.id = "verdict-summary";
      var state = json.eligible === true ? "true" : json.eligible === false ? "false" : "null";
      summary.setAttribute("data-eligible", state);
      var badge = document.createElement("span");
      badge.className = "badge " + (state === "true" ? "ok" : state === "false" ? "ko" : "unknown");
      text(badge, t(state === "true" ? "eligible" : state === "false" ? "not-eligible" : "undetermined"));
      summary.appendChild(badge);
      var failed = json.rules.filter(function (r) { return r.passed === false; }).map(function (r) { return r.name; });
      summary.appendChild(document.createTextNode(" " + (state === "true" ? t("all-passed")
        : state === "false" ? t("failed").replace("{rules}", failed.join(", ")) : t("some-unknown"))));
      verdict.appendChild(summary);
      var table = document.createElement("table");
      table.className = "compact rules";
      table.id = "verdict-rules";
      text(table.createCaption(), t("caption"));
      var head = table.createTHead().insertRow();
      ["rule", "verdict", "reason", "source"].forEach(function (k) {
        var th = document.createElement("th");
        th.scope = "col";
        head.appendChild(text(th, t(k)));
      });
      var body = table.createTBody();
      json.rules.forEach(function (r) {
        var row = body.insertRow();
        row.setAttribute("data-rule", r.rule);
        row.setAttribute("data-passed", r.passed === true ? "true" : r.passed === false ? "false" : "null");
        var th = document.createElement("th");
        th.scope = "row";
        row.appendChild(text(th, r.name));
        var cell = row.insertCell();
        var mark = document.createElement("span");
        mark.className = r.passed === true ? "pass" : r.passed === false ? "fail" : "unknown";
        text(mark, r.passed === true ? "✓ " + t("passed") : r.passed === false ? "✗ " + t("failed-rule") : "? " + t("unknown"));
        cell.appendChild(mark);
        text(row.insertCell(), r.reason);
        var sources = row.insertCell();
        (r.sources || []).forEach(function (s, i) {
          if (i > 0) { sources.appendChild(document.createTextNode(" ")); }
          var a = document.createElement("a");
          a.href = s;
          a.rel = "external";
          a.title = r.text;
          sources.appendChild(text(a, t("source-link").replace("{n}", String(i + 1))));
        });
      });
      verdict.appendChild(table);
      labelCells();
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(refreshVerdict, 250);
    }

    Array.prototype.forEach.call(form.querySelectorAll("[data-picker]"), function (box) {
      var name = box.getAttribute("data-picker");
      var input = box.querySelector("input[type=text]");
      var list = box.querySelector(".picker-list");
      if (!input || !list) {
        return;
      }
      var hidden = form.elements[name + "_id"];
      if (!hidden) {
        hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = name + "_id";
        box.appendChild(hidden);
      }
      input.setAttribute("role", "combobox");
      input.setAttribute("aria-autocomplete", "list");
      input.setAttribute("aria-expanded", "false");
      input.setAttribute("aria-controls", list.id);
      var items = [];
      var active = -1;
      var searchTimer = null;

      function close() {
        list.hidden = true;
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        active = -1;
      }

      function choose(i) {
        var item = items[i];
        if (!item) {
          return;
        }
        input.value = item.name;
        hidden.value = item.id;
        close();
        schedule();
      }

      function highlight(i) {
        var options = list.querySelectorAll("li");
        Array.prototype.forEach.call(options, function (li, k) {
          li.setAttribute("aria-selected", k === i ? "true" : "false");
        });
        active = i;
        if (options[i]) {
          input.setAttribute("aria-activedescendant", options[i].id);
          options[i].scrollIntoView({ block: "nearest" });
        }
      }

      function search() {
        var q = input.value.trim();
        if (q.length < 2) {
          close();
          return;
        }
        var url = form.getAttribute("data-search-url") + "?" + new URLSearchParams({ q: q, limit: "8", lang: lang }).toString();
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (page) {
            if (!page) {
              return;
            }
            items = page.items.map(function (h) {
              return { id: h.id, name: h.name, place: h.municipality ? h.municipality.label : "" };
            });
            list.textContent = "";
            items.forEach(function (item, i) {
              var li = document.createElement("li");
              li.id = list.id + "-" + i;
              li.setAttribute("role", "option");
              li.setAttribute("aria-selected", "false");
              li.appendChild(document.createTextNode(item.name));
              if (item.place) {
                li.appendChild(text(document.createElement("small"), item.place));
              }
              li.addEventListener("mousedown", function (e) {
                e.preventDefault();
                choose(i);
              });
              list.appendChild(li);
            });
            list.hidden = items.length === 0;
            input.setAttribute("aria-expanded", items.length ? "true" : "false");
            active = -1;
          })
          .catch(function () { close(); });
      }

      input.addEventListener("input", function () {
        hidden.value = "";
        clearTimeout(searchTimer);
        searchTimer = setTimeout(search, 200);
        schedule();
      });
      input.addEventListener("keydown", function (e) {
        if (list.hidden) {
          return;
        }
        if (e.key === "ArrowDown") {
          e.preventDefault();
          highlight(Math.min(active + 1, items.length - 1));
        } else if (e.key === "ArrowUp") {
          e.preventDefault();
          highlight(Math.max(active - 1, 0));
        } else if (e.key === "Enter" && active >= 0) {
          e.preventDefault();
          choose(active);
        } else if (e.key === "Escape") {
          close();
        }
      });
      input.addEventListener("blur", function () { setTimeout(close, 150); });
    });

    form.addEventListener("change", schedule);
    if (idOf("supplier") || idOf("adopter")) {
      schedule();
    }
  }

  // --- Committee dossier: the print button -----------------------------------------------
  function setupPrint() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
  }

  function setupPipeline() {
    setupProjectForm();
    setupPrint();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupPipeline);
  } else {
    setupPipeline();
  }
})();
