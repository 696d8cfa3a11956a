import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';

/**
 * The production image installs `dependencies` only (`npm ci --omit=dev`) and runs the compiled entries
 * with plain node. tsc keeps every runtime import of the sources as written (type-only imports aside), so
 * walking the sources from the entries finds what dist/ will load.
 */
const ENTRIES = ['src/main.ts', 'src/cli.ts'];
const pkg = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

// Static imports and re-exports (not `import type` / `export type`), side-effect imports, dynamic import().
// import.meta.resolve() only names a file and loads nothing, so it is not matched.
const IMPORTS = [
  /^\s*import\s+(?!type\s)[^'";]*?\sfrom\s+'([^']+)'/gm,
  /^\s*export\s+(?!type\s)[^'";]*?\sfrom\s+'([^']+)'/gm,
  /^\s*import\s+'([^']+)'/gm,
  /(?<![.\w])import\(\s*'([^']+)'\s*\)/g,
];

const packageOf = (spec: string) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');

/** Every package the entries load at run time, with the first file that loads it. */
function runtimePackages(): Map<string, string> {
  const found = new Map<string, string>();
  const seen = new Set<string>();
  const stack = ENTRIES.map((e) => resolve(PROJECT_ROOT, e));
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const pattern of IMPORTS) {
      for (const match of text.matchAll(pattern)) {
        const spec = match[1]!;
        if (spec.startsWith('.')) {
          const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
          if (existsSync(target)) stack.push(target);
          else if (!existsSync(resolve(dirname(file), spec))) throw new Error(`${file}: ${spec} not found`);
        } else if (!spec.startsWith('node:') && !builtinModules.includes(spec)) {
          const name = packageOf(spec);
          if (!found.has(name)) found.set(name, relative(PROJECT_ROOT, file));
        }
      }
    }
  }
  return found;
}

describe('what production runs needs no development tool', () => {
  it('every package the compiled bot and CLI load is a dependency, not a devDependency', () => {
    const missing = [...runtimePackages()]
      .filter(([name]) => !(name in pkg.dependencies))
      .map(([name, file]) => `${name} (loaded by ${file})`);
    expect(missing).toEqual([]);
  });

  it('every dependency is loaded by the product: what only the sandbox, the bench or the tests use is a devDependency', () => {
    const loaded = runtimePackages();
    expect(Object.keys(pkg.dependencies).filter((name) => !loaded.has(name))).toEqual([]);
  });

  it('build and test tools (tsx, TypeScript, vitest…) are devDependencies only', () => {
    const tools = ['tsx', 'typescript', 'esbuild', 'vitest', '@biomejs/biome', 'drizzle-kit', 'pino-pretty'];
    expect(tools.filter((tool) => tool in pkg.dependencies)).toEqual([]);
    expect('tsx' in pkg.devDependencies).toBe(true);
  });

  it('finds the packages it should (the walk is not blind)', () => {
    const loaded = runtimePackages();
    for (const name of ['discord.js', '@slack/bolt', 'pino', 'sharp', '@libsql/client', 'zod'])
      expect(loaded.has(name)).toBe(true);
  });
});
