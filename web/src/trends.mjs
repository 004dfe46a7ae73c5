// The trends page's charts (pages/templates/staff/trends.html): each chart's figures come from
// the JSON block beside its canvas, the same figures as the table next to it. Chart.js is
// imported piece by piece, so the bundle holds only the line chart (web/build.mjs tree-shakes).
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(CategoryScale, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);

// GOV.UK Frontend's palette, a colour a line.
const PALETTE = [
  '#1d70b8', '#d4351c', '#00703c', '#f47738', '#4c2c92',
  '#b58840', '#912b88', '#28a197', '#505a5f', '#003078',
];

for (const box of document.querySelectorAll('[data-trend-chart]')) {
  const figures = JSON.parse(box.querySelector('[data-trend-data]').textContent);
  box.hidden = false;
  const datasets = figures.datasets.map((line, n) => ({
    ...line,
    borderColor: PALETTE[n % PALETTE.length],
    backgroundColor: PALETTE[n % PALETTE.length],
    borderDash: n >= PALETTE.length ? [6, 3] : [],
    pointRadius: 2,
    tension: 0,
  }));
  // eslint-disable-next-line no-new
  new Chart(box.querySelector('canvas'), {
    type: 'line',
    data: { labels: figures.labels, datasets },
    options: {
      animation: false,
      responsive: true,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
  box.dataset.trendDrawn = 'true';
}
