// "Autour de moi": opt-in only. The browser asks for the position when, and only when, the button is pressed.

const ERRORS = {
  1: 'Vous n\'avez pas autorisé la localisation. Vous pouvez saisir une commune ou un code postal.',
  2: 'Votre position n\'a pas pu être déterminée. Saisissez une commune ou un code postal.',
  3: 'La localisation a pris trop de temps. Réessayez, ou saisissez une commune ou un code postal.',
};

/**
 * Decimals kept of the position: 2, about 1 km. The searcher's exact position never leaves this module, so it
 * cannot end up in a URL, a server log or a cache; 1 km is plenty to find the nearest help.
 */
const DECIMALS = 2;

function coarse(degrees) {
  // Number() drops the "-0.00" of a position just west of Greenwich.
  return String(Number(degrees.toFixed(DECIMALS)));
}

/** Resolves to { lat, lon } rounded to about 1 km (see DECIMALS), or null once the reason has been said. */
export function locate(button, say) {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) {
      say('Votre navigateur ne permet pas la localisation. Saisissez une commune ou un code postal.');
      resolve(null);
      return;
    }
    say('Localisation en cours…');
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      (found) => {
        button.disabled = false;
        resolve({ lat: coarse(found.coords.latitude), lon: coarse(found.coords.longitude) });
      },
      (error) => {
        button.disabled = false;
        say(ERRORS[error.code] || ERRORS[2]);
        resolve(null);
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 },
    );
  });
}
