import type { CatalogRegistry } from '../../core/catalog/load-catalogs.js';
import type { Catalog } from '../../core/catalog/schema.js';
import { AGE_RESTRICTED_NOTE, isAgeRestricted } from '../../core/moderation/age-restricted.js';
import type { Generation } from '../../core/types.js';
import { catalogOf, formatDate, paramLabels, thumbImage } from './card-parts.js';
import { filterParam, type GalleryState, galleryHref, itemHref } from './gallery-state.js';
import { html, type SafeHtml } from './html.js';
import { SIGNATURE_PARAMS } from './signed-link.js';

export interface GalleryPageModel {
  catalogs: CatalogRegistry;
  state: GalleryState;
  /** The verified identity parameters, carried by every link and form. */
  signature: URLSearchParams;
  platform: string;
  items: Generation[];
  total: number;
  /** The count stopped early: there are more than `total` (and than `pages`). */
  more: boolean;
  pages: number;
}

export function renderGalleryPage(model: GalleryPageModel): SafeHtml {
  const { state, total, more } = model;
  return html`<header>
<h1>Your images</h1>
<p class="sub">${total.toLocaleString('en')}${more ? '+' : ''} ${total === 1 && !more ? 'image' : 'images'} from ${model.platform}${
    state.catalog ? html` in ${state.catalog.name}` : ''
  }</p>
${renderFilters(model)}
</header>
<main>
${model.items.length > 0 ? renderGrid(model) : renderEmpty(model)}
${model.pages > 1 ? renderPager(model) : ''}
</main>`;
}

function renderFilters(model: GalleryPageModel): SafeHtml {
  const { state } = model;
  const hidden = SIGNATURE_PARAMS.map(
    (name) => html`<input type="hidden" name="${name}" value="${model.signature.get(name) ?? ''}">`,
  );
  const catalogs = model.catalogs.list();
  return html`<form class="filters" method="get" action="/gallery">
${hidden}
<label>Catalog
<select name="catalog">
<option value=""${state.catalog ? '' : ' selected'}>All catalogs</option>
${catalogs.map((c) => html`<option value="${c.id}"${state.catalog?.id === c.id ? ' selected' : ''}>${c.name}</option>`)}
</select></label>
${state.catalog ? state.catalog.dimensions.map((d) => dimensionSelect(d, state.filters[d.id])) : ''}
<button class="apply" type="submit">Apply</button>
${state.catalog ? '' : html`<span class="muted">Choose a catalog to filter by its dimensions.</span>`}
</form>`;
}

function dimensionSelect(dimension: Catalog['dimensions'][number], selected: string | undefined): SafeHtml {
  return html`<label>${dimension.label}
<select name="${filterParam(dimension.id)}" data-dimension="${dimension.id}">
<option value="">Any</option>
${dimension.options.map(
  (o) => html`<option value="${o.id}"${selected === o.id ? ' selected' : ''}>${o.label}</option>`,
)}
</select></label>`;
}

function renderGrid(model: GalleryPageModel): SafeHtml {
  return html`<ul class="grid">
${model.items.map((g) => {
  const catalog = catalogOf(model.catalogs, g);
  const labels = paramLabels(catalog, g);
  const alt = labels.map((l) => l.option).join(', ');
  const href = itemHref(model.signature, model.state, g.id);
  const [first, ...rest] = labels;
  return html`<li class="card">
<a class="thumb" href="${href}">${thumbImage(g, alt) ?? html`<div class="placeholder">${isAgeRestricted(g) ? AGE_RESTRICTED_NOTE : 'No image'}</div>`}</a>
<div class="meta">
${first ? html`<p><strong>${first.option}</strong></p>` : ''}
<p>${rest
    .slice(0, 3)
    .map((l) => l.option)
    .join(' · ')}</p>
${g.extra ? html`<p><em>“${truncate(g.extra, 60)}”</em></p>` : ''}
<p>${formatDate(g.createdAt)}</p>
</div>
</li>`;
})}
</ul>`;
}

function renderEmpty(model: GalleryPageModel): SafeHtml {
  const filtered = Object.keys(model.state.filters).length > 0 || model.state.catalog !== undefined;
  return html`<div class="empty">${
    filtered
      ? html`<p>No images match these filters.</p>
<p><a href="${galleryHref(model.signature, { catalog: undefined, filters: {} })}">Show all your images</a></p>`
      : html`<p>No images yet.</p><p>Use <code>/generate</code> in chat to make your first one.</p>`
  }</div>`;
}

function renderPager(model: GalleryPageModel): SafeHtml {
  const { page } = model.state;
  const link = (to: number, text: string, rel: string) =>
    to >= 1 && to <= model.pages
      ? html`<a rel="${rel}" href="${galleryHref(model.signature, model.state, to)}">${text}</a>`
      : html`<span class="off">${text}</span>`;
  return html`<nav class="pages" aria-label="Pages">
${link(page - 1, '← Previous', 'prev')}
<span>Page ${page}/${model.pages.toLocaleString('en')}${model.more ? '+' : ''}</span>
${link(page + 1, 'Next →', 'next')}
</nav>`;
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
