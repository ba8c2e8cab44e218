// Two-click embeds (src/content/embed.ts); consent kept per player host; no globals.
{
const K = 'blattwerk.embeds';
const saved = () => { try { return JSON.parse(localStorage[K]); } catch { return []; } };
const url = (f) => new URL(f.dataset.embedSrc);
const load = (f, click) => {
  const gen = f.dataset.provider == 'iframe', u = url(f);
  if (f.l || u.protocol != 'https:') return;
  f.l = 1;
  if (click && !gen) u.searchParams.set('autoplay', 1);
  const i = Object.assign(document.createElement('iframe'), {
    src: u, title: f.dataset.embedTitle, loading: 'lazy', referrerPolicy: 'strict-origin-when-cross-origin',
    allow: gen ? 'fullscreen' : 'autoplay; encrypted-media; fullscreen; picture-in-picture',
  });
  // scripts + same-origin would unsandbox a page of our own origin
  if (gen) i.sandbox = 'allow-scripts allow-popups allow-forms' + (u.origin != origin ? ' allow-same-origin' : '');
  f.querySelector('.embed-frame').replaceChildren(i);
  if (click) i.focus();
};
const all = document.querySelectorAll('[data-embed-src]');
for (const f of all) {
  const b = f.querySelector('.embed-load'), r = f.querySelector('.embed-remember'), h = url(f).host;
  if (saved().includes(h)) load(f);
  else {
    b.hidden = r.hidden = false;
    b.onclick = () => {
      load(f, 1);
      if (r.firstChild.checked) {
        try { localStorage[K] = JSON.stringify([...saved(), h]); } catch {}
        for (const g of all) if (url(g).host == h) load(g);
      }
    };
  }
}
}
