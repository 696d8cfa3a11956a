// Regenerates test/contract/specs/discord-doc-fields.json from a checkout of discord/discord-api-docs:
//   node test/contract/tools/extract-doc-tables.mjs <docs checkout> > test/contract/specs/discord-doc-fields.json
// Each entry is one "Field | Type | Description" table of the docs, keyed `<page>#<anchor>`: a field name
// ending in `?` is optional (may be absent), a type starting with `?` is nullable (docs reference.mdx,
// "Nullable and Optional Resource Fields").
import { readFileSync } from 'node:fs';
import { DOC_TABLES } from './doc-tables.mjs';

const root = process.argv[2];
if (!root) throw new Error('usage: extract-doc-tables.mjs <discord-api-docs checkout>');
const unlink = (s) =>
  s
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\\([*_[\]])/g, '$1')
    .replace(/\s*\[\d+\]/g, '')
    .trim();
const out = {};
for (const page of new Set(DOC_TABLES.map((key) => key.split('#')[0]))) {
  const lines = readFileSync(`${root}/${page}`, 'utf8').split('\n');
  let anchor = null;
  for (let i = 0; i < lines.length; i++) {
    const m = /<ManualAnchor id="([^"]+)"/.exec(lines[i]);
    if (m) {
      anchor = m[1];
      continue;
    }
    if (!anchor || !lines[i].startsWith('|')) continue;
    const header = lines[i]
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim().toLowerCase());
    const rows = [];
    for (i += 2; i < lines.length && lines[i].startsWith('|'); i++)
      rows.push(lines[i].split('|').slice(1, -1).map(unlink));
    const key = `${page}#${anchor}`;
    anchor = null;
    if (!DOC_TABLES.includes(key) || header[0] !== 'field') continue;
    const fields = {};
    for (const [rawName, rawType] of rows) {
      const name = rawName.replace(/\*+/g, '').trim();
      const type = rawType.replace(/\*+/g, '').trim();
      fields[name.replace(/\?$/, '')] = {
        optional: name.endsWith('?'),
        nullable: type.startsWith('?'),
        type: type.replace(/^\?/, ''),
      };
    }
    out[key] = fields;
  }
}
const missing = DOC_TABLES.filter((key) => !out[key]);
if (missing.length > 0) throw new Error(`tables not found: ${missing.join(', ')}`);
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
