// « Rejoindre le réseau »: shows only the part of the form that matches the chosen structure (existing or new).
// Without this script both parts show, each with its heading.
const choices = [...document.querySelectorAll('[data-adhesion-choix]')];
const parts = [...document.querySelectorAll('[data-adhesion-partie]')];

function update() {
  const chosen = choices.find((c) => c.checked)?.value;
  for (const part of parts) {
    const hidden = part.dataset.adhesionPartie !== chosen;
    part.hidden = hidden;
    for (const field of part.querySelectorAll('input, select, textarea')) {
      field.disabled = hidden;
    }
  }
}

for (const choice of choices) {
  choice.addEventListener('change', update);
}
update();
