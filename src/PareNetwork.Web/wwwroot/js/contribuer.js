// Contribution form (/contribuer): only the chosen kind's fieldsets show (without a script, all of them show, each
// headed by the kind it is for); a file over the limit is refused before hours of upload.
(function () {
  'use strict';

  var form = document.querySelector('form.contribution-formulaire');
  if (!form) {
    return;
  }
  var radios = form.querySelectorAll('input[data-contribution-type]');
  var groups = form.querySelectorAll('fieldset.contribution-type');

  function chosen() {
    for (var i = 0; i < radios.length; i++) {
      if (radios[i].checked) {
        return radios[i].value;
      }
    }
    return null;
  }

  function show() {
    var kind = chosen();
    for (var i = 0; i < groups.length; i++) {
      var group = groups[i];
      // Before a choice, nothing kind-specific shows; a disabled fieldset's fields are not sent.
      var visible = kind !== null && group.getAttribute('data-kind') === kind;
      group.hidden = !visible;
      group.disabled = !visible;
    }
  }

  for (var i = 0; i < radios.length; i++) {
    radios[i].addEventListener('change', show);
  }
  show();

  var file = form.querySelector('input[type="file"]');
  var error = document.getElementById('fichier-erreur');
  function tooLarge() {
    var max = Number(form.getAttribute('data-max-octets'));
    return file && !file.disabled && file.files && file.files.length > 0 && max > 0 && file.files[0].size > max;
  }

  function check() {
    if (!error) {
      return true;
    }
    if (tooLarge()) {
      error.textContent = 'Le fichier dépasse ' + form.getAttribute('data-max-libelle') + ' : choisissez un fichier plus léger, ou indiquez plutôt un lien vers la ressource.';
      error.hidden = false;
      file.setAttribute('aria-invalid', 'true');
      return false;
    }
    error.hidden = true;
    error.textContent = '';
    file.removeAttribute('aria-invalid');
    return true;
  }

  if (file) {
    file.addEventListener('change', check);
  }
  form.addEventListener('submit', function (event) {
    if (!check()) {
      event.preventDefault();
      file.focus();
      return;
    }
    var button = form.querySelector('button[type="submit"]');
    if (button) {
      setTimeout(function () { button.disabled = true; button.textContent = 'Envoi en cours…'; }, 0);
    }
  });
})();
