/* Revenue and profit trend charts: each canvas[data-trend-chart] names the json_script element
   that holds its data ({labels, revenue, profit}). No inline script, so the CSP stays strict. */
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") { return; }
  var rupiah = new Intl.NumberFormat("id-ID", { style: "currency", currency: "IDR", maximumFractionDigits: 0 });
  document.querySelectorAll("canvas[data-trend-chart]").forEach(function (canvas) {
    if (canvas.dataset.drawn) { return; }
    var source = document.getElementById(canvas.getAttribute("data-trend-chart"));
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    canvas.dataset.drawn = "1";
    new window.Chart(canvas, {
      data: {
        labels: data.labels,
        datasets: [
          { type: "bar", label: canvas.dataset.labelRevenue, data: data.revenue, backgroundColor: "rgba(13, 110, 253, 0.5)" },
          { type: "line", label: canvas.dataset.labelProfit, data: data.profit, borderColor: "#198754", backgroundColor: "#198754", spanGaps: false, tension: 0.2 }
        ]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { ticks: { callback: function (v) { return rupiah.format(v); } } } },
        plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + rupiah.format(c.parsed.y); } } } }
      }
    });
  });
})();
