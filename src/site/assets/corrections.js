// Corrections from readers (src/content/corrections): select text in the article, press
// "Suggest a correction", and an inline form prefilled with the selection is sent as JSON.
// Without this file the link under the article leads to the same form as a plain page.
(() => {
  const body = document.querySelector('.article-body');
  const link = document.querySelector('.suggest-correction a[data-article]');
  if (!body || !link) return;
  const de = document.documentElement.lang !== 'en';
  const say = {
    button: de ? 'Korrektur vorschlagen' : 'Suggest a correction',
    passage: de ? 'Textstelle' : 'Passage',
    replacement: de ? 'Ihr Vorschlag' : 'Your suggestion',
    typo: de ? 'Tippfehler' : 'Typo',
    fact: de ? 'Sachlicher Fehler' : 'Factual error',
    note: de ? 'Anmerkung (freiwillig), etwa eine Quelle' : 'Note (optional), e.g. a source',
    name: de ? 'Name (freiwillig)' : 'Name (optional)',
    email: de ? 'E-Mail (freiwillig, nur für Rückfragen)' : 'E-mail (optional, only for questions)',
    send: de ? 'Vorschlag senden' : 'Send suggestion',
    cancel: de ? 'Abbrechen' : 'Cancel',
    thanks: de ? 'Danke! Die Redaktion prüft Ihren Vorschlag.' : 'Thank you! The editors will review your suggestion.',
    failed: de ? 'Das hat nicht geklappt: ' : 'That did not work: ',
  };
  const MAX = 500;
  const url = `/api/v1/articles/${encodeURIComponent(link.dataset.article)}/corrections`;
  const token = () => document.querySelector('meta[name="csrf-token"]')?.content || '';
  const el = (tag, props = {}, ...children) => {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children);
    return node;
  };

  const button = el('button', { type: 'button', className: 'correction-button', textContent: say.button, hidden: true });
  document.body.append(button);
  let selected = '';
  let block = null;

  // Where the selection sits: both ends inside the article body, a sensible length.
  const inBody = (node) => {
    const element = node && (node.nodeType === 1 ? node : node.parentElement);
    // Text selected inside our own open form is not a passage of the article.
    return element && body.contains(element) && !element.closest('.correction-inline');
  };
  document.addEventListener('selectionchange', () => {
    const selection = document.getSelection();
    const text = selection ? selection.toString().replace(/\s+/g, ' ').trim() : '';
    if (!text || text.length > MAX || !inBody(selection.anchorNode) || !inBody(selection.focusNode)) {
      button.hidden = true;
      return;
    }
    selected = text;
    const start = selection.anchorNode.nodeType === 1 ? selection.anchorNode : selection.anchorNode.parentElement;
    block = start.closest('.article-body > *');
    const rect = selection.getRangeAt(0).getBoundingClientRect();
    // Above the selection: the discussion's "Quote" button takes the place below it.
    button.style.top = `${window.scrollY + rect.top - 40}px`;
    button.style.left = `${window.scrollX + rect.left}px`;
    button.hidden = false;
  });
  // Keep the selection alive while the button is pressed.
  button.addEventListener('mousedown', (event) => event.preventDefault());

  const field = (label, input) => el('p', { className: 'field' }, el('label', {}, label, input));
  const radio = (value, label, checked) =>
    el('label', {}, el('input', { type: 'radio', name: 'kind', value, checked }), ` ${label}`);

  function openForm(passage) {
    document.querySelector('.correction-inline')?.remove();
    const status = el('p', { className: 'correction-status', role: 'status' });
    const form = el(
      'form',
      { className: 'correction-form correction-inline' },
      field(say.passage, el('textarea', { name: 'passage', rows: 2, maxLength: MAX, required: true, value: passage })),
      field(say.replacement, el('textarea', { name: 'replacement', rows: 2, maxLength: 1000, required: true, value: passage })),
      el('fieldset', { className: 'field correction-kind' }, radio('typo', say.typo, true), radio('fact', say.fact, false)),
      field(say.note, el('textarea', { name: 'note', rows: 2, maxLength: 2000 })),
      field(say.name, el('input', { name: 'name', type: 'text', maxLength: 100, autocomplete: 'name' })),
      field(say.email, el('input', { name: 'email', type: 'email', maxLength: 254, autocomplete: 'email' })),
      el('p', {}, el('button', { type: 'submit', textContent: say.send }), ' ',
        el('button', { type: 'reset', className: 'button-secondary', textContent: say.cancel })),
      status,
    );
    form.addEventListener('reset', () => form.remove());
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = Object.fromEntries(new FormData(form));
      for (const key of ['note', 'name', 'email']) if (!data[key]) delete data[key];
      form.querySelector('button[type="submit"]').disabled = true;
      try {
        const res = await fetch(url, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': token() },
          body: JSON.stringify(data),
        });
        const answer = await res.json().catch(() => ({}));
        if (!res.ok) throw new Error((answer.error && answer.error.message) || res.statusText);
        form.replaceChildren(el('p', { className: 'notice', role: 'status', textContent: say.thanks }));
      } catch (error) {
        status.textContent = say.failed + error.message;
        form.querySelector('button[type="submit"]').disabled = false;
      }
    });
    (block || body.lastElementChild || body).after(form);
    form.querySelector('textarea[name="replacement"]').focus();
  }

  button.addEventListener('click', () => {
    button.hidden = true;
    openForm(selected);
  });
  // The link opens the same inline form when there is no selection.
  link.addEventListener('click', (event) => {
    event.preventDefault();
    block = null;
    openForm('');
    link.closest('.suggest-correction').before(document.querySelector('.correction-inline'));
    document.querySelector('.correction-inline textarea[name="passage"]').focus();
  });
})();
