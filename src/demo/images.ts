/**
 * Local, deterministic illustrations for the demo content.
 *
 * Every demo image is drawn here as a flat-style SVG (shapes and gradients only: no text,
 * no fonts, no external references) and rasterised to JPEG with sharp. The same motif and
 * seed always give the same picture, so a re-seeded demo looks the same, and no image is
 * fetched from anywhere.
 */
import sharp from 'sharp';

export const DEMO_MOTIFS = [
  'townhall',
  'festival',
  'budget-chart',
  'tram',
  'library',
  'river',
  'portrait',
  'school',
  'park',
  'bakery',
  'sports',
  'assembly',
] as const;

export type DemoMotif = (typeof DEMO_MOTIFS)[number];

export function isDemoMotif(value: string): value is DemoMotif {
  return (DEMO_MOTIFS as readonly string[]).includes(value);
}

/** The natural size of a motif: avatars are square, everything else 16:9. */
export function demoImageSize(motif: DemoMotif): { width: number; height: number } {
  return motif === 'portrait' ? { width: 400, height: 400 } : { width: 1600, height: 900 };
}

const MAX_SIDE = 4096;

/**
 * Draws `motif` (varied by `seed`) and returns a baseline JPEG of exactly width × height.
 * Without a size, portraits are 400×400 and every other motif 1600×900.
 */
export async function renderDemoImage(
  motif: DemoMotif,
  seed: string,
  width = motif === 'portrait' ? 400 : 1600,
  height = motif === 'portrait' ? 400 : 900,
): Promise<Buffer> {
  for (const side of [width, height]) {
    if (!Number.isInteger(side) || side < 16 || side > MAX_SIDE) {
      throw new RangeError(`demo image side must be an integer between 16 and ${MAX_SIDE}, got ${side}`);
    }
  }
  const svg = demoImageSvg(motif, seed, width, height);
  return sharp(Buffer.from(svg), { density: 72 })
    .resize(width, height, { fit: 'fill' })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 84, mozjpeg: true })
    .toBuffer();
}

/** The SVG source of a demo image (exported for tests and for the admin preview). */
export function demoImageSvg(motif: DemoMotif, seed: string, width: number, height: number): string {
  const r = new Rng(`${motif}:${seed}`);
  const c: Ctx = { r, W: width, H: height, p: pickPalette(motif, r), defs: [], uid: 0 };
  const body = SCENES[motif](c);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}"><defs>${c.defs.join('')}</defs>${body}</svg>`
  );
}

// ---------------------------------------------------------------------------------------
// Randomness, colours and small drawing helpers

class Rng {
  private state: number;

  constructor(seed: string) {
    // FNV-1a, then a few rounds of mulberry32 to spread similar seeds apart.
    let h = 0x811c9dc5;
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    this.state = h >>> 0;
    for (let i = 0; i < 4; i++) this.next();
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return Math.min(max, Math.floor(this.range(min, max + 1)));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

interface Palette {
  skyTop: string;
  skyBottom: string;
  sun: string;
  ground: string;
  groundDark: string;
  wall: string;
  roof: string;
  ink: string;
  accents: readonly string[];
}

const DAY_PALETTES: readonly Palette[] = [
  {
    skyTop: '#8ec5e8', skyBottom: '#e6f3fa', sun: '#ffd166', ground: '#86b86f', groundDark: '#5d8c4a',
    wall: '#f4e9d8', roof: '#b5523b', ink: '#2b2d42',
    accents: ['#e07a5f', '#3d5a80', '#f2cc8f', '#81b29a', '#f4a261', '#98c1d9'],
  },
  {
    skyTop: '#f6a07a', skyBottom: '#ffe3c2', sun: '#fff1b8', ground: '#6a994e', groundDark: '#386641',
    wall: '#efe2cf', roof: '#8c3b2f', ink: '#283044',
    accents: ['#bc4749', '#386fa4', '#f2e8cf', '#a7c957', '#ffb703', '#6d597a'],
  },
  {
    skyTop: '#a8dadc', skyBottom: '#f1faee', sun: '#ffe8a3', ground: '#90be6d', groundDark: '#4d908e',
    wall: '#fdf6ec', roof: '#1d3557', ink: '#1d3557',
    accents: ['#e63946', '#457b9d', '#f4a261', '#2a9d8f', '#e9c46a', '#8d99ae'],
  },
  {
    skyTop: '#b8c0ff', skyBottom: '#f8edeb', sun: '#ffd6a5', ground: '#99c184', groundDark: '#628b48',
    wall: '#fff8f0', roof: '#5e548e', ink: '#231942',
    accents: ['#ef476f', '#118ab2', '#ffd166', '#06d6a0', '#9f86c0', '#f78c6b'],
  },
];

const DUSK_PALETTES: readonly Palette[] = [
  {
    skyTop: '#2b2d5b', skyBottom: '#e07a5f', sun: '#f2cc8f', ground: '#52796f', groundDark: '#354f52',
    wall: '#e9dcc9', roof: '#6d3b47', ink: '#1b1b33',
    accents: ['#f2cc8f', '#e07a5f', '#81b29a', '#f4f1de', '#ef476f', '#ffd166'],
  },
  {
    skyTop: '#22223b', skyBottom: '#c9ada7', sun: '#fefae0', ground: '#4a4e69', groundDark: '#2f3150',
    wall: '#f2e9e4', roof: '#9a8c98', ink: '#15152a',
    accents: ['#ffb4a2', '#e5989b', '#ffd166', '#80ed99', '#48cae4', '#f9c74f'],
  },
];

function pickPalette(motif: DemoMotif, r: Rng): Palette {
  if (motif === 'festival') return r.pick(DUSK_PALETTES);
  return r.pick(DAY_PALETTES);
}

interface Ctx {
  r: Rng;
  W: number;
  H: number;
  p: Palette;
  defs: string[];
  uid: number;
}

/** Rounds a coordinate to one decimal to keep the SVG small. */
function n(x: number): string {
  return String(Math.round(x * 10) / 10);
}

function rgb(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** Mixes `hex` towards white (amount > 0) or black (amount < 0). */
function shade(hex: string, amount: number): string {
  const target = amount > 0 ? 255 : 0;
  const a = Math.min(1, Math.abs(amount));
  return (
    '#' +
    rgb(hex)
      .map((ch) => Math.round(ch + (target - ch) * a).toString(16).padStart(2, '0'))
      .join('')
  );
}

function linear(c: Ctx, stops: readonly string[], x2 = 0, y2 = 1): string {
  const id = `g${c.uid++}`;
  const s = stops.map((col, i) => `<stop offset="${n((i / Math.max(1, stops.length - 1)) * 100)}%" stop-color="${col}"/>`);
  c.defs.push(`<linearGradient id="${id}" x1="0" y1="0" x2="${x2}" y2="${y2}">${s.join('')}</linearGradient>`);
  return `url(#${id})`;
}

function radial(c: Ctx, inner: string, outer: string, innerOpacity = 1, outerOpacity = 1): string {
  const id = `g${c.uid++}`;
  c.defs.push(
    `<radialGradient id="${id}"><stop offset="0%" stop-color="${inner}" stop-opacity="${innerOpacity}"/>` +
      `<stop offset="100%" stop-color="${outer}" stop-opacity="${outerOpacity}"/></radialGradient>`,
  );
  return `url(#${id})`;
}

function rect(x: number, y: number, w: number, h: number, fill: string, rx = 0, extra = ''): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(Math.max(0, w))}" height="${n(Math.max(0, h))}"${rx ? ` rx="${n(rx)}"` : ''} fill="${fill}"${extra}/>`;
}

function circle(x: number, y: number, radius: number, fill: string, extra = ''): string {
  return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(Math.max(0, radius))}" fill="${fill}"${extra}/>`;
}

function ellipse(x: number, y: number, rx: number, ry: number, fill: string, extra = ''): string {
  return `<ellipse cx="${n(x)}" cy="${n(y)}" rx="${n(Math.max(0, rx))}" ry="${n(Math.max(0, ry))}" fill="${fill}"${extra}/>`;
}

function poly(points: readonly (readonly [number, number])[], fill: string, extra = ''): string {
  return `<polygon points="${points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="${fill}"${extra}/>`;
}

function line(x1: number, y1: number, x2: number, y2: number, stroke: string, width: number, extra = ''): string {
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}" stroke-width="${n(width)}" stroke-linecap="round"${extra}/>`;
}

function path(d: string, fill: string, extra = ''): string {
  return `<path d="${d}" fill="${fill}"${extra}/>`;
}

/** Point on a quadratic Bézier curve. */
function quad(
  t: number,
  [x0, y0]: readonly [number, number],
  [x1, y1]: readonly [number, number],
  [x2, y2]: readonly [number, number],
): [number, number] {
  const u = 1 - t;
  return [u * u * x0 + 2 * u * t * x1 + t * t * x2, u * u * y0 + 2 * u * t * y1 + t * t * y2];
}

function sky(c: Ctx, top = c.p.skyTop, bottom = c.p.skyBottom): string {
  return rect(0, 0, c.W, c.H, linear(c, [top, bottom]));
}

function sun(c: Ctx, x: number, y: number, radius: number): string {
  const glow = radial(c, c.p.sun, c.p.sun, 0.55, 0);
  return circle(x, y, radius * 2.6, glow) + circle(x, y, radius, c.p.sun);
}

function cloud(x: number, y: number, s: number, fill: string): string {
  return (
    `<g opacity="0.9">` +
    rect(x - s * 1.6, y - s * 0.35, s * 3.2, s * 0.75, fill, s * 0.37) +
    circle(x - s * 0.6, y - s * 0.3, s * 0.55, fill) +
    circle(x + s * 0.25, y - s * 0.5, s * 0.75, fill) +
    circle(x + s * 1.0, y - s * 0.15, s * 0.45, fill) +
    `</g>`
  );
}

function clouds(c: Ctx, count: number, maxY: number): string {
  let out = '';
  const s = Math.min(c.W, c.H) * 0.07;
  for (let i = 0; i < count; i++) {
    out += cloud(c.r.range(0.05, 0.95) * c.W, c.r.range(0.12, 1) * maxY, s * c.r.range(0.6, 1.3), '#ffffff');
  }
  return out;
}

function hills(c: Ctx, baseY: number, amplitude: number, fill: string, bumps = 4): string {
  const { W, H, r } = c;
  let d = `M0 ${n(H)} L0 ${n(baseY)}`;
  const step = W / bumps;
  for (let i = 0; i < bumps; i++) {
    const x0 = i * step;
    const peak = baseY - amplitude * r.range(0.4, 1);
    d += ` Q${n(x0 + step / 2)} ${n(peak)} ${n(x0 + step)} ${n(baseY + r.range(-0.2, 0.2) * amplitude)}`;
  }
  d += ` L${n(W)} ${n(H)} Z`;
  return path(d, fill);
}

function tree(c: Ctx, x: number, groundY: number, size: number, kind?: 'round' | 'conifer' | 'poplar'): string {
  const { r, p } = c;
  const k = kind ?? r.pick(['round', 'round', 'conifer', 'poplar'] as const);
  const leaf = shade(r.pick([p.groundDark, p.ground, '#4f772d', '#6a994e']), r.range(-0.15, 0.1));
  const trunk = '#7f5539';
  const tw = size * 0.12;
  if (k === 'conifer') {
    return (
      rect(x - tw / 2, groundY - size * 0.3, tw, size * 0.3, trunk) +
      poly([[x, groundY - size * 1.35], [x - size * 0.42, groundY - size * 0.25], [x + size * 0.42, groundY - size * 0.25]], leaf) +
      poly([[x, groundY - size * 1.35], [x + size * 0.42, groundY - size * 0.25], [x, groundY - size * 0.25]], shade(leaf, -0.12))
    );
  }
  if (k === 'poplar') {
    return (
      rect(x - tw / 2, groundY - size * 0.35, tw, size * 0.35, trunk) +
      ellipse(x, groundY - size * 0.85, size * 0.22, size * 0.62, leaf) +
      ellipse(x + size * 0.07, groundY - size * 0.8, size * 0.12, size * 0.5, shade(leaf, -0.12))
    );
  }
  return (
    rect(x - tw / 2, groundY - size * 0.55, tw, size * 0.55, trunk) +
    circle(x, groundY - size * 0.8, size * 0.42, leaf) +
    circle(x - size * 0.25, groundY - size * 0.62, size * 0.28, leaf) +
    circle(x + size * 0.27, groundY - size * 0.66, size * 0.3, shade(leaf, -0.1)) +
    circle(x + size * 0.1, groundY - size * 0.95, size * 0.22, shade(leaf, 0.12), ' opacity="0.8"')
  );
}

function skinTone(r: Rng): string {
  return r.pick(['#f1c27d', '#e0ac69', '#c68642', '#8d5524', '#ffdbac', '#f6d1b1', '#a86b3c']);
}

function hairColour(r: Rng): string {
  return r.pick(['#2b1b10', '#4a2c1a', '#6f4e37', '#a0522d', '#d9b46a', '#9e9e9e', '#1c1c1c']);
}

/** A small figure (head and shoulders), seen from the front or, in a crowd, from behind. */
function person(c: Ctx, x: number, baseY: number, s: number, shirt: string, fromBehind = false): string {
  const skin = skinTone(c.r);
  const hair = hairColour(c.r);
  const hy = baseY - s * 1.0;
  const hr = s * 0.27;
  let out = rect(x - s * 0.42, baseY - s * 0.75, s * 0.84, s * 0.85, shirt, s * 0.3);
  out += rect(x - s * 0.09, hy + hr * 0.6, s * 0.18, s * 0.2, shade(skin, -0.12));
  if (fromBehind) {
    out += circle(x - hr * 0.98, hy + hr * 0.1, hr * 0.2, skin);
    out += circle(x + hr * 0.98, hy + hr * 0.1, hr * 0.2, skin);
    out += circle(x, hy, hr, hair);
    if (c.r.chance(0.3)) out += circle(x, hy - hr * 0.95, hr * 0.4, hair);
    return out;
  }
  out += circle(x, hy, hr, skin);
  out += path(
    `M${n(x - hr * 1.05)} ${n(hy + hr * 0.1)} A${n(hr * 1.05)} ${n(hr * 1.05)} 0 0 1 ${n(x + hr * 1.05)} ${n(hy + hr * 0.1)} ` +
      `Q${n(x)} ${n(hy - hr * 0.55)} ${n(x - hr * 1.05)} ${n(hy + hr * 0.1)} Z`,
    hair,
  );
  return out;
}

// ---------------------------------------------------------------------------------------
// Scenes

type Scene = (c: Ctx) => string;

const townhall: Scene = (c) => {
  const { W, H, r, p } = c;
  const horizon = H * 0.7;
  let s = sky(c) + sun(c, W * r.range(0.08, 0.92), H * r.range(0.1, 0.25), Math.min(W, H) * 0.06);
  s += clouds(c, r.int(2, 4), H * 0.3);
  s += hills(c, horizon - H * 0.05, H * 0.08, shade(p.groundDark, 0.35), 5);

  // Neighbouring houses behind and beside the town hall.
  const houseCount = r.int(5, 8);
  for (let i = 0; i < houseCount; i++) {
    const hw = W * r.range(0.07, 0.11);
    const hx = (i / houseCount) * W + r.range(-0.02, 0.02) * W;
    const hh = H * r.range(0.14, 0.24);
    const wall = shade(r.pick(p.accents), 0.45);
    s += rect(hx, horizon - hh, hw, hh + H * 0.02, wall);
    s += poly([[hx - hw * 0.05, horizon - hh], [hx + hw / 2, horizon - hh - hw * 0.45], [hx + hw * 1.05, horizon - hh]], shade(p.roof, r.range(-0.1, 0.2)));
    for (let row = 0; row < 2; row++) {
      for (let col = 0; col < 2; col++) {
        s += rect(hx + hw * (0.18 + col * 0.4), horizon - hh + hh * (0.18 + row * 0.35), hw * 0.22, hh * 0.2, shade(p.ink, 0.55));
      }
    }
  }

  s += rect(0, horizon, W, H - horizon, p.ground);
  // Market square in front.
  s += poly([[W * 0.22, horizon + H * 0.03], [W * 0.78, horizon + H * 0.03], [W * 0.98, H], [W * 0.02, H]], shade(p.wall, -0.08));
  for (let i = 1; i < 6; i++) {
    const y = horizon + H * 0.03 + (H - horizon) * (i / 6) ** 1.4;
    s += line(0, y, W, y, shade(p.wall, -0.16), Math.max(1, H * 0.002), ' opacity="0.6"');
  }

  // The town hall.
  const cx = W * r.range(0.44, 0.56);
  const bw = W * r.range(0.38, 0.46);
  const bh = H * r.range(0.26, 0.32);
  const base = horizon + H * 0.04;
  const left = cx - bw / 2;
  const top = base - bh;
  const wall = p.wall;
  s += rect(left + bw * 0.02, base - H * 0.01, bw, H * 0.02, shade(p.ink, 0.4), 0, ' opacity="0.35"');
  s += rect(left, top, bw, bh, wall);
  s += rect(left, top, bw, bh * 0.08, shade(wall, -0.1));
  s += poly([[left - bw * 0.02, top], [left + bw * 0.08, top - bh * 0.22], [left + bw * 0.92, top - bh * 0.22], [left + bw * 1.02, top]], p.roof);
  // Tower.
  const tw = bw * 0.16;
  const th = bh * r.range(0.55, 0.8);
  const tTop = top - bh * 0.22 - th;
  s += rect(cx - tw / 2, tTop, tw, th + bh * 0.22, shade(wall, -0.05));
  s += poly([[cx - tw * 0.62, tTop], [cx, tTop - tw * r.range(0.9, 1.5)], [cx + tw * 0.62, tTop]], shade(p.roof, -0.15));
  const clockY = tTop + th * 0.35;
  s += circle(cx, clockY, tw * 0.32, '#ffffff', ` stroke="${p.ink}" stroke-width="${n(tw * 0.04)}"`);
  const hour = r.range(0, Math.PI * 2);
  s += line(cx, clockY, cx + Math.sin(hour) * tw * 0.16, clockY - Math.cos(hour) * tw * 0.16, p.ink, tw * 0.04);
  s += line(cx, clockY, cx + Math.sin(hour * 12) * tw * 0.24, clockY - Math.cos(hour * 12) * tw * 0.24, p.ink, tw * 0.03);
  // Flag.
  const poleTop = tTop - tw * 1.6;
  s += line(cx, tTop - tw * 0.8, cx, poleTop, p.ink, Math.max(1.5, W * 0.002));
  s += poly([[cx, poleTop], [cx + tw * 0.55, poleTop + tw * 0.15], [cx, poleTop + tw * 0.3]], r.pick(p.accents));
  // Windows with arches.
  const cols = r.int(6, 9);
  const rows = 2;
  const ww = (bw * 0.8) / cols;
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const wx = left + bw * 0.1 + col * ww + ww * 0.22;
      const wy = top + bh * (0.18 + row * 0.36);
      if (row === 1 && Math.abs(wx + ww * 0.28 - cx) < ww * 0.7) continue;
      s += rect(wx, wy, ww * 0.56, bh * 0.24, shade(p.skyTop, -0.25), ww * 0.28);
      s += rect(wx + ww * 0.26, wy + bh * 0.02, ww * 0.04, bh * 0.21, wall, 0, ' opacity="0.7"');
    }
  }
  // Door and steps.
  s += rect(cx - bw * 0.05, base - bh * 0.38, bw * 0.1, bh * 0.38, shade(p.roof, -0.3), bw * 0.05);
  for (let i = 0; i < 3; i++) {
    s += rect(cx - bw * (0.09 + i * 0.025), base + i * H * 0.008, bw * (0.18 + i * 0.05), H * 0.008, shade(wall, -0.15 - i * 0.05));
  }
  // Trees on both sides.
  const treeSize = H * 0.16;
  for (const tx of [left - W * 0.06, left - W * 0.14, left + bw + W * 0.06, left + bw + W * 0.14]) {
    if (r.chance(0.85)) s += tree(c, tx + r.range(-0.02, 0.02) * W, base + H * r.range(0.04, 0.1), treeSize * r.range(0.85, 1.2), 'round');
  }
  return s;
};

const festival: Scene = (c) => {
  const { W, H, r, p } = c;
  const horizon = H * 0.74;
  let s = sky(c);
  for (let i = 0; i < 60; i++) {
    s += circle(r.range(0, W), r.range(0, H * 0.45), Math.min(W, H) * r.range(0.0015, 0.004), '#ffffff', ` opacity="${n(r.range(0.3, 0.9))}"`);
  }
  s += circle(W * r.range(0.1, 0.9), H * r.range(0.1, 0.2), Math.min(W, H) * 0.05, p.sun, ' opacity="0.9"');
  s += hills(c, horizon - H * 0.06, H * 0.06, shade(p.groundDark, -0.2), 4);

  // Ferris wheel.
  const left = r.chance(0.5);
  const fx = left ? W * r.range(0.12, 0.22) : W * r.range(0.78, 0.88);
  const fr = H * r.range(0.26, 0.32);
  const fy = horizon - fr - H * 0.05;
  s += poly([[fx, fy], [fx - fr * 0.45, horizon + H * 0.02], [fx - fr * 0.35, horizon + H * 0.02]], shade(p.ink, 0.3));
  s += poly([[fx, fy], [fx + fr * 0.45, horizon + H * 0.02], [fx + fr * 0.35, horizon + H * 0.02]], shade(p.ink, 0.3));
  s += circle(fx, fy, fr, 'none', ` stroke="${p.accents[3] ?? '#ffffff'}" stroke-width="${n(fr * 0.025)}"`);
  s += circle(fx, fy, fr * 0.92, 'none', ` stroke="${shade(p.ink, 0.5)}" stroke-width="${n(fr * 0.012)}"`);
  const spokes = 12;
  const turn = r.range(0, Math.PI);
  for (let i = 0; i < spokes; i++) {
    const a = turn + (i / spokes) * Math.PI * 2;
    const gx = fx + Math.cos(a) * fr;
    const gy = fy + Math.sin(a) * fr;
    s += line(fx, fy, gx, gy, shade(p.ink, 0.5), fr * 0.01);
    s += rect(gx - fr * 0.07, gy, fr * 0.14, fr * 0.12, p.accents[i % p.accents.length] ?? '#ffffff', fr * 0.03);
    s += circle(gx, gy, fr * 0.025, '#fff6d5');
  }
  s += circle(fx, fy, fr * 0.06, p.accents[0] ?? '#ffffff');

  // Stage tent.
  const sx = left ? W * r.range(0.5, 0.62) : W * r.range(0.38, 0.5);
  const sw = W * r.range(0.3, 0.38);
  const sh = H * 0.22;
  const sBase = horizon + H * 0.02;
  const tentTop = sBase - sh - H * 0.14;
  const stripeA = r.pick(p.accents);
  const stripeB = p.wall;
  const stripes = 8;
  for (let i = 0; i < stripes; i++) {
    const x0 = sx - sw / 2 + (sw / stripes) * i;
    const x1 = x0 + sw / stripes;
    s += poly([[sx, tentTop], [x0, sBase - sh], [x1, sBase - sh]], i % 2 === 0 ? stripeA : stripeB);
  }
  s += rect(sx - sw / 2, sBase - sh, sw, sh, shade(p.ink, 0.15));
  s += rect(sx - sw * 0.44, sBase - sh * 0.92, sw * 0.88, sh * 0.8, radial(c, shade(p.sun, 0.2), shade(p.ink, 0.2), 1, 1));
  for (let i = 0; i < 10; i++) {
    const sx0 = sx - sw / 2 + (sw / 10) * (i + 0.5);
    s += path(
      `M${n(sx0 - sw / 20)} ${n(sBase - sh)} Q${n(sx0)} ${n(sBase - sh + sh * 0.12)} ${n(sx0 + sw / 20)} ${n(sBase - sh)} Z`,
      i % 2 === 0 ? stripeA : stripeB,
    );
  }
  // Musicians as small silhouettes on stage.
  for (let i = 0; i < r.int(2, 4); i++) {
    s += person(c, sx - sw * 0.3 + i * sw * 0.2 + r.range(-0.02, 0.02) * W, sBase - sh * 0.12, sh * 0.3, shade(p.ink, 0.1));
  }
  s += poly([[sx, tentTop - H * 0.05], [sx + W * 0.03, tentTop - H * 0.035], [sx, tentTop - H * 0.02]], r.pick(p.accents));
  s += line(sx, tentTop, sx, tentTop - H * 0.05, p.ink, Math.max(1.5, W * 0.002));

  s += rect(0, horizon, W, H - horizon, p.groundDark);

  // Bunting and light bulbs on sagging strings.
  for (let k = 0; k < 2; k++) {
    const y0 = H * (0.08 + k * 0.12) + r.range(0, H * 0.05);
    const a: [number, number] = [-W * 0.02, y0];
    const b: [number, number] = [W * 1.02, y0 + r.range(-0.05, 0.05) * H];
    const ctrl: [number, number] = [W / 2, y0 + H * r.range(0.15, 0.25)];
    s += `<path d="M${n(a[0])} ${n(a[1])} Q${n(ctrl[0])} ${n(ctrl[1])} ${n(b[0])} ${n(b[1])}" fill="none" stroke="${shade(p.ink, 0.4)}" stroke-width="${n(Math.max(1, H * 0.003))}"/>`;
    const count = 22;
    for (let i = 1; i < count; i++) {
      const [x, y] = quad(i / count, a, ctrl, b);
      const fw = W * 0.012;
      if (k === 0) {
        s += poly([[x - fw, y], [x + fw, y], [x, y + fw * 2.1]], p.accents[i % p.accents.length] ?? '#ffffff');
      } else {
        s += circle(x, y + fw * 0.6, fw * 2.2, radial(c, '#fff2b3', '#fff2b3', 0.6, 0));
        s += circle(x, y + fw * 0.6, fw * 0.5, '#fff6cc');
      }
    }
  }

  // Crowd in the foreground, three rows.
  for (let row = 0; row < 3; row++) {
    const size = H * (0.11 + row * 0.03);
    const baseY = horizon + H * (0.1 + row * 0.09);
    const count = Math.ceil(W / (size * 0.8));
    for (let i = 0; i < count; i++) {
      const x = (i + r.range(-0.3, 0.3) + (row % 2) * 0.5) * size * 0.8;
      s += person(c, x, baseY + r.range(-0.02, 0.02) * H, size, shade(r.pick(p.accents), -0.25 - row * 0.12), true);
    }
  }
  return s;
};

const budgetChart: Scene = (c) => {
  const { W, H, r, p } = c;
  let s = rect(0, 0, W, H, linear(c, [shade(p.skyBottom, 0.3), shade(p.skyTop, 0.25)], 1, 1));
  const grid = Math.min(W, H) / 14;
  for (let x = grid; x < W; x += grid) s += line(x, 0, x, H, '#ffffff', 1, ' opacity="0.5"');
  for (let y = grid; y < H; y += grid) s += line(0, y, W, y, '#ffffff', 1, ' opacity="0.5"');

  // Card with a bar chart and a trend line.
  const cx = W * 0.07;
  const cy = H * 0.14;
  const cw = W * 0.5;
  const ch = H * 0.72;
  s += rect(cx + W * 0.008, cy + H * 0.014, cw, ch, p.ink, W * 0.015, ' opacity="0.12"');
  s += rect(cx, cy, cw, ch, '#ffffff', W * 0.015);
  s += rect(cx + cw * 0.08, cy + ch * 0.08, cw * 0.3, ch * 0.04, shade(p.ink, 0.75), ch * 0.02);
  s += rect(cx + cw * 0.08, cy + ch * 0.15, cw * 0.18, ch * 0.03, shade(p.ink, 0.85), ch * 0.015);
  const bars = r.int(5, 7);
  const chartL = cx + cw * 0.08;
  const chartR = cx + cw * 0.92;
  const chartB = cy + ch * 0.88;
  const chartT = cy + ch * 0.28;
  for (let i = 0; i <= 4; i++) {
    const y = chartB - ((chartB - chartT) * i) / 4;
    s += line(chartL, y, chartR, y, shade(p.ink, 0.88), Math.max(1, H * 0.002));
  }
  const slot = (chartR - chartL) / bars;
  const colour = r.pick(p.accents);
  const highlight = r.int(0, bars - 1);
  const pts: [number, number][] = [];
  let level = r.range(0.35, 0.6);
  for (let i = 0; i < bars; i++) {
    level = Math.min(0.95, Math.max(0.2, level + r.range(-0.18, 0.22)));
    const bh = (chartB - chartT) * level;
    const bx = chartL + slot * i + slot * 0.2;
    s += rect(bx, chartB - bh, slot * 0.6, bh, i === highlight ? shade(colour, -0.2) : shade(colour, 0.25), slot * 0.08);
    pts.push([bx + slot * 0.3, chartB - bh - (chartB - chartT) * r.range(0.05, 0.14)]);
  }
  const trend = p.accents.find((a) => a !== colour) ?? p.ink;
  s += `<polyline points="${pts.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="none" stroke="${trend}" stroke-width="${n(H * 0.007)}" stroke-linejoin="round" stroke-linecap="round"/>`;
  for (const [x, y] of pts) s += circle(x, y, H * 0.011, '#ffffff', ` stroke="${trend}" stroke-width="${n(H * 0.005)}"`);

  // Donut chart.
  const dx = W * 0.78;
  const dy = H * 0.36;
  const ro = Math.min(W * 0.15, H * 0.24);
  const ri = ro * 0.58;
  let values = Array.from({ length: r.int(3, 5) }, () => r.range(0.5, 2));
  const total = values.reduce((a, b) => a + b, 0);
  values = values.map((v) => v / total);
  let angle = -Math.PI / 2;
  s += circle(dx + W * 0.006, dy + H * 0.012, ro, p.ink, ' opacity="0.1"');
  values.forEach((v, i) => {
    const a0 = angle;
    const a1 = angle + v * Math.PI * 2;
    angle = a1;
    const large = a1 - a0 > Math.PI ? 1 : 0;
    const pt = (rad: number, a: number): string => `${n(dx + Math.cos(a) * rad)} ${n(dy + Math.sin(a) * rad)}`;
    s += path(
      `M${pt(ro, a0)} A${n(ro)} ${n(ro)} 0 ${large} 1 ${pt(ro, a1)} L${pt(ri, a1)} A${n(ri)} ${n(ri)} 0 ${large} 0 ${pt(ri, a0)} Z`,
      p.accents[(i + 1) % p.accents.length] ?? p.ink,
      ` stroke="#ffffff" stroke-width="${n(ro * 0.025)}"`,
    );
  });
  s += circle(dx, dy, ri * 0.9, '#ffffff');
  s += rect(dx - ri * 0.45, dy - ri * 0.12, ri * 0.9, ri * 0.24, shade(p.ink, 0.8), ri * 0.12);

  // Stacks of coins.
  const coin = '#f2c14e';
  const stacks = r.int(3, 4);
  for (let k = 0; k < stacks; k++) {
    const sx = W * 0.66 + k * W * 0.075 + r.range(-0.01, 0.01) * W;
    const height = r.int(4, 10);
    const cw2 = W * 0.03;
    const chh = H * 0.018;
    const baseY = H * 0.9;
    for (let i = 0; i < height; i++) {
      const y = baseY - i * chh;
      s += rect(sx - cw2, y - chh / 2, cw2 * 2, chh, shade(coin, -0.25));
      s += ellipse(sx, y - chh / 2, cw2, chh * 0.55, i === height - 1 ? coin : shade(coin, -0.1));
    }
    s += ellipse(sx, baseY + chh / 2, cw2, chh * 0.55, shade(coin, -0.25));
  }
  return s;
};

const tram: Scene = (c) => {
  const { W, H, r, p } = c;
  const street = H * 0.68;
  let s = sky(c) + sun(c, W * r.range(0.1, 0.9), H * r.range(0.08, 0.2), Math.min(W, H) * 0.05);
  s += clouds(c, r.int(1, 3), H * 0.25);
  // Skyline.
  let x = -W * 0.02;
  while (x < W) {
    const bw = W * r.range(0.06, 0.12);
    const bh = H * r.range(0.22, 0.45);
    const facade = shade(r.pick(p.accents), r.range(0.25, 0.55));
    s += rect(x, street - bh, bw, bh, facade);
    if (r.chance(0.4)) s += poly([[x, street - bh], [x + bw / 2, street - bh - bw * 0.35], [x + bw, street - bh]], shade(p.roof, 0.1));
    const cols = Math.max(2, Math.floor(bw / (W * 0.022)));
    const rows = Math.floor(bh / (H * 0.07));
    for (let row = 0; row < rows; row++) {
      for (let col = 0; col < cols; col++) {
        const wx = x + (bw / cols) * (col + 0.25);
        const wy = street - bh + H * 0.03 + row * H * 0.07;
        if (wy > street - H * 0.06) continue;
        s += rect(wx, wy, (bw / cols) * 0.5, H * 0.035, shade(facade, -0.3), 0, ' opacity="0.8"');
      }
    }
    x += bw + W * r.range(0, 0.01);
  }
  // Road, pavement and rails.
  s += rect(0, street, W, H - street, '#9a9a9a');
  s += rect(0, street, W, H * 0.035, shade(p.wall, -0.1));
  const railY1 = H * 0.86;
  const railY2 = H * 0.93;
  for (let i = 0; i < 40; i++) s += rect((i / 40) * W, railY1 - H * 0.005, W * 0.012, railY2 - railY1 + H * 0.015, '#7a6f66');
  s += line(0, railY1, W, railY1, '#5c5c5c', H * 0.008);
  s += line(0, railY2, W, railY2, '#5c5c5c', H * 0.008);
  // Overhead wire and masts.
  const wireY = H * 0.16;
  s += line(0, wireY, W, wireY, p.ink, Math.max(1.2, H * 0.002));
  for (const mx of [W * 0.08, W * 0.92]) {
    s += rect(mx - W * 0.004, wireY - H * 0.03, W * 0.008, street + H * 0.035 - wireY + H * 0.03, shade(p.ink, 0.2));
    s += line(mx, wireY - H * 0.02, mx + (mx < W / 2 ? W * 0.06 : -W * 0.06), wireY, shade(p.ink, 0.2), Math.max(1, H * 0.003));
  }
  // The tram: two or three sections.
  const body = r.pick(['#e63946', '#ffb703', '#2a9d8f', '#3d5a80', '#e76f51']);
  const sections = r.int(2, 3);
  const tl = W * r.range(0.68, 0.8);
  const tx = (W - tl) / 2 + r.range(-0.06, 0.06) * W;
  const tTop = H * 0.42;
  const tBot = H * 0.85;
  const th = tBot - tTop;
  const secW = tl / sections;
  for (let i = 0; i < sections; i++) {
    const sx = tx + i * secW + (i > 0 ? W * 0.006 : 0);
    const sw = secW - (i > 0 ? W * 0.006 : 0);
    const first = i === 0;
    const last = i === sections - 1;
    s += rect(sx, tTop, sw, th, body, first || last ? th * 0.12 : th * 0.03);
    s += rect(sx, tTop + th * 0.72, sw, th * 0.08, p.wall);
    s += rect(sx, tTop, sw, th * 0.08, shade(body, -0.15), th * 0.03);
    // Windows.
    const wins = 3;
    for (let k = 0; k < wins; k++) {
      const wx = sx + sw * (0.06 + k * 0.31);
      s += rect(wx, tTop + th * 0.16, sw * 0.25, th * 0.32, shade(p.skyTop, -0.35), th * 0.03);
      s += rect(wx + sw * 0.02, tTop + th * 0.18, sw * 0.05, th * 0.25, '#ffffff', 0, ' opacity="0.3"');
    }
    // Door.
    const doorX = sx + sw * (0.43 + (i % 2 === 0 ? -0.08 : 0.08));
    s += rect(doorX, tTop + th * 0.16, sw * 0.14, th * 0.7, shade(body, -0.3), th * 0.02);
    s += line(doorX + sw * 0.07, tTop + th * 0.16, doorX + sw * 0.07, tTop + th * 0.86, shade(body, -0.5), Math.max(1, W * 0.0015));
    // Bogies.
    for (const bx of [sx + sw * 0.2, sx + sw * 0.8]) {
      s += circle(bx - sw * 0.05, tBot + H * 0.005, th * 0.06, '#333333');
      s += circle(bx + sw * 0.05, tBot + H * 0.005, th * 0.06, '#333333');
    }
    if (i === Math.floor(sections / 2)) {
      // Pantograph up to the wire.
      const px = sx + sw / 2;
      s += poly([[px - sw * 0.12, tTop], [px + sw * 0.12, tTop], [px + sw * 0.08, tTop - th * 0.04], [px - sw * 0.08, tTop - th * 0.04]], '#444444');
      s += `<polyline points="${n(px - sw * 0.06)},${n(tTop - th * 0.04)} ${n(px + sw * 0.06)},${n((tTop + wireY) / 2)} ${n(px - sw * 0.04)},${n(wireY + H * 0.006)}" fill="none" stroke="#333333" stroke-width="${n(Math.max(1.5, H * 0.005))}"/>`;
      s += line(px - sw * 0.1, wireY + H * 0.006, px + sw * 0.05, wireY + H * 0.006, '#333333', H * 0.006);
    }
  }
  // Headlights.
  s += circle(tx + W * 0.012, tTop + th * 0.62, th * 0.035, '#fff3b0');
  s += circle(tx + tl - W * 0.012, tTop + th * 0.62, th * 0.035, '#fff3b0');
  // Street trees in front of the pavement.
  for (const tx2 of [W * r.range(0.02, 0.06), W * r.range(0.94, 0.98)]) s += tree(c, tx2, street + H * 0.03, H * 0.28, 'round');
  return s;
};

const library: Scene = (c) => {
  const { W, H, r, p } = c;
  const floor = H * 0.8;
  const wallCol = shade(p.wall, -0.04);
  let s = rect(0, 0, W, floor, linear(c, [shade(wallCol, 0.2), wallCol]));
  s += rect(0, floor, W, H - floor, linear(c, ['#b08968', '#7f5539']));
  for (let i = 0; i < 12; i++) s += line((i / 12) * W, floor, (i / 12) * W - W * 0.05, H, '#6f4518', Math.max(1, W * 0.001), ' opacity="0.4"');

  // Tall arched window in the middle.
  const wx = W * r.range(0.42, 0.5);
  const ww = W * 0.14;
  const wTop = H * 0.1;
  const wh = H * 0.55;
  s += rect(wx - W * 0.008, wTop - W * 0.008, ww + W * 0.016, wh + W * 0.016, shade(wallCol, -0.2), ww / 2 + W * 0.008);
  s += rect(wx, wTop, ww, wh, linear(c, [p.skyTop, p.skyBottom]), ww / 2);
  s += circle(wx + ww * 0.7, wTop + wh * 0.35, ww * 0.12, p.sun, ' opacity="0.9"');
  s += tree(c, wx + ww * 0.3, wTop + wh, wh * 0.45, 'round');
  s += line(wx + ww / 2, wTop, wx + ww / 2, wTop + wh, shade(wallCol, -0.2), W * 0.005);
  s += line(wx, wTop + wh * 0.55, wx + ww, wTop + wh * 0.55, shade(wallCol, -0.2), W * 0.005);
  // Light falling in.
  s += poly([[wx, wTop + wh], [wx + ww, wTop + wh], [wx + ww * 1.6, H], [wx - ww * 0.1, H]], '#fff8e1', ' opacity="0.25"');

  // Bookshelves.
  const shelves: [number, number][] = [
    [W * 0.03, W * 0.34],
    [W * 0.66, W * 0.97],
  ];
  const wood = shade('#8b5e34', r.range(-0.1, 0.1));
  for (const [x0, x1] of shelves) {
    const top = H * 0.08;
    s += rect(x0, top, x1 - x0, floor - top, wood);
    s += rect(x0 + W * 0.01, top + H * 0.02, x1 - x0 - W * 0.02, floor - top - H * 0.02, shade(wood, -0.35));
    const rows = 5;
    const rowH = (floor - top - H * 0.02) / rows;
    for (let row = 0; row < rows; row++) {
      const shelfY = top + H * 0.02 + rowH * (row + 1);
      let bx = x0 + W * 0.012;
      while (bx < x1 - W * 0.03) {
        const bw = W * r.range(0.008, 0.018);
        const bh = rowH * r.range(0.62, 0.9);
        const col = shade(r.pick(p.accents), r.range(-0.3, 0.15));
        if (r.chance(0.06) && bx + bh < x1 - W * 0.015) {
          // A book lying flat.
          s += rect(bx, shelfY - H * 0.03, bh, H * 0.028, col);
          bx += bh + W * 0.002;
          continue;
        }
        if (r.chance(0.05)) {
          s += `<g transform="rotate(${n(r.range(8, 16))} ${n(bx)} ${n(shelfY)})">${rect(bx, shelfY - bh, bw, bh, col)}</g>`;
          bx += bw + W * 0.012;
          continue;
        }
        s += rect(bx, shelfY - bh, bw, bh, col);
        s += rect(bx + bw * 0.2, shelfY - bh * 0.82, bw * 0.6, bh * 0.06, shade(col, 0.35), 0, ' opacity="0.8"');
        bx += bw + W * 0.002;
      }
      s += rect(x0 + W * 0.008, shelfY, x1 - x0 - W * 0.016, H * 0.012, shade(wood, 0.1));
    }
  }

  // Reading table with a lamp, an open book and a plant.
  const tableY = H * 0.76;
  s += rect(W * 0.36, tableY, W * 0.3, H * 0.025, shade(wood, 0.15), H * 0.005);
  s += rect(W * 0.38, tableY, W * 0.012, floor - tableY + H * 0.1, shade(wood, -0.1));
  s += rect(W * 0.63, tableY, W * 0.012, floor - tableY + H * 0.1, shade(wood, -0.1));
  const lx = W * 0.42;
  s += line(lx, tableY, lx, tableY - H * 0.14, '#b08d57', W * 0.004);
  s += poly([[lx - W * 0.035, tableY - H * 0.12], [lx + W * 0.035, tableY - H * 0.12], [lx + W * 0.02, tableY - H * 0.17], [lx - W * 0.02, tableY - H * 0.17]], '#2d6a4f');
  s += ellipse(lx, tableY - H * 0.04, W * 0.06, H * 0.06, '#fff3b0', ' opacity="0.35"');
  const bookX = W * 0.52;
  s += poly([[bookX - W * 0.05, tableY - H * 0.005], [bookX, tableY - H * 0.012], [bookX, tableY - H * 0.045], [bookX - W * 0.045, tableY - H * 0.04]], '#ffffff');
  s += poly([[bookX + W * 0.05, tableY - H * 0.005], [bookX, tableY - H * 0.012], [bookX, tableY - H * 0.045], [bookX + W * 0.045, tableY - H * 0.04]], '#f3f0e8');
  const px = W * 0.6;
  s += poly([[px - W * 0.018, tableY], [px + W * 0.018, tableY], [px + W * 0.022, tableY - H * 0.05], [px - W * 0.022, tableY - H * 0.05]], p.roof);
  for (let i = 0; i < 6; i++) {
    const a = -70 + i * 28 + r.range(-6, 6);
    s += `<g transform="rotate(${n(a)} ${n(px)} ${n(tableY - H * 0.05)})">${ellipse(px, tableY - H * 0.1, W * 0.007, H * 0.05, i % 2 ? '#52b788' : '#40916c')}</g>`;
  }
  return s;
};

const river: Scene = (c) => {
  const { W, H, r, p } = c;
  const horizon = H * 0.5;
  let s = sky(c) + sun(c, W * r.range(0.15, 0.85), H * r.range(0.1, 0.22), Math.min(W, H) * 0.055);
  s += clouds(c, r.int(2, 4), H * 0.3);
  s += hills(c, horizon - H * 0.04, H * 0.12, shade(p.groundDark, 0.4), 3);
  s += hills(c, horizon, H * 0.07, shade(p.groundDark, 0.15), 5);
  s += rect(0, horizon, W, H - horizon, linear(c, [p.ground, shade(p.ground, -0.12)]));
  // The winding river, narrow at the horizon and wide in front.
  const mx = W * r.range(0.4, 0.6);
  const bend = W * r.range(0.12, 0.22) * (r.chance(0.5) ? 1 : -1);
  const water = linear(c, [r.pick(['#8ecae6', '#90c2e7', '#a2d2ff']), r.pick(['#3f7cac', '#457b9d', '#4a7fb5'])]);
  const d =
    `M${n(mx - W * 0.02)} ${n(horizon)} ` +
    `C${n(mx - W * 0.02 + bend)} ${n(horizon + H * 0.15)} ${n(mx - W * 0.25 - bend)} ${n(horizon + H * 0.3)} ${n(mx - W * 0.32)} ${n(H)} ` +
    `L${n(mx + W * 0.3)} ${n(H)} ` +
    `C${n(mx + W * 0.18 - bend)} ${n(horizon + H * 0.3)} ${n(mx + W * 0.02 + bend)} ${n(horizon + H * 0.15)} ${n(mx + W * 0.02)} ${n(horizon)} Z`;
  s += path(d, water);
  for (let i = 0; i < 18; i++) {
    const y = r.range(horizon + H * 0.05, H * 0.98);
    const t = (y - horizon) / (H - horizon);
    const x = mx + bend * Math.sin(t * Math.PI) * 0.6 + r.range(-0.12, 0.12) * W * t;
    const len = W * 0.02 * (0.5 + t * 2);
    s += line(x - len, y, x + len, y, '#ffffff', Math.max(1, H * 0.004 * (0.5 + t)), ' opacity="0.45"');
  }
  // Footbridge.
  const by = horizon + H * r.range(0.1, 0.14);
  const bx0 = mx - W * 0.2;
  const bx1 = mx + W * 0.2;
  const deck = shade(p.roof, 0.1);
  s += `<path d="M${n(bx0)} ${n(by)} Q${n(mx)} ${n(by - H * 0.08)} ${n(bx1)} ${n(by)}" fill="none" stroke="${deck}" stroke-width="${n(H * 0.018)}"/>`;
  s += `<path d="M${n(bx0)} ${n(by - H * 0.04)} Q${n(mx)} ${n(by - H * 0.12)} ${n(bx1)} ${n(by - H * 0.04)}" fill="none" stroke="${deck}" stroke-width="${n(H * 0.005)}"/>`;
  for (let i = 0; i <= 12; i++) {
    const [x, y] = quad(i / 12, [bx0, by], [mx, by - H * 0.08], [bx1, by]);
    s += line(x, y, x, y - H * 0.04, deck, H * 0.004);
  }
  // Trees along the banks.
  for (let i = 0; i < r.int(5, 8); i++) {
    const side = i % 2 === 0 ? -1 : 1;
    const tx = mx + side * W * r.range(0.18, 0.45);
    const ty = horizon + H * r.range(0.03, 0.2);
    s += tree(c, tx, ty, H * r.range(0.12, 0.22));
  }
  // Reeds in the foreground.
  for (let i = 0; i < 40; i++) {
    const side = r.chance(0.5);
    const rx = side ? r.range(0, W * 0.18) : r.range(W * 0.84, W);
    const ry = H * r.range(0.9, 1.02);
    const rh = H * r.range(0.06, 0.16);
    s += line(rx, ry, rx + r.range(-0.01, 0.01) * W, ry - rh, shade(p.groundDark, -0.1), Math.max(1.2, W * 0.0025));
    if (r.chance(0.4)) s += ellipse(rx, ry - rh, W * 0.003, H * 0.02, '#7f5539');
  }
  // Birds.
  for (let i = 0; i < r.int(2, 5); i++) {
    const bx = W * r.range(0.1, 0.9);
    const byy = H * r.range(0.08, 0.3);
    const bs = W * r.range(0.008, 0.014);
    s += `<path d="M${n(bx - bs)} ${n(byy)} Q${n(bx - bs / 2)} ${n(byy - bs * 0.6)} ${n(bx)} ${n(byy)} Q${n(bx + bs / 2)} ${n(byy - bs * 0.6)} ${n(bx + bs)} ${n(byy)}" fill="none" stroke="${p.ink}" stroke-width="${n(Math.max(1, W * 0.0015))}"/>`;
  }
  return s;
};

const portrait: Scene = (c) => {
  const { W, H, r, p } = c;
  const u = Math.min(W, H);
  const cx = W / 2;
  const bg = r.pick(p.accents);
  let s = rect(0, 0, W, H, radial(c, shade(bg, 0.45), shade(bg, 0.05)));
  s += circle(cx + u * r.range(-0.3, 0.3), H * r.range(0.15, 0.4), u * r.range(0.15, 0.3), '#ffffff', ' opacity="0.15"');
  const skin = skinTone(r);
  const hair = hairColour(r);
  const shirt = shade(r.pick(p.accents.filter((a) => a !== bg)), r.range(-0.35, 0));
  const headY = H * 0.42;
  const hr = u * 0.17;
  const style = r.pick(['short', 'long', 'bun', 'curly', 'side'] as const);
  // Hair behind the head.
  if (style === 'long') s += rect(cx - hr * 1.15, headY - hr * 0.9, hr * 2.3, hr * 2.6, hair, hr * 0.9);
  if (style === 'curly') {
    for (let i = 0; i < 14; i++) {
      const a = Math.PI + (i / 13) * Math.PI;
      s += circle(cx + Math.cos(a) * hr * 1.05, headY + Math.sin(a) * hr * 1.1 + hr * 0.15, hr * 0.38, hair);
    }
  }
  // Shoulders, collar, neck.
  const sy = H * 0.74;
  s += path(`M${n(cx - u * 0.4)} ${n(H)} C${n(cx - u * 0.4)} ${n(sy)} ${n(cx - u * 0.2)} ${n(sy - u * 0.05)} ${n(cx)} ${n(sy - u * 0.05)} C${n(cx + u * 0.2)} ${n(sy - u * 0.05)} ${n(cx + u * 0.4)} ${n(sy)} ${n(cx + u * 0.4)} ${n(H)} Z`, shirt);
  s += rect(cx - hr * 0.42, headY + hr * 0.6, hr * 0.84, sy - headY - hr * 0.5, shade(skin, -0.12));
  s += poly([[cx - hr * 0.55, sy - u * 0.045], [cx, sy + u * 0.07], [cx + hr * 0.55, sy - u * 0.045]], shade(skin, -0.12));
  if (r.chance(0.5)) {
    s += poly([[cx - hr * 0.6, sy - u * 0.05], [cx - hr * 0.05, sy + u * 0.08], [cx - hr * 0.75, sy + u * 0.03]], shade(shirt, 0.4));
    s += poly([[cx + hr * 0.6, sy - u * 0.05], [cx + hr * 0.05, sy + u * 0.08], [cx + hr * 0.75, sy + u * 0.03]], shade(shirt, 0.4));
  }
  // Head and ears.
  s += circle(cx - hr * 0.95, headY + hr * 0.1, hr * 0.2, shade(skin, -0.05));
  s += circle(cx + hr * 0.95, headY + hr * 0.1, hr * 0.2, shade(skin, -0.05));
  s += ellipse(cx, headY, hr * 0.95, hr * 1.1, skin);
  s += ellipse(cx - hr * 0.35, headY + hr * 0.35, hr * 0.18, hr * 0.1, '#e76f51', ' opacity="0.18"');
  s += ellipse(cx + hr * 0.35, headY + hr * 0.35, hr * 0.18, hr * 0.1, '#e76f51', ' opacity="0.18"');
  // Hair on top.
  const cap = `M${n(cx - hr * 1.0)} ${n(headY - hr * 0.05)} C${n(cx - hr * 1.05)} ${n(headY - hr * 1.5)} ${n(cx + hr * 1.05)} ${n(headY - hr * 1.5)} ${n(cx + hr * 1.0)} ${n(headY - hr * 0.05)} C${n(cx + hr * 0.6)} ${n(headY - hr * 0.7)} ${n(cx - hr * 0.6)} ${n(headY - hr * 0.7)} ${n(cx - hr * 1.0)} ${n(headY - hr * 0.05)} Z`;
  if (style === 'short' || style === 'long' || style === 'bun') s += path(cap, hair);
  if (style === 'bun') s += circle(cx, headY - hr * 1.25, hr * 0.42, hair);
  if (style === 'side') {
    s += path(
      `M${n(cx - hr * 1.0)} ${n(headY + hr * 0.1)} C${n(cx - hr * 1.1)} ${n(headY - hr * 1.6)} ${n(cx + hr * 1.2)} ${n(headY - hr * 1.4)} ${n(cx + hr * 1.0)} ${n(headY - hr * 0.1)} C${n(cx + hr * 0.3)} ${n(headY - hr * 0.9)} ${n(cx - hr * 0.3)} ${n(headY - hr * 0.5)} ${n(cx - hr * 0.8)} ${n(headY + hr * 0.4)} Z`,
      hair,
    );
  }
  if (style === 'curly') {
    for (let i = 0; i < 9; i++) {
      const a = Math.PI * 1.05 + (i / 8) * Math.PI * 0.9;
      s += circle(cx + Math.cos(a) * hr * 0.85, headY + Math.sin(a) * hr * 0.95, hr * 0.32, hair);
    }
  }
  if (r.chance(0.35)) {
    // Glasses.
    const gy = headY + hr * 0.05;
    const stroke = ` stroke="${p.ink}" stroke-width="${n(u * 0.008)}"`;
    s += circle(cx - hr * 0.38, gy, hr * 0.25, '#ffffff', `${stroke} fill-opacity="0.25"`);
    s += circle(cx + hr * 0.38, gy, hr * 0.25, '#ffffff', `${stroke} fill-opacity="0.25"`);
    s += line(cx - hr * 0.13, gy, cx + hr * 0.13, gy, p.ink, u * 0.008);
  }
  return s;
};

const school: Scene = (c) => {
  const { W, H, r, p } = c;
  const ground = H * 0.78;
  let s = sky(c) + sun(c, W * r.range(0.1, 0.9), H * r.range(0.08, 0.18), Math.min(W, H) * 0.05);
  s += clouds(c, r.int(2, 3), H * 0.25);
  // Crane behind the building.
  const craneX = W * r.range(0.6, 0.85);
  const craneTop = H * 0.1;
  const craneCol = '#f4a261';
  const mast = W * 0.018;
  s += rect(craneX - mast / 2, craneTop, mast, ground - craneTop, craneCol);
  for (let y = craneTop; y < ground; y += mast * 1.2) {
    s += line(craneX - mast / 2, y, craneX + mast / 2, y + mast * 1.2, shade(craneCol, -0.3), Math.max(1, W * 0.0015));
  }
  const jibL = craneX - W * 0.35;
  const jibR = craneX + W * 0.12;
  s += rect(jibL, craneTop, jibR - jibL, H * 0.02, craneCol);
  s += rect(jibR - W * 0.05, craneTop + H * 0.02, W * 0.04, H * 0.04, '#6c757d');
  s += poly([[craneX - mast, craneTop], [craneX + mast, craneTop], [craneX, craneTop - H * 0.06]], craneCol);
  const hookX = jibL + W * r.range(0.05, 0.2);
  const hookY = H * r.range(0.3, 0.4);
  s += line(hookX, craneTop + H * 0.02, hookX, hookY, '#333333', Math.max(1, W * 0.0012));
  s += rect(hookX - W * 0.03, hookY, W * 0.06, H * 0.02, '#8d99ae');

  // The school building.
  const bx = W * 0.08;
  const bw = W * 0.84;
  const bTop = H * 0.38;
  const wall = shade(r.pick(p.accents), 0.55);
  s += rect(bx, bTop, bw, ground - bTop, wall);
  s += rect(bx - W * 0.01, bTop - H * 0.02, bw + W * 0.02, H * 0.025, shade(wall, -0.3));
  // Solar panels on the roof.
  for (let i = 0; i < 8; i++) {
    const px = bx + bw * 0.05 + i * bw * 0.06;
    s += poly([[px, bTop - H * 0.02], [px + bw * 0.05, bTop - H * 0.02], [px + bw * 0.04, bTop - H * 0.065], [px - bw * 0.01, bTop - H * 0.065]], '#1d3557');
  }
  const cols = 12;
  const rows = 3;
  const cellW = bw / cols;
  const cellH = (ground - bTop) / (rows + 0.3);
  const entrance = r.int(4, 7);
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const x = bx + col * cellW + cellW * 0.15;
      const y = bTop + H * 0.03 + row * cellH;
      if (row === rows - 1 && col === entrance) {
        s += rect(bx + col * cellW + cellW * 0.1, y, cellW * 0.8, ground - y, shade(p.roof, -0.2));
        continue;
      }
      s += rect(x, y, cellW * 0.7, cellH * 0.6, shade(p.skyTop, -0.2));
      s += rect(x, y + cellH * 0.5, cellW * 0.7, cellH * 0.1, shade(wall, -0.15));
    }
  }
  // Scaffolding over part of the facade.
  const scL = bx + bw * r.range(0.5, 0.6);
  const scR = bx + bw * 1.01;
  const scTop = bTop - H * 0.06;
  s += rect(scL, scTop, scR - scL, ground - scTop, '#d9d9d9', 0, ' opacity="0.35"');
  const steel = '#6c757d';
  for (let x = scL; x <= scR + 1; x += (scR - scL) / 6) s += line(x, scTop, x, ground, steel, Math.max(1.5, W * 0.003));
  for (let y = scTop; y <= ground; y += (ground - scTop) / 4) {
    s += rect(scL, y - H * 0.006, scR - scL, H * 0.012, '#c9a227');
  }
  for (let i = 0; i < 6; i++) {
    const x = scL + ((scR - scL) / 6) * i;
    s += line(x, ground, x + (scR - scL) / 6, scTop + (ground - scTop) * 0.5, steel, Math.max(1, W * 0.0015), ' opacity="0.7"');
  }
  // Schoolyard and trees.
  s += rect(0, ground, W, H - ground, p.ground);
  s += rect(0, ground, W, H * 0.04, shade(p.wall, -0.15));
  for (let i = 0; i < 3; i++) s += tree(c, W * (0.04 + i * 0.46) + r.range(-0.02, 0.02) * W, H * 0.97, H * 0.22, 'round');
  // Fence.
  for (let x = 0; x < W; x += W * 0.015) s += line(x, H * 0.86, x, H * 0.93, '#ffffff', Math.max(1, W * 0.002), ' opacity="0.8"');
  s += line(0, H * 0.87, W, H * 0.87, '#ffffff', Math.max(1, W * 0.002), ' opacity="0.8"');
  return s;
};

const park: Scene = (c) => {
  const { W, H, r, p } = c;
  const ground = H * 0.66;
  let s = sky(c, shade(p.skyTop, -0.05), shade(p.sun, 0.5));
  s += sun(c, W * r.range(0.1, 0.9), H * r.range(0.1, 0.2), Math.min(W, H) * 0.08);
  // Buildings with a green roof and a green facade.
  const bx = W * r.range(0.55, 0.68);
  const bw = W * 0.26;
  const bTop = H * 0.28;
  s += rect(bx, bTop, bw, ground - bTop, shade(p.wall, -0.05));
  s += rect(bx - W * 0.005, bTop - H * 0.03, bw + W * 0.01, H * 0.035, '#52b788', H * 0.01);
  for (let i = 0; i < 14; i++) s += circle(bx + (bw / 13) * i, bTop - H * 0.03, H * r.range(0.01, 0.022), i % 2 ? '#40916c' : '#74c69d');
  for (let row = 0; row < 4; row++) {
    for (let col = 0; col < 4; col++) {
      s += rect(bx + bw * (0.08 + col * 0.23), bTop + H * (0.04 + row * 0.085), bw * 0.14, H * 0.05, shade(p.skyTop, -0.2));
    }
  }
  for (let i = 0; i < 18; i++) {
    s += ellipse(bx + r.range(0, bw * 0.2), bTop + r.range(0, ground - bTop), W * 0.01, H * 0.02, r.chance(0.5) ? '#2d6a4f' : '#52b788', ' opacity="0.95"');
  }
  s += rect(0, ground, W, H - ground, linear(c, [p.ground, shade(p.ground, -0.15)]));
  // Rain garden / swale with water.
  s += ellipse(W * 0.3, H * 0.86, W * 0.2, H * 0.05, shade(p.skyTop, -0.2), ' opacity="0.85"');
  s += ellipse(W * 0.28, H * 0.85, W * 0.08, H * 0.012, '#ffffff', ' opacity="0.4"');
  // Fountain.
  const fx = W * r.range(0.42, 0.5);
  const fy = H * 0.74;
  s += ellipse(fx, fy, W * 0.07, H * 0.03, shade(p.wall, -0.25));
  s += ellipse(fx, fy - H * 0.004, W * 0.06, H * 0.02, shade(p.skyTop, -0.1));
  for (let i = -3; i <= 3; i++) {
    s += `<path d="M${n(fx)} ${n(fy - H * 0.01)} Q${n(fx + i * W * 0.01)} ${n(fy - H * 0.16)} ${n(fx + i * W * 0.02)} ${n(fy - H * 0.01)}" fill="none" stroke="#caf0f8" stroke-width="${n(Math.max(1.2, W * 0.002))}" opacity="0.9"/>`;
  }
  // Shade sail over benches.
  const sx = W * r.range(0.08, 0.18);
  s += line(sx, H * 0.8, sx, H * 0.5, '#6c757d', W * 0.004);
  s += line(sx + W * 0.22, H * 0.8, sx + W * 0.22, H * 0.54, '#6c757d', W * 0.004);
  s += poly([[sx, H * 0.5], [sx + W * 0.22, H * 0.54], [sx + W * 0.15, H * 0.6]], r.pick(p.accents), ' opacity="0.9"');
  s += poly([[sx, H * 0.8], [sx + W * 0.22, H * 0.8], [sx + W * 0.12, H * 0.84]], '#000000', ' opacity="0.12"');
  s += rect(sx + W * 0.05, H * 0.76, W * 0.1, H * 0.015, '#8b5e34');
  s += rect(sx + W * 0.05, H * 0.72, W * 0.1, H * 0.012, '#8b5e34');
  s += rect(sx + W * 0.055, H * 0.76, W * 0.006, H * 0.04, '#555555');
  s += rect(sx + W * 0.14, H * 0.76, W * 0.006, H * 0.04, '#555555');
  // Trees.
  for (let i = 0; i < r.int(4, 6); i++) {
    s += tree(c, W * r.range(0.02, 0.98), ground + H * r.range(0.02, 0.3), H * r.range(0.2, 0.3), r.pick(['round', 'round', 'poplar'] as const));
  }
  return s;
};

const bakery: Scene = (c) => {
  const { W, H, r, p } = c;
  const street = H * 0.86;
  const wall = shade(r.pick(p.accents), 0.5);
  let s = rect(0, 0, W, street, linear(c, [shade(wall, 0.15), wall]));
  // Upper floor windows with flower boxes.
  for (let i = 0; i < 4; i++) {
    const x = W * (0.08 + i * 0.24);
    s += rect(x, H * 0.06, W * 0.12, H * 0.18, shade(p.skyTop, -0.25), W * 0.006);
    s += line(x + W * 0.06, H * 0.06, x + W * 0.06, H * 0.24, wall, W * 0.004);
    s += rect(x - W * 0.005, H * 0.24, W * 0.13, H * 0.03, '#8b5e34');
    for (let k = 0; k < 6; k++) s += circle(x + W * 0.01 + k * W * 0.022, H * 0.235, H * 0.015, k % 2 ? '#e63946' : '#ffb703');
  }
  // Awning with stripes and a scalloped edge.
  const aTop = H * 0.32;
  const aBot = H * 0.42;
  const stripeA = r.pick(p.accents);
  const stripes = 16;
  for (let i = 0; i < stripes; i++) {
    const x0 = W * 0.04 + (W * 0.92 * i) / stripes;
    const x1 = x0 + (W * 0.92) / stripes;
    s += poly([[x0 + W * 0.01, aTop], [x1 + W * 0.01, aTop], [x1, aBot], [x0, aBot]], i % 2 ? '#ffffff' : stripeA);
    s += circle((x0 + x1) / 2, aBot, (x1 - x0) / 2, i % 2 ? '#ffffff' : stripeA);
  }
  // Shop window with bread on shelves.
  const winL = W * 0.08;
  const winR = W * 0.62;
  const winTop = H * 0.48;
  const winBot = H * 0.8;
  s += rect(winL - W * 0.01, winTop - H * 0.015, winR - winL + W * 0.02, winBot - winTop + H * 0.03, shade(p.roof, -0.1));
  s += rect(winL, winTop, winR - winL, winBot - winTop, '#fff4dc');
  const crust = ['#c68642', '#a0522d', '#d4a373', '#bc6c25'];
  for (let shelf = 0; shelf < 2; shelf++) {
    const sy = winTop + (winBot - winTop) * (0.45 + shelf * 0.48);
    s += rect(winL, sy, winR - winL, H * 0.012, '#8b5e34');
    let x = winL + W * 0.02;
    while (x < winR - W * 0.06) {
      const kind = r.int(0, 2);
      const col = r.pick(crust);
      if (kind === 0) {
        // Round loaf with scores.
        const lw = W * r.range(0.035, 0.05);
        s += ellipse(x + lw, sy - H * 0.035, lw, H * 0.04, col);
        for (let k = -1; k <= 1; k++) s += line(x + lw + k * lw * 0.4 - lw * 0.12, sy - H * 0.055, x + lw + k * lw * 0.4 + lw * 0.12, sy - H * 0.035, shade(col, 0.35), Math.max(1, W * 0.002));
        x += lw * 2 + W * 0.01;
      } else if (kind === 1) {
        // Baguettes leaning.
        const bl = H * 0.2;
        s += `<g transform="rotate(${n(r.range(-25, -10))} ${n(x + W * 0.01)} ${n(sy)})">${rect(x, sy - bl, W * 0.016, bl, col, W * 0.008)}</g>`;
        x += W * 0.045;
      } else {
        // Rolls.
        for (let k = 0; k < 3; k++) s += circle(x + W * 0.014 + k * W * 0.026, sy - H * 0.022, H * 0.024, shade(col, 0.1));
        x += W * 0.09;
      }
    }
  }
  s += rect(winL, winTop, (winR - winL) * 0.25, winBot - winTop, '#ffffff', 0, ' opacity="0.15"');
  // Door.
  const doorL = W * 0.7;
  s += rect(doorL, H * 0.46, W * 0.16, street - H * 0.46, shade(p.roof, -0.2), W * 0.008);
  s += rect(doorL + W * 0.02, H * 0.49, W * 0.12, H * 0.16, '#fff4dc', W * 0.004);
  s += circle(doorL + W * 0.135, H * 0.68, W * 0.006, '#f2c14e');
  // A blank sign with a loaf pictogram.
  s += rect(W * 0.35, H * 0.275, W * 0.3, H * 0.04, shade(p.ink, 0.1), H * 0.01);
  s += ellipse(W * 0.5, H * 0.295, W * 0.025, H * 0.013, '#f2c14e');
  // Pavement, plants, a bicycle.
  s += rect(0, street, W, H - street, shade(p.wall, -0.2));
  for (const x of [W * 0.66, W * 0.92]) {
    s += poly([[x - W * 0.025, street], [x + W * 0.025, street], [x + W * 0.03, street - H * 0.07], [x - W * 0.03, street - H * 0.07]], '#b5523b');
    s += circle(x, street - H * 0.11, H * 0.055, '#52b788');
  }
  if (r.chance(0.7)) {
    const bx = W * r.range(0.2, 0.4);
    const wr = H * 0.055;
    const frame = r.pick(p.accents);
    const sw = Math.max(1.5, W * 0.003);
    s += circle(bx, H * 0.93, wr, 'none', ` stroke="${p.ink}" stroke-width="${n(sw)}"`);
    s += circle(bx + wr * 2.6, H * 0.93, wr, 'none', ` stroke="${p.ink}" stroke-width="${n(sw)}"`);
    s += `<polyline points="${n(bx)},${n(H * 0.93)} ${n(bx + wr)},${n(H * 0.86)} ${n(bx + wr * 2.1)},${n(H * 0.86)} ${n(bx + wr * 2.6)},${n(H * 0.93)} ${n(bx + wr * 1.3)},${n(H * 0.93)} ${n(bx + wr)},${n(H * 0.86)}" fill="none" stroke="${frame}" stroke-width="${n(sw * 1.4)}" stroke-linejoin="round"/>`;
    s += line(bx + wr * 2.1, H * 0.86, bx + wr * 2.2, H * 0.83, p.ink, sw);
    s += rect(bx + wr * 0.8, H * 0.84, wr * 0.6, H * 0.01, p.ink, H * 0.005);
  }
  return s;
};

const sports: Scene = (c) => {
  const { W, H, r, p } = c;
  const standTop = H * 0.18;
  const pitchTop = H * 0.5;
  let s = sky(c, shade(p.skyTop, -0.1), p.skyBottom);
  // Floodlights.
  for (const x of [W * 0.06, W * 0.94]) {
    s += rect(x - W * 0.004, H * 0.06, W * 0.008, pitchTop - H * 0.06, '#6c757d');
    s += rect(x - W * 0.03, H * 0.03, W * 0.06, H * 0.05, '#495057', W * 0.004);
    for (let k = 0; k < 4; k++) s += circle(x - W * 0.022 + k * W * 0.0147, H * 0.055, W * 0.005, '#fff9db');
  }
  // Stand with spectators.
  s += poly([[W * 0.1, pitchTop], [W * 0.9, pitchTop], [W * 0.86, standTop], [W * 0.14, standTop]], shade(p.ink, 0.55));
  s += rect(W * 0.12, standTop - H * 0.05, W * 0.76, H * 0.05, shade(r.pick(p.accents), -0.1));
  const rows = 6;
  for (let row = 0; row < rows; row++) {
    const y = standTop + (pitchTop - standTop) * ((row + 0.6) / rows);
    const inset = W * 0.14 - (W * 0.04 * (row + 0.5)) / rows;
    for (let x = inset + W * 0.01; x < W - inset - W * 0.01; x += W * 0.014) {
      if (r.chance(0.12)) continue;
      s += circle(x + r.range(-0.002, 0.002) * W, y - H * 0.012, H * 0.011, r.pick(p.accents));
    }
  }
  // Pitch with mowing stripes.
  const grass = '#57a773';
  const stripes = 10;
  for (let i = 0; i < stripes; i++) {
    const y0 = pitchTop + ((H - pitchTop) * i) / stripes;
    s += rect(0, y0, W, (H - pitchTop) / stripes + 1, i % 2 ? grass : shade(grass, -0.08));
  }
  const lineCol = '#ffffff';
  const lw = Math.max(1.5, H * 0.005);
  s += poly([[W * 0.12, pitchTop + H * 0.04], [W * 0.88, pitchTop + H * 0.04], [W * 1.05, H * 1.02], [-W * 0.05, H * 1.02]], 'none', ` stroke="${lineCol}" stroke-width="${n(lw)}"`);
  s += ellipse(W * 0.5, H * 0.76, W * 0.14, H * 0.08, 'none', ` stroke="${lineCol}" stroke-width="${n(lw)}"`);
  s += line(W * 0.5, pitchTop + H * 0.04, W * 0.5, H * 1.02, lineCol, lw);
  // Goal on one side.
  const left = r.chance(0.5);
  const gx = left ? W * 0.12 : W * 0.8;
  s += rect(gx, H * 0.5, W * 0.08, H * 0.12, 'none', 0, ` stroke="${lineCol}" stroke-width="${n(lw * 1.4)}"`);
  for (let i = 1; i < 6; i++) s += line(gx + (W * 0.08 * i) / 6, H * 0.5, gx + (W * 0.08 * i) / 6, H * 0.62, '#ffffff', 1, ' opacity="0.5"');
  for (let i = 1; i < 4; i++) s += line(gx, H * 0.5 + (H * 0.12 * i) / 4, gx + W * 0.08, H * 0.5 + (H * 0.12 * i) / 4, '#ffffff', 1, ' opacity="0.5"');
  // Ball.
  const bx = W * r.range(0.3, 0.7);
  const by = H * r.range(0.82, 0.9);
  const br = H * 0.03;
  s += ellipse(bx + br * 0.3, by + br * 0.95, br, br * 0.3, '#000000', ' opacity="0.2"');
  s += circle(bx, by, br, '#ffffff', ` stroke="${p.ink}" stroke-width="${n(br * 0.06)}"`);
  s += poly(
    Array.from({ length: 5 }, (_, i) => {
      const a = -Math.PI / 2 + (i / 5) * Math.PI * 2;
      return [bx + Math.cos(a) * br * 0.35, by + Math.sin(a) * br * 0.35] as const;
    }),
    p.ink,
  );
  // Two players.
  for (let i = 0; i < 2; i++) {
    const px = bx + (i === 0 ? -1 : 1) * W * r.range(0.08, 0.14);
    s += person(c, px, H * r.range(0.8, 0.86), H * 0.12, i === 0 ? r.pick(p.accents) : shade(p.ink, 0.2));
  }
  return s;
};

const assembly: Scene = (c) => {
  const { W, H, r, p } = c;
  const floorCol = shade(p.wall, -0.06);
  let s = rect(0, 0, W, H, floorCol);
  const tile = Math.min(W, H) / 10;
  for (let x = 0; x < W; x += tile) s += line(x, 0, x, H, shade(floorCol, -0.06), 1);
  for (let y = 0; y < H; y += tile) s += line(0, y, W, y, shade(floorCol, -0.06), 1);
  // Round table seen from above, with people around it.
  const cx = W * 0.5 + r.range(-0.05, 0.05) * W;
  const cy = H * 0.5;
  const rx = Math.min(W * 0.3, H * 0.6);
  const ry = Math.min(H * 0.3, rx * 0.7);
  const wood = '#c08552';
  s += ellipse(cx + W * 0.008, cy + H * 0.015, rx, ry, '#000000', ' opacity="0.12"');
  s += ellipse(cx, cy, rx, ry, wood);
  s += ellipse(cx, cy, rx * 0.92, ry * 0.9, shade(wood, 0.08));
  // Papers, sticky notes and cups on the table.
  for (let i = 0; i < r.int(6, 10); i++) {
    const a = r.range(0, Math.PI * 2);
    const d = r.range(0.25, 0.7);
    const x = cx + Math.cos(a) * rx * d;
    const y = cy + Math.sin(a) * ry * d;
    const pw = Math.min(W, H) * 0.06;
    s += `<g transform="rotate(${n(r.range(-30, 30))} ${n(x)} ${n(y)})">${rect(x - pw / 2, y - pw * 0.7, pw, pw * 1.4, '#ffffff')}${rect(x - pw * 0.35, y - pw * 0.45, pw * 0.7, pw * 0.06, '#d0d0d0')}${rect(x - pw * 0.35, y - pw * 0.25, pw * 0.5, pw * 0.06, '#d0d0d0')}</g>`;
  }
  for (let i = 0; i < r.int(4, 7); i++) {
    const x = cx + r.range(-0.45, 0.45) * rx;
    const y = cy + r.range(-0.4, 0.4) * ry;
    const sn = Math.min(W, H) * 0.035;
    s += `<g transform="rotate(${n(r.range(-15, 15))} ${n(x)} ${n(y)})">${rect(x - sn / 2, y - sn / 2, sn, sn, r.pick(['#ffd166', '#f4a261', '#90e0ef', '#b5e48c']))}</g>`;
  }
  for (let i = 0; i < r.int(3, 5); i++) {
    const a = r.range(0, Math.PI * 2);
    const x = cx + Math.cos(a) * rx * 0.78;
    const y = cy + Math.sin(a) * ry * 0.78;
    const cr = Math.min(W, H) * 0.018;
    s += circle(x, y, cr, '#ffffff', ` stroke="${shade(p.ink, 0.5)}" stroke-width="${n(cr * 0.2)}"`);
    s += circle(x, y, cr * 0.65, '#6f4e37');
  }
  // People (seen from above: chair, shoulders, arms and head), facing the table. In the
  // local frame before rotation, +y points towards the table.
  const people = r.int(9, 12);
  const off = r.range(0, Math.PI * 2);
  const sc = Math.min(W, H) * 0.085;
  for (let i = 0; i < people; i++) {
    const a = off + (i / people) * Math.PI * 2;
    const x = cx + Math.cos(a) * (rx + sc * 0.55);
    const y = cy + Math.sin(a) * (ry + sc * 0.55);
    const deg = (a * 180) / Math.PI + 90;
    const shirt = p.accents[i % p.accents.length] ?? p.ink;
    s +=
      `<g transform="rotate(${n(deg)} ${n(x)} ${n(y)})">` +
      rect(x - sc * 0.75, y - sc * 0.85, sc * 1.5, sc * 1.1, shade(p.ink, 0.35), sc * 0.25) +
      ellipse(x - sc * 0.5, y + sc * 0.3, sc * 0.16, sc * 0.38, shade(shirt, -0.1)) +
      ellipse(x + sc * 0.5, y + sc * 0.3, sc * 0.16, sc * 0.38, shade(shirt, -0.1)) +
      circle(x - sc * 0.5, y + sc * 0.66, sc * 0.11, skinTone(r)) +
      ellipse(x, y - sc * 0.05, sc * 0.62, sc * 0.3, shirt) +
      circle(x, y + sc * 0.02, sc * 0.26, hairColour(r)) +
      `</g>`;
  }
  // A plant in a corner and a flip chart.
  const px = r.chance(0.5) ? W * 0.07 : W * 0.93;
  s += circle(px, H * 0.85, Math.min(W, H) * 0.06, '#b5523b');
  for (let i = 0; i < 7; i++) {
    const a = (i / 7) * Math.PI * 2;
    s += ellipse(px + Math.cos(a) * Math.min(W, H) * 0.05, H * 0.85 + Math.sin(a) * Math.min(W, H) * 0.05, Math.min(W, H) * 0.035, Math.min(W, H) * 0.02, i % 2 ? '#40916c' : '#52b788', ` transform="rotate(${n((a * 180) / Math.PI)} ${n(px + Math.cos(a) * Math.min(W, H) * 0.05)} ${n(H * 0.85 + Math.sin(a) * Math.min(W, H) * 0.05)})"`);
  }
  const fx = px < W / 2 ? W * 0.88 : W * 0.06;
  s += rect(fx, H * 0.08, W * 0.07, H * 0.2, '#ffffff', 0, ` stroke="${shade(p.ink, 0.5)}" stroke-width="2"`);
  for (let i = 0; i < 4; i++) s += rect(fx + W * 0.01, H * (0.11 + i * 0.04), W * r.range(0.03, 0.05), H * 0.012, r.pick(p.accents));
  return s;
};

const SCENES: Record<DemoMotif, Scene> = {
  townhall,
  festival,
  'budget-chart': budgetChart,
  tram,
  library,
  river,
  portrait,
  school,
  park,
  bakery,
  sports,
  assembly,
};
