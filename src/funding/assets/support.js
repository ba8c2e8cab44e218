/*
 * The support page's copy-IBAN button: shown only where the clipboard can be written
 * (without script, or without the clipboard, one tap selects the IBAN: user-select: all).
 */
(function () {
  var button = document.querySelector('.support-copy-iban');
  if (!button || !navigator.clipboard || !navigator.clipboard.writeText) return;
  var status = document.querySelector('.support-copy-status');
  button.hidden = false;
  button.addEventListener('click', function () {
    navigator.clipboard.writeText(button.getAttribute('data-iban') || '').then(function () {
      if (status) status.textContent = button.getAttribute('data-done') || '';
    });
  });
})();
