// The design page's live preview (admin/design): the preview follows the colour, font and
// logo fields while the editor chooses, before anything is saved. Without script the page
// works as plain forms and the preview shows the bundled look.

const panel = document.querySelector('.design-preview-panel');
const form = document.getElementById('design-form');

if (panel && form) {
  const fonts = document.createElement('link');
  fonts.rel = 'stylesheet';
  fonts.href = '/admin/design/fonts.css';
  document.head.append(fonts);

  const accent = form.querySelector('#design-accent');
  const output = form.querySelector('#design-accent-contrast');
  const pages = panel.querySelectorAll('.design-preview-page');

  // WCAG relative luminance and contrast (the server checks the same with culori).
  const channel = (c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const luminance = (hex) => {
    const [r, g, b] = rgb(hex).map(channel);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const hex = (parts) => '#' + parts.map((v) => Math.round(Math.min(255, Math.max(0, v * 255))).toString(16).padStart(2, '0')).join('');
  // Dark mode's accent: mixed towards white until it reads on the dark paper (the site derives it in OKLCH).
  const darkOf = (colour) => {
    const base = rgb(colour);
    for (let t = 0; t <= 1; t += 0.05) {
      const mixed = hex(base.map((v) => v + (1 - v) * t));
      if (contrast(mixed, '#141619') >= 6) return mixed;
    }
    return '#ffffff';
  };

  // The saved colour's dark variant as the site derives it; a new choice is estimated here.
  const saved = { light: accent.value, dark: panel.dataset.darkAccent || '' };
  const update = () => {
    const colour = accent.value;
    const ratio = Math.min(contrast(colour, '#fffdf8'), contrast(colour, '#ffffff'));
    const ok = ratio >= 4.5;
    const lang = document.documentElement.lang;
    const shown = (Math.round(ratio * 10) / 10).toFixed(1);
    output.textContent = `${output.dataset.template.replace('{ratio}', lang === 'de' ? shown.replace('.', ',') : shown)} – ${ok ? output.dataset.ok : output.dataset.low}`;
    output.classList.toggle('design-contrast-low', !ok);
    panel.style.setProperty('--preview-accent', colour);
    panel.style.setProperty('--preview-accent-dark', colour === saved.light && saved.dark ? saved.dark : darkOf(colour));
    const font = form.querySelector('input[name="fonts"]:checked');
    if (font) pages.forEach((page) => (page.dataset.font = font.value));
  };

  accent.addEventListener('input', update);
  form.addEventListener('change', update);
  update();

  // A chosen logo shows in the preview before it is uploaded.
  for (const [slot, modes] of [['logoLight', ['light', 'dark']], ['logoDark', ['dark']]]) {
    const input = document.getElementById(`design-${slot}-file`);
    input?.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file || !file.type.startsWith('image/')) return;
      const reader = new FileReader();
      reader.addEventListener('load', () => {
        for (const mode of modes) {
          const brand = panel.querySelector(`.design-preview-${mode} .design-preview-brand`);
          if (!brand) continue;
          const img = document.createElement('img');
          img.alt = '';
          img.height = 28;
          img.src = String(reader.result);
          brand.replaceChildren(img);
        }
      });
      reader.readAsDataURL(file);
    });
  }
}
