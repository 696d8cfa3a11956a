import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, requireSettings } from '../../src/config.js';

describe('parseConfig', () => {
  it('applies the documented defaults with nothing set', () => {
    const config = parseConfig({});
    expect(config.fal.model).toBe('fal-ai/flux/schnell');
    expect(config.fal.queueUrl).toBe('https://queue.fal.run');
    expect(config.providerConcurrency).toBe(2);
    expect(config.database.url).toBe('file:./data/atelier.db');
    expect(config.storage.driver).toBe('local');
    expect(config.http).toEqual({ host: '0.0.0.0', port: 3000 });
    expect(config.mediaDelivery).toBe('auto');
    expect(config.discord).toBeUndefined();
    expect(config.slack).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.fal)).toBe(true);
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      parseConfig({
        PROVIDER_CONCURRENCY: 'many',
        HTTP_PORT: '70000',
        MEDIA_DELIVERY: 'carrier-pigeon',
        REDIS_URL: 'localhost:6379',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['PROVIDER_CONCURRENCY', 'HTTP_PORT', 'MEDIA_DELIVERY', 'REDIS_URL'])
      expect(message).toContain(name);
    expect((error as ConfigError).problems).toHaveLength(4);
    expect(message).toContain('npm run sandbox');
  });

  it('requires what goes with a platform or the r2 driver', () => {
    expect(() => parseConfig({ DISCORD_TOKEN: 'x' })).toThrow(/DISCORD_APP_ID/);
    expect(() => parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).not.toThrow();
    const error = (() => {
      try {
        parseConfig({ STORAGE_DRIVER: 'r2', R2_BUCKET: 'b' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error?.problems.map((p) => p.split(':')[0])).toEqual([
      'R2_ENDPOINT',
      'R2_ACCESS_KEY_ID',
      'R2_SECRET_ACCESS_KEY',
      'PUBLIC_MEDIA_URL',
    ]);
  });

  it('parses lists and normalises URLs', () => {
    const config = parseConfig({
      FAL_FALLBACK_MODELS: ' fal-ai/flux/dev , fal-ai/recraft/v3/text-to-image,',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
      PUBLIC_BASE_URL: 'https://atelier.example/',
      DISCORD_TOKEN: 't',
      DISCORD_APP_ID: '123456789',
      DISCORD_SHARDS: 'auto',
    });
    expect(config.fal.fallbackModels).toEqual(['fal-ai/flux/dev', 'fal-ai/recraft/v3/text-to-image']);
    expect(config.slack?.apiUrl).toBe('http://127.0.0.1:9/api/');
    expect(config.publicBaseUrl).toBe('https://atelier.example');
    expect(config.discord?.shards).toBe('auto');
  });

  it('says what is missing to run for real', () => {
    const config = parseConfig({});
    expect(() => requireSettings(config, [])).not.toThrow();
    expect(() => requireSettings(config, ['fal', 'platform'])).toThrow(
      /FAL_KEY[\s\S]*DISCORD_TOKEN or SLACK_BOT_TOKEN/,
    );
  });
});
