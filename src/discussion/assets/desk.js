// The moderation desk's enhancements (the desk works without them): keyboard (j/k move,
// a approve, r reject, s spam, x select), decisions sent in place so the next card is
// under the moderator's thumb, the selection count of the bulk bar, and held comments
// arriving live from the desk's event stream. Plain script, no dependencies.
const desk = document.querySelector('.moderation-desk');
const list = document.getElementById('cards');
if (desk) start();

function start() {
  const flash = desk.querySelector('.desk-flash');
  const bulk = document.getElementById('bulk');
  const live = desk.querySelector('.desk-live');
  const rules = new Intl.PluralRules(document.documentElement.lang || 'de');
  const plural = (n, prefix) => (desk.dataset[`${prefix}${rules.select(n) === 'one' ? 'One' : 'Other'}`] || '#').replace('#', String(n));
  let current = 0;
  let arrived = 0;

  const cards = () => [...desk.querySelectorAll('.desk-card')];

  function focusCard(index, scroll = true) {
    const all = cards();
    if (all.length === 0) return;
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach((card, i) => card.classList.toggle('is-current', i === current));
    const card = all[current];
    card.focus({ preventScroll: !scroll });
    if (scroll) card.scrollIntoView({ block: 'nearest' });
  }

  function say(text, error = false) {
    if (!flash) return;
    flash.replaceChildren();
    const p = document.createElement('p');
    p.className = error ? 'notice notice-error' : 'notice';
    p.textContent = text;
    flash.append(p);
  }

  function updateCount() {
    if (!bulk) return;
    const n = desk.querySelectorAll('.card-select:checked').length;
    const out = bulk.querySelector('.bulk-count');
    if (out) out.textContent = plural(n, 'selected');
    for (const box of desk.querySelectorAll('.card-select')) box.closest('.desk-card')?.classList.toggle('is-selected', box.checked);
  }

  function bumpTab(delta) {
    const tab = desk.querySelector('.desk-tabs a[aria-current="page"] .count');
    if (tab) tab.textContent = String(Math.max(0, Number(tab.textContent) + delta));
  }

  async function send(form, submitter) {
    const card = form.closest('.desk-card');
    const body = new URLSearchParams(new FormData(form, submitter));
    const buttons = [...form.querySelectorAll('button')];
    buttons.forEach((b) => (b.disabled = true));
    try {
      // form.action would be the input named "action" (named controls shadow form properties).
      const res = await fetch(form.getAttribute('action'), { method: 'POST', body, headers: { accept: 'application/json' }, credentials: 'same-origin' });
      const answer = await res.json().catch(() => ({}));
      if (!res.ok) {
        say(answer.message || String(res.status), true);
        buttons.forEach((b) => (b.disabled = false));
        return;
      }
      say(answer.message || '');
      if (card && form.dataset.action !== 'reply') {
        const index = cards().indexOf(card);
        card.closest('li')?.remove();
        bumpTab(-1);
        updateCount();
        if (cards().length === 0) {
          const empty = document.createElement('p');
          empty.className = 'muted desk-empty';
          empty.textContent = desk.dataset.empty || '';
          list?.after(empty);
          flash?.focus?.();
        } else focusCard(index);
      } else {
        form.reset();
        form.closest('details')?.removeAttribute('open');
        buttons.forEach((b) => (b.disabled = false));
      }
    } catch {
      buttons.forEach((b) => (b.disabled = false));
      form.submit();
    }
  }

  desk.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('card-form')) return;
    event.preventDefault();
    send(form, event.submitter);
  });

  desk.addEventListener('focusin', (event) => {
    const card = event.target.closest?.('.desk-card');
    if (!card) return;
    const index = cards().indexOf(card);
    if (index >= 0 && index !== current) { current = index; cards().forEach((c, i) => c.classList.toggle('is-current', i === current)); }
  });

  desk.addEventListener('change', (event) => {
    const box = event.target;
    if (box.classList?.contains('select-all')) {
      for (const each of desk.querySelectorAll('.card-select')) each.checked = box.checked;
    }
    if (box.classList?.contains('card-select') || box.classList?.contains('select-all')) updateCount();
  });

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      if (event.key === 'Escape') { target.closest('details')?.removeAttribute('open'); focusCard(current); }
      return;
    }
    const card = cards()[current];
    const click = (selector) => { const button = card?.querySelector(selector); if (button) { event.preventDefault(); button.click(); } };
    switch (event.key) {
      case 'j': event.preventDefault(); focusCard(current + 1); break;
      case 'k': event.preventDefault(); focusCard(current - 1); break;
      case 'a': click('form[data-action="approve"] button'); break;
      case 's': click('form[data-action="spam"] button'); break;
      case 'x': { const box = card?.querySelector('.card-select'); if (box) { event.preventDefault(); box.checked = !box.checked; updateCount(); } break; }
      case 'r': {
        const details = card?.querySelector('.card-reject');
        if (details) { event.preventDefault(); details.setAttribute('open', ''); details.querySelector('input[type="radio"]:checked, input[type="radio"]')?.focus(); }
        break;
      }
      default:
    }
  });

  // Live: a held comment's card is added at the end of the held list as it arrives.
  if (typeof EventSource === 'function') {
    const stream = new EventSource('/admin/comments/stream');
    stream.addEventListener('held', async (event) => {
      let id;
      try { id = JSON.parse(event.data).id; } catch { return; }
      if (!Number.isInteger(id) || document.getElementById(`card-${id}`)) return;
      bumpHeld();
      if (desk.dataset.filter !== 'held' || !list) { announce(); return; }
      const res = await fetch(`/admin/comments/${id}/card?filter=held`, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
      if (!res.ok) return;
      const template = document.createElement('template');
      template.innerHTML = await res.text();
      list.append(template.content);
      announce();
    });
  }

  function bumpHeld() {
    const tab = desk.querySelector('.desk-tabs a[href$="filter=held"] .count');
    if (tab) tab.textContent = String(Number(tab.textContent) + 1);
  }

  function announce() {
    arrived += 1;
    if (!live) return;
    live.hidden = false;
    const link = live.querySelector('a');
    if (link) link.textContent = plural(arrived, 'new');
  }

  updateCount();
  if (cards().length) { cards()[0].classList.add('is-current'); }
}
