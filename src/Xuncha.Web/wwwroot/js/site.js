// Small behaviours shared by every page. No inline scripts: the Content-Security-Policy allows only this origin.
(function () {
    "use strict";

    // The words this script writes, from the page's resources (meta xuncha-text).
    var words = (function () {
        var meta = document.querySelector('meta[name="xuncha-text"]');
        try { return meta ? JSON.parse(meta.content) : {}; } catch (e) { return {}; }
    })();
    function word(key, fallback) { return words[key] || fallback; }

    function initSelects(root) {
        if (!window.TomSelect) return;
        root.querySelectorAll("select[data-tom]:not(.tomselected)").forEach(function (el) {
            new TomSelect(el, {
                allowEmptyOption: true,
                maxOptions: 500,
                plugins: el.multiple ? ["remove_button"] : [],
                render: { no_results: function () { var div = document.createElement("div"); div.className = "no-results"; div.textContent = word("noMatch", "—"); return div; } }
            });
        });
    }

    function toast(message, kind) {
        var box = document.getElementById("toasts");
        if (!box) { window.alert(message); return; }
        var el = document.createElement("div");
        el.className = "toast align-items-center border-0 text-bg-" + (kind || "danger");
        el.setAttribute("role", "alert");
        el.innerHTML = '<div class="d-flex"><div class="toast-body"></div><button type="button" class="btn-close btn-close-white me-2 m-auto" data-bs-dismiss="toast"></button></div>';
        el.querySelector(".toast-body").textContent = message;
        box.appendChild(el);
        new bootstrap.Toast(el, { delay: 6000 }).show();
    }

    // A tree row's caret hides or shows its descendants.
    document.addEventListener("click", function (e) {
        var btn = e.target.closest(".tree-toggle");
        if (!btn) return;
        var expanded = btn.getAttribute("aria-expanded") !== "false";
        btn.setAttribute("aria-expanded", expanded ? "false" : "true");
        var path = btn.closest("tr").dataset.path;
        document.querySelectorAll("tr[data-path]").forEach(function (row) {
            if (row.dataset.path !== path && row.dataset.path.indexOf(path) === 0) {
                if (expanded) row.classList.add("d-none");
                else {
                    row.classList.remove("d-none");
                    var t = row.querySelector(".tree-toggle");
                    if (t) t.setAttribute("aria-expanded", "true");
                }
            }
        });
    });

    // Forms and buttons that need a second thought.
    document.addEventListener("submit", function (e) {
        var msg = e.target.getAttribute("data-confirm") || (e.submitter && e.submitter.getAttribute("data-confirm"));
        if (msg && !window.confirm(msg)) e.preventDefault();
    });

    // A refused htmx request (409, 400, 403…) carries its reason as text or problem+json.
    document.addEventListener("htmx:responseError", function (e) {
        var xhr = e.detail.xhr, text = xhr.responseText || "";
        try { var p = JSON.parse(text); text = p.detail || p.title || text; } catch (_) { /* plain text */ }
        toast(text || word("requestFailed", "{0}").replace("{0}", xhr.status));
    });
    document.addEventListener("htmx:sendError", function () { toast(word("offline", "…")); });

    // Charts carry their ECharts option as JSON in data-chart (no inline scripts).
    function initCharts(root) {
        if (!window.echarts) return;
        root.querySelectorAll("[data-chart]").forEach(function (el) {
            var chart = echarts.init(el);
            chart.setOption(JSON.parse(el.getAttribute("data-chart")));
            window.addEventListener("resize", function () { chart.resize(); });
        });
    }

    // Dates read yyyy-mm-dd whatever the browser's language: a text field in that form, with a button that opens the
    // browser's own calendar on a hidden date input (its popup is the browser's; the field never changes format).
    function initDates(root) {
        root.querySelectorAll('input[type="date"]:not([data-date-ready])').forEach(function (el) {
            var picker = document.createElement("input");
            picker.type = "date";
            picker.tabIndex = -1;
            picker.className = "date-picker-native";
            picker.setAttribute("aria-hidden", "true");
            picker.setAttribute("data-date-ready", "1");
            if (el.min) picker.min = el.min;
            if (el.max) picker.max = el.max;
            el.type = "text";
            el.setAttribute("data-date-ready", "1");
            el.setAttribute("inputmode", "numeric");
            el.setAttribute("autocomplete", "off");
            el.setAttribute("pattern", "\\d{4}-\\d{2}-\\d{2}");
            if (!el.placeholder) el.placeholder = word("datePlaceholder", "yyyy-mm-dd");
            el.title = el.title || word("dateHint", "yyyy-mm-dd");
            var group = document.createElement("div");
            group.className = "input-group flex-nowrap date-field" + (el.classList.contains("form-control-sm") ? " input-group-sm" : "");
            el.parentNode.insertBefore(group, el);
            group.appendChild(el);
            var button = document.createElement("button");
            button.type = "button";
            button.className = "btn btn-outline-secondary";
            button.setAttribute("aria-label", word("pickDate", "…"));
            button.innerHTML = '<i class="bi bi-calendar3"></i>';
            group.appendChild(button);
            group.appendChild(picker);
            button.addEventListener("click", function () {
                picker.value = /^\d{4}-\d{2}-\d{2}$/.test(el.value) ? el.value : "";
                if (picker.showPicker) picker.showPicker(); else picker.click();
            });
            picker.addEventListener("change", function () {
                el.value = picker.value;
                el.dispatchEvent(new Event("input", { bubbles: true }));
                el.dispatchEvent(new Event("change", { bubbles: true }));
            });
        });
    }

    // File inputs name their button and the chosen files in the page's language, whatever the browser's language.
    function initFiles(root) {
        root.querySelectorAll('input[type="file"]:not([data-file-ready])').forEach(function (el) {
            el.setAttribute("data-file-ready", "1");
            var group = document.createElement("div");
            group.className = "input-group file-field" + (el.classList.contains("form-control-sm") ? " input-group-sm" : "");
            var button = document.createElement("button");
            button.type = "button";
            button.className = "btn btn-outline-secondary";
            button.textContent = el.multiple ? word("chooseFiles", "…") : word("chooseFile", "…");
            var names = document.createElement("span");
            names.className = "form-control text-truncate text-secondary file-names";
            names.textContent = word("noFile", "");
            el.parentNode.insertBefore(group, el);
            group.appendChild(button);
            group.appendChild(names);
            group.appendChild(el);
            el.classList.add("file-native");
            button.addEventListener("click", function () { el.click(); });
            el.addEventListener("change", function () {
                var files = Array.prototype.map.call(el.files || [], function (f) { return f.name; });
                names.textContent = files.length === 0 ? word("noFile", "") : files.join(word("listSeparator", ", "));
                names.classList.toggle("text-secondary", files.length === 0);
            });
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        initSelects(document);
        initDates(document);
        initFiles(document);
        initCharts(document);
        document.querySelectorAll("[data-print]").forEach(function (b) { b.addEventListener("click", function () { window.print(); }); });
        // a "check all" box sets every checkbox of the named field in its form
        document.querySelectorAll("[data-check-all]").forEach(function (box) {
            box.addEventListener("change", function () {
                box.form.querySelectorAll('input[type=checkbox][name="' + box.getAttribute("data-check-all") + '"]')
                    .forEach(function (c) { c.checked = box.checked; });
            });
        });
        document.querySelectorAll("[data-autofocus]").forEach(function (el) { el.focus(); });
    });
    document.addEventListener("htmx:load", function (e) { initSelects(e.target); initDates(e.target); initFiles(e.target); });
    window.xuncha = { toast: toast };
})();
