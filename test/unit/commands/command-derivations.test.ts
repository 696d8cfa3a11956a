import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { createCatalogRegistry, loadCatalogs } from '../../../src/core/catalog/load-catalogs.js';
import { discordCommands } from '../../../src/platforms/discord/command-json.js';
import { parseCommandText } from '../../../src/platforms/slack/command-text.js';
import { buildSlackManifest } from '../../../src/platforms/slack/manifest.js';
import { wideRegistry } from '../platforms/discord/fixtures.js';

/**
 * Pins what every chat platform derives from `commands/`: the Discord command JSON that gets deployed,
 * the Slack manifest's usage hints, and what Slack text and raw option maps parse into (or the exact
 * message refusing them). Recorded before the commands moved to the option builder; a change here is a
 * change people see.
 */
const real = await loadCatalogs();
const registries = {
  real,
  single: createCatalogRegistry([real.get(real.defaultId)]),
  wide: wideRegistry(),
};

/** What a call returns (as JSON: an absent option and one set to undefined read alike), or its error. */
function outcome(fn: () => unknown): unknown {
  try {
    return { ok: JSON.parse(JSON.stringify(fn() ?? null)) };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

const TEXTS: Record<string, string[]> = {
  generate: [
    '',
    'style:comic-book pose:flexing a red scarf',
    'STYLE=watercolor seed:42 aspect:16:9',
    'stlye:comic-book',
    'style:a style:b',
    'seed:-1 aspect:wide',
    'seed:abc',
    `prompt:"${'x'.repeat(301)}"`,
    `catalog:${'c'.repeat(41)} seed:99999999999`,
    'catalog:cosmic-threads medium:oil',
    'fish &amp; chips &lt;3 prompt:"x &gt; y"',
    'style: ',
  ],
  gallery: [
    '',
    '<@U0MAYA0001|maya> style:watercolor',
    'user:<@U0RAVI0001>',
    'show me everything',
    'page:2',
    'style:nope user:bad!user',
  ],
  styles: ['', 'catalog:cosmic-threads', 'style:comic-book', 'anything'],
  sequence: ['', 'style:comic-book seed:7', 'frame:one', 'seed:2147483648 catalog:x'],
  quota: ['', 'anything', 'a:b'],
  atelier: [
    '',
    'stats',
    'stast',
    'usage month',
    'usage year',
    'quota user-hourly 3',
    'quota user-hourly lots',
    'quota user-hourly 12345678901',
    'quota value:default limit:in-flight',
    'budget monthly $7.50',
    'budget weekly 5',
    'ban <@U0RAVI0001|ravi> spamming &amp; flooding',
    'ban',
    'unban @U0RAVI0001',
    'purge user:<@U0RAVI0001>',
    'pause now',
  ],
};

const RAW: Record<string, unknown>[] = [
  {},
  { style: ' comic-book ', seed: 3, aspect: '1:1', prompt: 'hi' },
  { seed: '12', page: '3', user: 'U1', catalog: 'capitao-caverna' },
  { seed: 1.5, aspect: 'nope', catalog: 'c'.repeat(41), style: '' },
  { unknown: 'x', other: 1, style: 5 },
  { subcommand: 'budget', period: 'daily', usd: '25' },
  { subcommand: 'ban', user: ' U1 ', reason: '  spam  ' },
  { subcommand: 'nope' },
  { subcommand: 'quota', limit: 'user-daily', value: 'default', extra: 1 },
  { style: 'x', page: 0, user: '' },
];

describe('what the platforms derive from commands/', () => {
  it('deploys the same Discord command JSON', () => {
    for (const [name, registry] of Object.entries(registries))
      expect(discordCommands(registry)).toMatchSnapshot(`discord ${name}`);
  });

  it('writes the same Slack manifest commands', () => {
    for (const [name, registry] of Object.entries(registries))
      expect(buildSlackManifest(registry, 'https://bot.example').features.slash_commands).toMatchSnapshot(
        `slack manifest ${name}`,
      );
  });

  it('parses Slack text the same way, with the same messages', () => {
    for (const command of commands) {
      const answers = (TEXTS[command.name] ?? []).map((text) => {
        const raw = outcome(() => parseCommandText(command.options(real), text));
        const input =
          raw && typeof raw === 'object' && 'ok' in raw
            ? outcome(() => command.prepare(raw.ok as Record<string, unknown>, real).input)
            : undefined;
        return { text, raw, input };
      });
      expect(answers).toMatchSnapshot(`slack /${command.name}`);
    }
  });

  it('validates raw option maps the same way, with the same messages', () => {
    for (const command of commands)
      expect(RAW.map((raw) => outcome(() => command.prepare(raw, real).input))).toMatchSnapshot(
        `raw /${command.name}`,
      );
  });
});
