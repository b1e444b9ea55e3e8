/* Draws the dashboard's charts with Chart.js from the JSON each table carries
   (a <script type="application/json"> written by json_script). The numbers are also in the
   table under each chart; the chart is hidden from screen readers. */
(function () {
  "use strict";
  // Patterns differ by line style and point shape as well as colour, so no series is told
  // apart by colour alone.
  var COLOURS = ["#0059b3", "#b35900", "#2e7d32", "#6a1b9a", "#c62828", "#00695c", "#4e342e"];
  var DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 2], [8, 8], [4, 1]];
  var POINTS = ["circle", "rect", "triangle", "rectRot", "cross", "star", "crossRot"];

  function danish(value, percent) {
    if (value === null || value === undefined) { return "–"; }
    var text = value.toLocaleString("da-DK", { maximumFractionDigits: 1 });
    return percent ? text + " %" : text;
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-kpi-chart"));
    if (!source || typeof window.Chart === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    var datasets = spec.series.map(function (series, index) {
      var colour = COLOURS[index % COLOURS.length];
      return {
        label: series.label,
        data: series.values,
        backgroundColor: colour,
        borderColor: colour,
        borderDash: DASHES[index % DASHES.length],
        pointStyle: POINTS[index % POINTS.length],
        pointRadius: 4,
        spanGaps: true,
        fill: false
      };
    });
    var chart = new window.Chart(canvas, {
      type: spec.kind,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked: spec.stacked },
          y: {
            stacked: spec.stacked,
            beginAtZero: true,
            max: spec.percent ? 100 : undefined,
            ticks: { callback: function (value) { return danish(value, spec.percent); } }
          }
        },
        plugins: {
          legend: { display: datasets.length > 1, labels: { usePointStyle: true } },
          tooltip: {
            callbacks: {
              label: function (context) {
                return context.dataset.label + ": " + danish(context.parsed.y, spec.percent);
              }
            }
          }
        }
      }
    });
    canvas.setAttribute("data-kpi-drawn", "true");
    return chart;
  }

  function drawAll() {
    var canvases = document.querySelectorAll("canvas[data-kpi-chart]");
    for (var i = 0; i < canvases.length; i += 1) { draw(canvases[i]); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
}());
