// Charts (Chart.js, served locally). Data come from <script type="application/json"> blocks.
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  var palette = ["#1f5f99", "#c0622b", "#2f8a4a", "#7b4bb3", "#a4262c", "#8a5a00", "#2a8a8a", "#5b6570", "#b3407f", "#446600", "#003f88", "#9c6b00"];

  function json(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function seriesChart(canvas, series, unit) {
    if (!canvas || !series || !series.datasets.length) return;
    new Chart(canvas, {
      type: "line",
      data: {
        datasets: series.datasets.map(function (ds, i) {
          var colour = palette[i % palette.length];
          return {
            label: ds.label,
            data: ds.data.map(function (p) { return { x: Date.parse(p.x), y: p.y, verified: p.verified, url: p.url }; }),
            borderColor: colour,
            backgroundColor: ds.data.map(function (p) { return p.verified ? colour : "#ffffff"; }),
            pointBorderColor: colour,
            pointRadius: 4,
            showLine: true,
            tension: 0,
          };
        }),
      },
      options: {
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: { type: "linear", ticks: { callback: function (v) { return new Date(v).toISOString().slice(0, 10); } } },
          y: { beginAtZero: true, title: { display: !!unit, text: unit } },
        },
        plugins: {
          tooltip: { callbacks: {
            title: function (items) { return new Date(items[0].parsed.x).toISOString().slice(0, 10); },
            label: function (item) { return item.dataset.label + ": " + item.parsed.y.toLocaleString() + (item.raw.verified ? " (human-verified)" : " (machine-proposed)"); },
          } },
        },
        onClick: function (ev, elements, chart) {
          if (!elements.length) return;
          var raw = chart.data.datasets[elements[0].datasetIndex].data[elements[0].index];
          if (raw.url) window.location.href = raw.url;
        },
      },
    });
  }

  var single = json("series-data");
  if (single) seriesChart(document.getElementById("series-chart"), single, single.unit);

  var data = json("chart-data");
  if (!data) return;
  seriesChart(document.getElementById("series-chart"), data.series, data.series.unit);
  var inc = document.getElementById("incidents-chart");
  if (inc && data.incidents.labels.length) {
    new Chart(inc, {
      type: "bar",
      data: { labels: data.incidents.labels, datasets: [
        { label: "Incidents", data: data.incidents.incidents, backgroundColor: "#a4262c" },
        { label: "Killed", data: data.incidents.killed, backgroundColor: "#5b6570" },
        { label: "Injured", data: data.incidents.injured, backgroundColor: "#c79a00" },
      ] },
      options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }
  var aid = document.getElementById("aid-chart");
  if (aid && data.aid.labels.length) {
    new Chart(aid, {
      data: { labels: data.aid.labels, datasets: [
        { type: "bar", label: "Tons delivered in the month", data: data.aid.tons, backgroundColor: "#2f8a4a", yAxisID: "y" },
        { type: "line", label: "Total so far", data: data.aid.total, borderColor: "#1f5f99", yAxisID: "y1" },
      ] },
      options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true, position: "left", title: { display: true, text: "tons per month" } },
        y1: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: "total tons" } } } },
    });
  }
})();
