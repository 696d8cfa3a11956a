/** The pages' only assets, inlined (no external requests): one stylesheet and one tiny script. */

export const PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
:root{color-scheme:light dark;--bg:#f7f6f3;--fg:#1d1c1a;--muted:#6b6862;--card:#fff;--line:#e3e0da;--accent:#b5542d}
@media (prefers-color-scheme:dark){:root{--bg:#161514;--fg:#eeebe6;--muted:#a29e96;--card:#211f1d;--line:#35322f;--accent:#e08a5f}}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
a{color:var(--accent)}
header,main,footer{max-width:1200px;margin:0 auto;padding:12px 16px}
header h1{font-size:1.35rem;margin:8px 0}
.sub{color:var(--muted);margin:0 0 8px}
form.filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:flex-end}
form.filters label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted);gap:2px}
select,button{font:inherit;font-size:.95rem;padding:6px 8px;border:1px solid var(--line);border-radius:6px;background:var(--card);color:var(--fg);max-width:44vw}
button{cursor:pointer;border-color:var(--accent)}
.js .apply{display:none}
.grid{display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));padding:0;list-style:none;margin:12px 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden;display:flex;flex-direction:column}
.card a.thumb{display:block;background:var(--line)}
.card img{display:block;width:100%;height:auto}
.card .meta{padding:8px 10px;font-size:.8rem;color:var(--muted)}
.card .meta strong{color:var(--fg);font-weight:600}
.card p{margin:2px 0}
.placeholder{display:flex;align-items:center;justify-content:center;aspect-ratio:1;padding:16px;text-align:center;font-size:.85rem;color:var(--muted);background:repeating-linear-gradient(45deg,var(--card),var(--card) 10px,var(--bg) 10px,var(--bg) 20px)}
.placeholder code{font-size:.8rem}
nav.pages{display:flex;gap:16px;align-items:center;justify-content:center;margin:16px 0}
nav.pages .off{color:var(--muted)}
.empty{padding:48px 16px;text-align:center;color:var(--muted)}
.detail{display:grid;gap:20px;grid-template-columns:minmax(0,3fr) minmax(0,2fr)}
@media (max-width:760px){.detail{grid-template-columns:1fr}}
.detail img{width:100%;height:auto;border-radius:10px;border:1px solid var(--line)}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:0}
dt{color:var(--muted)}
dd{margin:0;overflow-wrap:anywhere}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px;font-size:.85rem}
section.catalog{margin-bottom:32px}
ul.plain{padding-left:18px}
ul.plain li{margin:2px 0}
.muted{color:var(--muted)}
`;

/**
 * Progressive enhancement for the filter form: a changed select submits at once (the Apply button is
 * for pages without scripts); a changed catalog clears the dimension filters, which belong to the old one.
 */
export const FILTER_SCRIPT = `
document.documentElement.classList.add('js');
document.querySelectorAll('form.filters').forEach(function (form) {
  form.addEventListener('change', function (event) {
    var target = event.target;
    if (target && target.name === 'catalog') {
      form.querySelectorAll('select[data-dimension]').forEach(function (s) { s.value = ''; });
    }
    form.requestSubmit ? form.requestSubmit() : form.submit();
  });
});
`;
