import { describe, expect, it } from 'vitest';
import { createAlertSink } from '../../../../src/core/alerts/alert-sink.js';
import type { Alert } from '../../../../src/core/alerts/alert-types.js';
import { captureLog } from './alert-fakes.js';

const alert: Alert = {
  condition: 'circuit_open',
  key: 'circuit_open:m',
  text: '🔴 Circuit open for m',
  details: { model: 'm' },
};

describe('alert sink', () => {
  it('logs (warn) and counts every alert, and posts it when a channel is configured', async () => {
    const { log, lines } = captureLog();
    const counted: string[] = [];
    const posted: string[] = [];
    const sink = createAlertSink({
      log,
      count: (c) => counted.push(c),
      post: async (text) => {
        posted.push(text);
      },
    });
    await sink(alert);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'operator alert',
        alert: 'circuit_open',
        model: 'm',
        text: alert.text,
      }),
    ]);
    expect(counted).toEqual(['circuit_open']);
    expect(posted).toEqual([alert.text]);
  });

  it('a failed post is logged and never thrown', async () => {
    const { log, lines } = captureLog();
    const sink = createAlertSink({
      log,
      post: async () => {
        throw new Error('Missing Access');
      },
    });
    await expect(sink(alert)).resolves.toBeUndefined();
    expect(lines.map((l) => l.msg)).toEqual([
      'operator alert',
      'could not post the alert to the ops channel',
    ]);
  });
});
