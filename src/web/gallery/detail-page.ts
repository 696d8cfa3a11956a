import type { Catalog } from '../../core/catalog/schema.js';
import { describeFit } from '../../core/prompt/measure.js';
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

/** What the record kept of how its prompt was fitted; undefined for records made before it was kept. */
const fitOf = (g: Pick<Generation, 'promptTokens' | 'promptFit'>): string | undefined =>
  g.promptFit === null || g.promptTokens === null
    ? undefined
    : describeFit({ ...g.promptFit, used: g.promptTokens });

export function renderDetailPage({ generation: g, catalog, built, backHref }: DetailPageModel): SafeHtml {
  const labels = paramLabels(catalog, g);
  const fit = fitOf(g);
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
