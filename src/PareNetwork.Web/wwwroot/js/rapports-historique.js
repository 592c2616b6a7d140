// /rapports/departements/{code}: the département's figures across snapshots as a Chart.js line chart. The data come
// from the page (script#historique-donnees, JSON); the table under the chart holds the same values.
const data = JSON.parse(document.getElementById('historique-donnees').textContent);
const canvas = document.getElementById('graphique-historique');

if (window.Chart && canvas) {
  // Animations off: the chart shows at once, and nothing moves for people who asked for less motion.
  new window.Chart(canvas, {
    type: 'line',
    data: {
      labels: data.labels,
      datasets: [
        { label: 'Score (0 à 100, plus haut = plus faible)', data: data.score, borderColor: '#c9191e', backgroundColor: '#c9191e', tension: 0 },
        { label: 'Population à portée (%)', data: data.part_population, borderColor: '#1d3f94', backgroundColor: '#1d3f94', tension: 0 },
        { label: 'Fiches à jour (%)', data: data.part_a_jour, borderColor: '#3a7d44', backgroundColor: '#3a7d44', borderDash: [6, 4], tension: 0, spanGaps: true },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      locale: 'fr-FR',
      scales: { y: { min: 0, max: 100 } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
} else {
  canvas?.closest('.couverture-graphique')?.setAttribute('hidden', '');
}
