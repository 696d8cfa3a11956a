import { describe, expect, it } from 'vitest';
import { commands } from '../../../../commands/index.js';
import { loadCatalogs } from '../../../../src/core/catalog/load-catalogs.js';
import { buildSlackManifest } from '../../../../src/platforms/slack/manifest.js';

const catalogs = await loadCatalogs();

describe('buildSlackManifest', () => {
  it('derives one slash command per command definition, all pointing at /slack/events', () => {
    const manifest = buildSlackManifest(catalogs, 'https://atelier.example.com/');
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(commands.map((c) => `/${c.name}`));
    for (const command of manifest.features.slash_commands) {
      expect(command.url).toBe('https://atelier.example.com/slack/events');
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect(command.usage_hint.length).toBeLessThanOrEqual(1000);
      expect(command.should_escape).toBe(true);
    }
    expect(manifest.features.slash_commands[0]!.usage_hint).toContain('style:…');
    expect(manifest.settings.event_subscriptions).toEqual({
      request_url: 'https://atelier.example.com/slack/events',
      bot_events: ['reaction_added'],
    });
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.display_information.long_description.length).toBeGreaterThanOrEqual(175);
  });

  it('asks for the scopes the adapter uses, and no others', () => {
    const scopes = buildSlackManifest(catalogs, 'http://x').oauth_config.scopes.bot;
    // conversations.history (finding a resumed job's message) needs the history scope of each conversation
    // type the bot can be used in; nothing calls users.* (users:read was asked for and unused).
    expect([...scopes].sort()).toEqual(
      [
        'commands',
        'chat:write',
        'reactions:read',
        'reactions:write',
        'files:write',
        'channels:history',
        'groups:history',
        'im:history',
        'mpim:history',
        'channels:read',
        'groups:read',
        'im:read',
        'mpim:read',
      ].sort(),
    );
  });

  it('leaves request URLs out in Socket Mode', () => {
    const manifest = buildSlackManifest(catalogs, 'http://x', { socketMode: true });
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(manifest)).not.toContain('/slack/events');
  });
});
