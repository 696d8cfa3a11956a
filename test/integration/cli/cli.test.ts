import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordEmulator } from '../../../sandbox/discord/index.js';
import { type FalEmulator, startFalEmulator } from '../../../sandbox/fal/fal-emulator.js';
import { createT5TokenCounter } from '../../../src/infra/tokenizer/t5-token-counter.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs an entry point in a folder with no .env and only the given variables: the product's entries
 * (src/*.ts) compiled on plain node as production runs them (dist/, built by the global setup), the
 * sandbox's through tsx as `npm run sandbox` does.
 */
function run(script: string, args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  const compiled = script.startsWith('src/') ? join(ROOT, 'dist', script.replace(/\.ts$/, '.js')) : undefined;
  return new Promise((done) => {
    execFile(
      compiled ? process.execPath : TSX,
      [compiled ?? join(ROOT, script), ...args],
      {
        cwd,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

let dir: string;
let fal: FalEmulator;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atelier-cli-'));
  fal = await startFalEmulator({ knobs: { latencyMs: 30 } });
});
afterAll(async () => {
  await fal.close();
  await rm(dir, { recursive: true, force: true });
});

// Each test runs its own processes against its own files: they run at once (the file waits on processes).
describe.concurrent('the atelier CLI', () => {
  it('prints a prompt with no configuration at all, as JSON', async () => {
    const result = await run('src/cli.ts', ['prompt', '--style', 'Comic Book', '--json'], {}, dir);
    expect(result.code).toBe(0);
    const built = JSON.parse(result.stdout);
    expect(built.options.style).toBe('comic-book');
    expect(built.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(built.negativePrompt.length).toBeGreaterThan(0);
  });

  it('prompt --model fits the prompt to what that model reads, the person’s text included', async () => {
    const args = ['prompt', '--style', 'comic-book', '--pose', 'flexing'];
    const pizza = ['--extra', 'holding a slice of pepperoni pizza'];
    const [schnell, dev, text] = await Promise.all([
      run('src/cli.ts', [...args, ...pizza, '--model', 'fal-ai/flux/schnell', '--json'], {}, dir),
      run('src/cli.ts', [...args, ...pizza, '--model', 'fal-ai/flux/dev', '--json'], {}, dir),
      run('src/cli.ts', [...args, ...pizza, '--model', 'fal-ai/flux/schnell'], {}, dir),
    ]);
    expect(schnell.code).toBe(0);
    const built = JSON.parse(schnell.stdout);
    expect(built.model).toBe('fal-ai/flux/schnell');
    expect(built.fit.budget).toEqual({ unit: 't5-tokens', max: 256 });
    expect(built.fit.used).toBeLessThanOrEqual(256);
    expect(built.fit.used).toBe(createT5TokenCounter().count(built.prompt, 't5-tokens'));
    expect(built.prompt).toContain('holding a slice of pepperoni pizza.');
    expect(built.fit.dropped.length + built.fit.condensed.length).toBeGreaterThan(0);
    // dev reads 512 tokens: more of the catalog's scene, lighting and safeguards fit, nothing is dropped.
    const devFit = JSON.parse(dev.stdout).fit;
    expect(devFit).toMatchObject({ budget: { max: 512 }, dropped: [] });
    expect(devFit.used).toBeGreaterThan(built.fit.used);
    expect(devFit.used).toBeLessThanOrEqual(512);
    expect(text.stdout).toMatch(
      /^prompt \(fal-ai\/flux\/schnell: \d+ \/ 256 T5 tokens; condensed: [a-z, -]+; dropped: [a-z, -]+\):\n.*pepperoni pizza/,
    );
    const unknown = await run('src/cli.ts', [...args, '--model', 'fal-ai/nope'], {}, dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^Unknown model "fal-ai\/nope"\. Supported: fal-ai\/flux\/schnell, fal-ai\/flux\/dev, /,
    );
  });

  it('exits 2 with the reason and a suggestion on invalid input', async () => {
    const typo = await run('src/cli.ts', ['prompt', '--style', 'comci'], {}, dir);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Did you mean "comic-book"/);
    const unknown = await run('src/cli.ts', ['prompt', '--colour', 'red'], {}, dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option --colour/);
  });

  it('sandbox --help prints the sandbox flags, not the CLI help, and starts nothing', async () => {
    const result = await run('sandbox/main.ts', ['--help'], {}, dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^npm run sandbox -- \[options\]/);
    expect(result.stdout).toContain('--fal-latency MS');
  });

  it('lists catalogs as JSON', async () => {
    const result = await run('src/cli.ts', ['catalog', '--json'], {}, dir);
    expect(result.code).toBe(0);
    const ids = (JSON.parse(result.stdout) as { id: string }[]).map((c) => c.id).sort();
    expect(ids).toEqual(['capitao-caverna', 'cosmic-threads']);
  });

  it('generate stores the image and the record, and says what is missing without FAL_KEY', async () => {
    const missing = await run('src/cli.ts', ['generate'], {}, dir);
    expect(missing.code).toBe(78);
    expect(missing.stderr).toMatch(/FAL_KEY/);
    const env = {
      FAL_KEY: 'k',
      FAL_QUEUE_URL: fal.url,
      DATABASE_URL: `file:${join(dir, 'cli.db')}`,
      STORAGE_DIR: join(dir, 'media'),
    };
    const result = await run(
      'src/cli.ts',
      ['generate', '--catalog', 'cosmic-threads', '--style', 'retro-futurism'],
      env,
      dir,
    );
    expect(result.stderr).toMatch(/done/);
    expect(result.code).toBe(0);
    const record = JSON.parse(result.stdout);
    expect(record.status).toBe('done');
    expect(record.options.style).toBe('retro-futurism');
    expect(record.imageKey).toMatch(/^images\//);
  });

  it('commands deploy registers the chat commands with Discord (guild-scoped with DISCORD_DEV_GUILD_ID)', async () => {
    const discord = await startDiscordEmulator();
    try {
      const guildId = discord.guild().id;
      const env = {
        DISCORD_TOKEN: discord.botToken,
        DISCORD_APP_ID: discord.applicationId,
        DISCORD_API_URL: discord.apiUrl,
        DISCORD_DEV_GUILD_ID: guildId,
      };
      const result = await run('src/cli.ts', ['commands', 'deploy'], env, dir);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/\/generate, \/gallery, \/styles, \/sequence/);
      expect(
        discord
          .commands(guildId)
          .map((c) => c.name)
          .sort(),
      ).toEqual(['atelier', 'gallery', 'generate', 'quota', 'sequence', 'styles']);
      const missing = await run('src/cli.ts', ['commands', 'deploy'], {}, dir);
      expect(missing.code).toBe(78);
      expect(missing.stderr).toMatch(/DISCORD_TOKEN/);
    } finally {
      await discord.close();
    }
  });

  it('slack manifest derives the app manifest from the commands', async () => {
    const result = await run(
      'src/cli.ts',
      ['slack', 'manifest'],
      { PUBLIC_BASE_URL: 'https://atelier.example' },
      dir,
    );
    expect(result.code).toBe(0);
    const manifest = JSON.parse(result.stdout);
    const commands = manifest.features.slash_commands.map((c: { command: string }) => c.command).sort();
    expect(commands).toEqual(['/atelier', '/gallery', '/generate', '/quota', '/sequence', '/styles']);
    expect(manifest.oauth_config.scopes.bot).toContain('reactions:read');
    expect(JSON.stringify(manifest)).toContain('https://atelier.example/slack/events');
  });

  it('npm start with nothing configured names what is missing and points to the sandbox', async () => {
    const result = await run('src/main.ts', [], {}, dir);
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/FAL_KEY/);
    expect(result.stderr).toMatch(/DISCORD_TOKEN or SLACK_BOT_TOKEN/);
    expect(result.stderr).toMatch(/npm run sandbox/);
  });
});
