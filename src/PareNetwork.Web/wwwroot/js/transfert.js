// Import page: while the server reads a long file (or applies it), say so and prevent a second submission.
for (const form of document.querySelectorAll('form.transfert-envoi, form.transfert-appliquer')) {
  form.addEventListener('submit', () => {
    const button = form.querySelector('button[type="submit"]');
    const status = form.querySelector('[data-transfert-statut]');
    if (status) {
      status.textContent = 'Lecture du fichier en cours… un fichier de 10 000 lignes prend quelques secondes.';
    }
    if (button) {
      // Disabled after the submission has started, so that the button's own value is still sent.
      setTimeout(() => { button.disabled = true; }, 0);
      button.textContent = form.classList.contains('transfert-appliquer') ? 'Application en cours…' : 'Lecture en cours…';
    }
  });
}
