// Monthly sales chart: data from the page's json_script element, drawn with the vendored Chart.js.
(function () {
  var source = document.getElementById("sales-chart-data");
  var canvas = document.getElementById("sales-chart");
  if (!source || !canvas || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var colours = ["#0d6efd", "#198754"];
  var rupiah = new Intl.NumberFormat("id-ID", { style: "currency", currency: "IDR", maximumFractionDigits: 0 });
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: data.datasets.map(function (set, index) {
        return { label: set.label, data: set.data, backgroundColor: colours[index % colours.length] };
      })
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, ticks: { callback: function (value) { return rupiah.format(value); } } } },
      plugins: { tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ": " + rupiah.format(ctx.parsed.y); } } } }
    }
  });
})();
