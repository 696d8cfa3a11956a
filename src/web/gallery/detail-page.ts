import type { Catalog } from '../../core/catalog/schema.js';
import { unitName } from '../../core/prompt/measure.js';
import type { BuiltPrompt, Generation } from '../../core/types.js';
import { formatDate, paramLabels } from './card-parts.js';
import { html, type SafeHtml } from './html.js';
import { httpOrigin } from './layout.js';

export interface DetailPageModel {
  generation: Generation;
  catalog: Catalog | undefined;
  /** The prompt as the engine builds it today, fitted as the record was; undefined when it no longer builds. */
  built: BuiltPrompt | undefined;
  backHref: string;
}

/** "241 / 256 T5 tokens; condensed: setting; dropped: lighting", as the record kept it when the image was made. */
export function describeFit(g: Pick<Generation, 'promptTokens' | 'promptFit'>): string | undefined {
  const fit = g.promptFit;
  if (fit === null || g.promptTokens === null) return undefined;
  const parts = [
    `${g.promptTokens} / ${fit.budget.max.toLocaleString('en-US')} ${unitName(fit.budget.unit)}`,
  ];
  if (fit.lora) parts.push('LoRA trigger word for the character');
  if (fit.condensed.length > 0) parts.push(`condensed: ${fit.condensed.join(', ')}`);
  if (fit.dropped.length > 0) parts.push(`dropped: ${fit.dropped.join(', ')}`);
  return parts.join('; ');
}

export function renderDetailPage({ generation: g, catalog, built, backHref }: DetailPageModel): SafeHtml {
  const labels = paramLabels(catalog, g);
  const fit = describeFit(g);
  const image = httpOrigin(g.imageUrl) ? g.imageUrl : undefined;
  const title = labels.map((l) => l.option).join(' · ');
  return html`<header>
<p><a href="${backHref}">← Back to the gallery</a></p>
<h1>${labels[0]?.option ?? 'Image'}</h1>
</header>
<main class="detail">
<div>${
    image
      ? html`<a href="${image}" rel="noreferrer"><img src="${image}" alt="${title}" width="${g.width ?? 1024}" height="${g.height ?? 1024}"></a>
<p><a href="${image}" rel="noreferrer">Open the full image</a></p>`
      : html`<div class="placeholder">No image stored</div>`
  }</div>
<div>
<h2>Parameters</h2>
<dl>
<dt>Catalog</dt><dd>${catalog?.name ?? g.catalogId}</dd>
${labels.map((l) => html`<dt>${l.dimension}</dt><dd>${l.option}</dd>`)}
${g.extra ? html`<dt>Extra</dt><dd>${g.extra}</dd>` : ''}
<dt>Seed</dt><dd>${g.seed}</dd>
<dt>Model</dt><dd>${g.model}</dd>
${fit ? html`<dt>Prompt</dt><dd>${fit}</dd>` : ''}
<dt>Size</dt><dd>${g.width && g.height ? `${g.width} × ${g.height}` : '—'} (${g.aspect})</dd>
<dt>Created</dt><dd>${formatDate(g.createdAt)}</dd>
${g.parentId ? html`<dt>Re-roll of</dt><dd><code>${g.parentId}</code></dd>` : ''}
</dl>
${
  built
    ? html`<h2>Prompt</h2><pre>${built.prompt}</pre>
<h2>Negative prompt</h2><pre>${built.negativePrompt}</pre>
${built.hash === g.promptHash ? '' : html`<p class="muted">The catalog has changed since this image was made; this is the prompt it would build today.</p>`}`
    : html`<p class="muted">The prompt cannot be rebuilt: this image's catalog has changed or been removed.</p>`
}
</div>
</main>`;
}
