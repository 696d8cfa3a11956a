#!/usr/bin/env node
// `npx atelier <command>`: the compiled CLI (npm run build → dist/) on plain node; in a checkout that was
// never built it runs the TypeScript source through tsx (a devDependency), so both work.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/src/cli.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    console.error(
      'atelier: dist/ is missing and tsx is not installed. Run `npm run build` (or `npm install`) first.',
    );
    process.exit(1);
  }
  register();
  await import(new URL('../src/cli.ts', import.meta.url).href);
}
