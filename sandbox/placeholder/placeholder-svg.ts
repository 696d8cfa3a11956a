/** SVG composition of a sandbox placeholder: every visual choice is derived from the seed. */

const MAX_SIDE = 512;
const MIN_SIDE = 64;
const FONT = "'DejaVu Sans', 'Liberation Sans', sans-serif";
const MONO = "'DejaVu Sans Mono', monospace";

export interface PlaceholderSvgSpec {
  text: string;
  seed: number;
  width: number;
  height: number;
  requested: { width: number; height: number };
  /** What the model reads of the prompt (the fal emulator's record); printed instead of the text. */
  reading?: Reading;
}

/** What a model reads of its prompt: its window and length in T5 tokens (null: none known), and the cut. */
export interface Reading {
  window: number | null;
  tokens: number | null;
  read: string;
  cut: string;
}

interface PanelLine {
  text: string;
  /** `read`: text the model sees; `cut`: text past its window, which it never sees. */
  tone: 'read' | 'cut';
}

/** Keeps the aspect ratio, never more than 512 px on the long side (cheap to render and to serve). */
export function placeholderSize(width: number, height: number): { width: number; height: number } {
  const w = Number.isFinite(width) && width > 0 ? width : MAX_SIDE;
  const h = Number.isFinite(height) && height > 0 ? height : MAX_SIDE;
  const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
  return {
    width: Math.max(MIN_SIDE, Math.round(w * scale)),
    height: Math.max(MIN_SIDE, Math.round(h * scale)),
  };
}

/** mulberry32: tiny deterministic PRNG so the same seed always gives the same picture. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Greedy word wrap; words longer than a line are cut. */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const raw of words) {
    const word = raw.length > maxChars ? `${raw.slice(0, maxChars - 1)}…` : raw;
    if (!line) line = word;
    else if (line.length + 1 + word.length <= maxChars) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
    if (lines.length === maxLines) break;
  }
  if (line && lines.length < maxLines) lines.push(line);
  const used = lines.join(' ').length;
  if (used < text.replace(/\s+/g, ' ').trim().length && lines.length > 0) {
    const last = lines[lines.length - 1] ?? '';
    lines[lines.length - 1] = `${last.slice(0, Math.max(0, maxChars - 1))}…`;
  }
  return lines;
}

const toLines = (text: string, maxChars: number, max: number, tone: PanelLine['tone']): PanelLine[] =>
  wrapText(text, maxChars, max).map((t) => ({ text: t, tone }));

/**
 * The caption: the start of what the model reads when it reads it all; when the prompt is cut, the last
 * words it reads and the first ones it loses, so the cut shows on the image.
 */
export function readingLines(
  text: string,
  reading: Reading | undefined,
  maxChars: number,
): { header: string | undefined; lines: PanelLine[] } {
  const start = (t: string) => toLines(t.slice(0, 200), maxChars, 4, 'read');
  if (!reading) return { header: undefined, lines: start(text) };
  if (reading.window === null) return { header: 'reads the whole prompt', lines: start(reading.read) };
  if (!reading.cut)
    return {
      header: `reads all ${reading.tokens} of ${reading.window} T5 tokens`,
      lines: start(reading.read),
    };
  const keep = maxChars * 3;
  // A long read text is shown from a whole word near its end.
  const tail = reading.read.length <= keep ? reading.read : reading.read.slice(-keep).replace(/^\S*\s+/, '');
  const last = wrapText(`…${tail}`, maxChars, 10).slice(-3);
  return {
    header: `reads ${reading.window} of ${reading.tokens} T5 tokens · the rest is cut`,
    lines: [
      ...last.map((t, i) => ({ text: i === 0 && !t.startsWith('…') ? `…${t}` : t, tone: 'read' as const })),
      ...toLines(`✂ ${reading.cut.slice(0, maxChars * 3)}`, maxChars, 2, 'cut'),
    ],
  };
}

function shapes(rand: () => number, width: number, height: number, hue: number): string {
  const out: string[] = [];
  const count = 5 + Math.floor(rand() * 5);
  for (let i = 0; i < count; i++) {
    const h = (hue + Math.floor(rand() * 160) - 80 + 360) % 360;
    const fill = `hsla(${h}, ${55 + Math.floor(rand() * 35)}%, ${45 + Math.floor(rand() * 30)}%, ${(0.25 + rand() * 0.45).toFixed(2)})`;
    const x = Math.round(rand() * width);
    const y = Math.round(rand() * height * 0.75);
    const s = Math.round((0.12 + rand() * 0.3) * Math.min(width, height));
    const kind = rand();
    if (kind < 0.45) out.push(`<circle cx="${x}" cy="${y}" r="${s}" fill="${fill}"/>`);
    else if (kind < 0.8) {
      const rot = Math.round(rand() * 90);
      out.push(
        `<rect x="${x - s}" y="${y - s / 2}" width="${s * 2}" height="${s}" rx="${Math.round(s / 5)}" fill="${fill}" transform="rotate(${rot} ${x} ${y})"/>`,
      );
    } else {
      out.push(`<polygon points="${x},${y - s} ${x + s},${y + s} ${x - s},${y + s}" fill="${fill}"/>`);
    }
  }
  return out.join('');
}

export function buildPlaceholderSvg(spec: PlaceholderSvgSpec): string {
  const { width: w, height: h, seed } = spec;
  const rand = createRandom(seed);
  const hue = Math.floor(rand() * 360);
  const hue2 = (hue + 40 + Math.floor(rand() * 100)) % 360;
  const angle = Math.floor(rand() * 360);
  const unit = Math.min(w, h);
  const pad = Math.round(unit * 0.06);
  // A reading carries more words (the cut): a smaller type fits them.
  const fs = Math.max(10, Math.round(unit * (spec.reading ? 0.04 : 0.05)));
  const badgeFs = Math.max(8, Math.round(unit * 0.035));
  const maxChars = Math.max(8, Math.floor((w - pad * 4) / (fs * 0.6)));
  const { header, lines } = readingLines(spec.text, spec.reading, maxChars);
  const lineH = Math.round(fs * 1.3);
  const metaFs = Math.max(8, Math.round(fs * 0.75));
  const headerH = header ? metaFs * 1.6 : 0;
  const panelH = pad * 2 + headerH + lines.length * lineH + metaFs * 1.6;
  const panelY = h - pad - panelH;
  const textLines = lines
    .map(
      (l, i) =>
        `<tspan x="${pad * 2}" y="${panelY + pad + headerH + fs + i * lineH}"${l.tone === 'cut' ? ' fill="#ff7b7b" text-decoration="line-through"' : ''}>${escapeXml(l.text)}</tspan>`,
    )
    .join('');
  const headerText = header
    ? `<text x="${pad * 2}" y="${panelY + pad + metaFs}" font-family="${MONO}" font-size="${metaFs}" fill="${spec.reading?.cut ? '#ffb347' : '#9fe6a0'}">${escapeXml(header)}</text>`
    : '';
  const meta = `seed ${seed} · ${spec.requested.width}×${spec.requested.height}`;
  const badge = 'SANDBOX RENDER';
  const badgeW = Math.round(badge.length * badgeFs * 0.8 + badgeFs * 2.4);
  const badgeH = Math.round(badgeFs * 2.1);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">
<defs>
  <linearGradient id="bg" gradientTransform="rotate(${angle} 0.5 0.5)">
    <stop offset="0" stop-color="hsl(${hue}, 70%, 38%)"/>
    <stop offset="1" stop-color="hsl(${hue2}, 75%, 62%)"/>
  </linearGradient>
  <pattern id="stripes" width="14" height="14" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
    <rect width="7" height="14" fill="rgba(255,255,255,0.07)"/>
  </pattern>
</defs>
<rect width="${w}" height="${h}" fill="url(#bg)"/>
${shapes(rand, w, h, hue)}
<rect width="${w}" height="${h}" fill="url(#stripes)"/>
<rect x="${pad / 2}" y="${pad / 2}" width="${w - pad}" height="${h - pad}" fill="none" stroke="rgba(255,255,255,0.55)" stroke-width="2" stroke-dasharray="10 6" rx="${pad / 2}"/>
<rect x="${pad}" y="${pad}" width="${badgeW}" height="${badgeH}" rx="${badgeH / 2}" fill="#111" fill-opacity="0.82"/>
<circle cx="${pad + badgeFs}" cy="${pad + badgeH / 2}" r="${badgeFs / 3}" fill="#ffcc00"/>
<text x="${pad + badgeFs * 1.6}" y="${pad + badgeH / 2 + badgeFs * 0.36}" font-family="${FONT}" font-weight="bold" font-size="${badgeFs}" letter-spacing="1" fill="#ffcc00">${badge}</text>
<rect x="${pad}" y="${panelY}" width="${w - pad * 2}" height="${panelH}" rx="${Math.round(pad / 2)}" fill="#0b0b12" fill-opacity="0.72"/>
${headerText}
<text font-family="${FONT}" font-size="${fs}" fill="#ffffff">${textLines}</text>
<text x="${pad * 2}" y="${panelY + panelH - pad * 0.8}" font-family="${MONO}" font-size="${metaFs}" fill="#c9c9d6">${escapeXml(meta)}</text>
</svg>`;
}
