// Small behaviours shared by every page. No inline scripts: the Content-Security-Policy allows only this origin.
(function () {
    "use strict";

    function initSelects(root) {
        if (!window.TomSelect) return;
        root.querySelectorAll("select[data-tom]:not(.tomselected)").forEach(function (el) {
            new TomSelect(el, {
                allowEmptyOption: true,
                maxOptions: 500,
                plugins: el.multiple ? ["remove_button"] : [],
                render: { no_results: function () { return '<div class="no-results">无匹配项</div>'; } }
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
        toast(text || ("请求失败（" + xhr.status + "）"));
    });
    document.addEventListener("htmx:sendError", function () { toast("无法连接服务器，请检查网络后重试。"); });

    // Charts carry their ECharts option as JSON in data-chart (no inline scripts).
    function initCharts(root) {
        if (!window.echarts) return;
        root.querySelectorAll("[data-chart]").forEach(function (el) {
            var chart = echarts.init(el);
            chart.setOption(JSON.parse(el.getAttribute("data-chart")));
            window.addEventListener("resize", function () { chart.resize(); });
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        initSelects(document);
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
    document.addEventListener("htmx:load", function (e) { initSelects(e.target); });
    window.xuncha = { toast: toast };
})();
