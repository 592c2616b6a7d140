// "Autour de moi": opt-in only. The browser asks for the position when, and only when, the button is pressed.

const ERRORS = {
  1: 'Vous n\'avez pas autorisé la localisation. Vous pouvez saisir une commune ou un code postal.',
  2: 'Votre position n\'a pas pu être déterminée. Saisissez une commune ou un code postal.',
  3: 'La localisation a pris trop de temps. Réessayez, ou saisissez une commune ou un code postal.',
};

/** Resolves to { lat, lon } (5 decimals, about 1 m), or null once the reason has been said. */
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
        resolve({ lat: found.coords.latitude.toFixed(5), lon: found.coords.longitude.toFixed(5) });
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
