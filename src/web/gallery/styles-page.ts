import type { Catalog } from '../../core/catalog/schema.js';
import type { Generation } from '../../core/types.js';
import { thumbImage } from './card-parts.js';
import { html, type SafeHtml } from './html.js';
import { httpOrigin } from './layout.js';

export interface StylesPageModel {
  /** Every installed catalog, for the selector. */
  all: Catalog[];
  /** The catalogs shown, each with its examples (one record per option of its style dimension). */
  shown: { catalog: Catalog; examples: Generation[] }[];
  selected: string | undefined;
}

export function renderStylesPage(model: StylesPageModel): SafeHtml {
  return html`<header>
<h1>Style browser</h1>
<p class="sub">Every option each brand catalog offers, with an example image where one has been made.</p>
${model.all.length > 1 ? renderCatalogNav(model) : ''}
</header>
<main>
${model.shown.map(({ catalog, examples }) => renderCatalog(catalog, examples))}
</main>`;
}

function renderCatalogNav(model: StylesPageModel): SafeHtml {
  const link = (id: string | undefined, text: string) =>
    model.selected === id
      ? html`<strong>${text}</strong>`
      : html`<a href="${id ? `/styles?${new URLSearchParams({ catalog: id })}` : '/styles'}">${text}</a>`;
  return html`<nav class="filters">${link(undefined, 'All catalogs')}${model.all.map((c) => html` · ${link(c.id, c.name)}`)}</nav>`;
}

function renderCatalog(catalog: Catalog, examples: Generation[]): SafeHtml {
  const style = catalog.dimensions.find((d) => d.id === catalog.styleDimension);
  const byOption = new Map(examples.map((g) => [g.options[catalog.styleDimension], g]));
  const others = catalog.dimensions.filter((d) => d.id !== catalog.styleDimension);
  return html`<section class="catalog" id="${catalog.id}">
<h2>${catalog.name}</h2>
<p class="sub">${catalog.description}</p>
${
  style
    ? html`<h3>${style.label}</h3>
<ul class="grid">
${style.options.map((option) => {
  const example = byOption.get(option.id);
  const image = example ? thumbImage(example, option.label) : undefined;
  const full = example && httpOrigin(example.imageUrl) ? example.imageUrl : undefined;
  return html`<li class="card">
${
  image
    ? full
      ? html`<a class="thumb" href="${full}" rel="noreferrer">${image}</a>`
      : image
    : html`<div class="placeholder"><span>No example yet — run <code>npm run atelier -- batch</code></span></div>`
}
<div class="meta"><p><strong>${option.emoji ? `${option.emoji} ` : ''}${option.label}</strong></p><p>${option.description}</p></div>
</li>`;
})}
</ul>`
    : ''
}
${others.map(
  (d) => html`<h3>${d.label}</h3>
<p class="muted">${d.description}</p>
<ul class="plain">${d.options.map((o) => html`<li><strong>${o.label}</strong> — ${o.description}</li>`)}</ul>`,
)}
</section>`;
}
