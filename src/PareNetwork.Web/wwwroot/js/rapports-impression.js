// /rapports/impression: the « Imprimer » button (the print stylesheet does the rest).
document.getElementById('imprimer')?.addEventListener('click', () => window.print());
