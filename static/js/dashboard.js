// Draws the dashboard's charts from the JSON the page embeds (no inline script: CSP).
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var palette = ["#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#20c997", "#dc3545", "#6c757d"];
  var rupiah = new Intl.NumberFormat(document.documentElement.lang || "id", { maximumFractionDigits: 0 });

  document.querySelectorAll("canvas.dashboard-chart").forEach(function (canvas) {
    var chart = data[canvas.dataset.chart];
    if (!chart) {
      return;
    }
    var config;
    if (canvas.dataset.kind === "funnel") {
      config = {
        type: "bar",
        data: {
          labels: chart.labels,
          datasets: chart.series.map(function (series, i) {
            return { label: series.label, data: series.values, backgroundColor: palette[i % palette.length] };
          }),
        },
        options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
      };
    } else {
      config = {
        type: canvas.dataset.kind,
        data: {
          labels: chart.labels,
          datasets: [{ data: chart.values, backgroundColor: palette[0], borderColor: palette[0], fill: false, tension: 0.2 }],
        },
        options: {
          maintainAspectRatio: false,
          plugins: { legend: { display: false } },
          scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return rupiah.format(v); } } } },
        },
      };
    }
    new Chart(canvas, config);
  });
})();
