// Settings pages, enhanced (settings-view.ts renders pages that work without this):
// - links lists: add, remove and reorder rows in place instead of posting the form back;
// - fields that depend on a choice (Austrian imprint, donation details) show and hide as
//   that choice changes;
// - leaving a page with unsaved edits asks first (beforeunload), and a note says so.
// Plain ES module, no dependencies, served under a hashed name (script-src 'self').

for (const form of document.querySelectorAll('form[data-settings-form]')) {
  let dirty = form.querySelector('[data-unsaved-note]:not([hidden])') !== null;
  const note = form.querySelector('[data-unsaved-note]');
  const markDirty = () => {
    dirty = true;
    if (note) note.hidden = false;
  };
  form.addEventListener('input', markDirty);
  form.addEventListener('change', markDirty);
  form.addEventListener('submit', () => {
    dirty = false;
  });
  window.addEventListener('beforeunload', (event) => {
    if (!dirty) return;
    event.preventDefault();
    // Older browsers show this text; current ones show their own.
    event.returnValue = form.dataset.warn ?? '';
  });

  // Fields shown only for some values of another field in the same form.
  const dependents = [...form.querySelectorAll('[data-when-field]')];
  const refresh = () => {
    for (const el of dependents) {
      const control = form.elements.namedItem(el.dataset.whenField);
      if (!control) continue;
      const value = control.type === 'checkbox' ? (control.checked ? 'on' : '') : control.value;
      el.hidden = !el.dataset.whenValues.split(' ').includes(value);
    }
  };
  form.addEventListener('change', (event) => {
    if (event.target.matches('[data-controls]')) refresh();
  });

  for (const fieldset of form.querySelectorAll('fieldset[data-links]')) enhanceList(fieldset, markDirty);
}

function enhanceList(fieldset, markDirty) {
  const key = fieldset.dataset.links;
  const list = fieldset.querySelector('[data-rows]');
  const words = fieldset.dataset;
  const say = (template, what) => template.replace('%', what);

  // Names and labels follow the order shown, so the post reads like the list looks.
  function renumber() {
    const rows = [...list.querySelectorAll('[data-row]')];
    rows.forEach((row, i) => {
      row.querySelector('.link-number').textContent = `${i + 1}.`;
      for (const part of ['label', 'url']) {
        const input = row.querySelector(`.link-${part} input`);
        const id = `s-links-${key}-${i}-${part}`;
        input.name = `${key}.${i}.${part}`;
        input.id = id;
        row.querySelector(`.link-${part} label`).htmlFor = id;
      }
      const what = row.querySelector('.link-label input').value || say(words.tRow, String(i + 1));
      const [up, down, remove] = ['up', 'down', 'remove'].map((op) => row.querySelector(`[data-op="${op}"]`));
      up.disabled = i === 0;
      down.disabled = i === rows.length - 1;
      up.setAttribute('aria-label', say(words.tUp, what));
      down.setAttribute('aria-label', say(words.tDown, what));
      remove.setAttribute('aria-label', say(words.tRemove, what));
    });
    const empty = fieldset.querySelector('[data-empty]');
    if (empty) empty.hidden = rows.length > 0;
  }

  function newRow() {
    const row = document.createElement('li');
    row.className = 'link-row';
    row.dataset.row = '';
    const number = document.createElement('span');
    number.className = 'link-number';
    number.setAttribute('aria-hidden', 'true');
    row.append(number);
    for (const part of ['label', 'url']) {
      const cell = document.createElement('span');
      cell.className = `link-cell link-${part}`;
      const label = document.createElement('label');
      label.textContent = part === 'label' ? words.tLabel : words.tUrl;
      const input = document.createElement('input');
      input.type = 'text';
      input.maxLength = part === 'label' ? 100 : 2000;
      if (part === 'url') {
        input.inputMode = 'url';
        input.autocomplete = 'off';
      }
      cell.append(label, input);
      row.append(cell);
    }
    const actions = document.createElement('span');
    actions.className = 'link-actions';
    for (const [op, text, cls] of [['up', '↑', ''], ['down', '↓', ''], ['remove', words.tRemoveShort, ' button-quiet']]) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = `button-small${cls}`;
      button.dataset.op = op;
      button.textContent = text;
      actions.append(button);
    }
    row.append(actions);
    return row;
  }

  // In place, the buttons no longer post the form.
  for (const button of fieldset.querySelectorAll('button[data-op]')) {
    button.type = 'button';
    button.removeAttribute('name');
  }

  fieldset.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-op]');
    if (!button || !fieldset.contains(button)) return;
    const row = button.closest('[data-row]');
    const op = button.dataset.op;
    let focus = null;
    if (op === 'add') {
      const added = newRow();
      list.append(added);
      focus = () => added.querySelector('input');
    } else if (op === 'remove') {
      const next = row.nextElementSibling ?? row.previousElementSibling;
      row.remove();
      focus = () => (next ? next.querySelector('[data-op="remove"]') : fieldset.querySelector('[data-op="add"]'));
    } else if (op === 'up' && row.previousElementSibling) {
      row.previousElementSibling.before(row);
      focus = () => (row.previousElementSibling ? row.querySelector('[data-op="up"]') : row.querySelector('[data-op="down"]'));
    } else if (op === 'down' && row.nextElementSibling) {
      row.nextElementSibling.after(row);
      focus = () => (row.nextElementSibling ? row.querySelector('[data-op="down"]') : row.querySelector('[data-op="up"]'));
    }
    renumber();
    markDirty();
    focus?.()?.focus();
  });
  fieldset.addEventListener('input', (event) => {
    if (event.target.closest('.link-label')) renumber();
  });
}
