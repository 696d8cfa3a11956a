import { createFalClient } from '@fal-ai/client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FalEmulator, startFalEmulator } from '../../../sandbox/fal/fal-emulator.js';
import { createGatedRender } from './gated-render.js';

const MODEL = 'fal-ai/flux/schnell';
const gate = createGatedRender();
let emu: FalEmulator;

const auth = { authorization: 'Key test-key', 'content-type': 'application/json' };

async function submit(prompt: unknown, model = MODEL) {
  const res = await fetch(`${emu.url}/${model}`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ prompt }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function status(id: string, logs = false) {
  const res = await fetch(`${emu.url}/fal-ai/flux/requests/${id}/status${logs ? '?logs=1' : ''}`, {
    headers: auth,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  emu = await startFalEmulator({ render: gate.render, knobs: { latencyMs: 5 } });
});
afterEach(() => {
  gate.releaseAll();
  emu.reset();
});
afterAll(async () => {
  gate.releaseAll();
  await emu.close();
});

describe('fal emulator queue', () => {
  it('answers a submit the way fal does, with URLs pointing at itself', async () => {
    const { status: code, body } = await submit('a red fox');
    expect(code).toBe(200);
    expect(body).toMatchObject({ status: 'IN_QUEUE', queue_position: 0 });
    expect(body.status_url).toBe(`${emu.url}/fal-ai/flux/requests/${body.request_id}/status`);
    expect(body.response_url).toBe(`${emu.url}/fal-ai/flux/requests/${body.request_id}`);
    expect(body.cancel_url).toBe(`${emu.url}/fal-ai/flux/requests/${body.request_id}/cancel`);
  });

  it('gives real queue positions that move up as slots free, never exceeding concurrency', async () => {
    emu.setKnobs({ concurrency: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(String((await submit(`job ${i}`)).body.request_id));
    await vi.waitFor(() => expect(gate.waiting).toBe(2));
    const states = await Promise.all(ids.map((id) => status(id)));
    expect(states.map((s) => s.body.status)).toEqual([
      'IN_PROGRESS',
      'IN_PROGRESS',
      'IN_QUEUE',
      'IN_QUEUE',
      'IN_QUEUE',
    ]);
    expect(states.slice(2).map((s) => s.body.queue_position)).toEqual([0, 1, 2]);
    expect(states[0]?.status).toBe(202);
    expect(emu.stats()).toMatchObject({ inProgress: 2, inQueue: 3 });

    gate.release();
    await vi.waitFor(async () => expect((await status(ids[4] ?? '')).body.queue_position).toBe(1));
    expect((await status(ids[0] ?? '')).body.status).toBe('COMPLETED');

    for (let done = 1; done < 5; done++) {
      await vi.waitFor(() => expect(gate.waiting).toBeGreaterThan(0));
      gate.release();
    }
    await vi.waitFor(() => expect(emu.stats().completed).toBe(5));
    const stats = emu.stats();
    expect(stats.peakInProgress).toBe(2);
    expect(stats.byModel[MODEL]).toMatchObject({ submits: 5, accepted: 5, completed: 5, peakInProgress: 2 });
  });

  it('reports step logs while in progress and metrics when completed', async () => {
    const id = String((await submit('logs please')).body.request_id);
    await vi.waitFor(async () => {
      const logs = (await status(id, true)).body.logs as { message: string }[];
      expect(logs.map((l) => l.message)).toContain('step 4/4');
    });
    expect((await status(id)).body.logs).toBeNull();
    gate.release();
    await vi.waitFor(async () => expect((await status(id, true)).status).toBe(200));
    const done = (await status(id, true)).body;
    expect(done.status).toBe('COMPLETED');
    expect((done.metrics as { inference_time: number }).inference_time).toBeGreaterThan(0);
    const result = await fetch(`${emu.url}/fal-ai/flux/requests/${id}`, { headers: auth });
    const output = (await result.json()) as {
      images: { url: string; width: number }[];
      has_nsfw_concepts: boolean[];
    };
    expect(output.has_nsfw_concepts).toEqual([false]);
    const media = await fetch(output.images[0]?.url ?? '');
    expect(media.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await media.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('refuses requests without a key and validates input like FastAPI', async () => {
    const noKey = await fetch(`${emu.url}/${MODEL}`, { method: 'POST', body: '{"prompt":"x"}' });
    expect(noKey.status).toBe(401);
    const missing = await submit(undefined);
    expect(missing.status).toBe(422);
    expect(missing.body.detail).toEqual([
      { loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' },
    ]);
    const wrongType = await submit(42);
    expect((wrongType.body.detail as { type: string }[])[0]?.type).toBe('string_type');
    const trigger = await submit('please __422__');
    expect((trigger.body.detail as { type: string }[])[0]?.type).toBe('content_policy_violation');
    expect(emu.stats()).toMatchObject({ accepted: 0, unauthorized: 1 });
  });

  it('streams status over SSE for the real client in streaming mode', async () => {
    const client = createFalClient({
      credentials: 'test-key',
      requestMiddleware: async (r) => ({ ...r, url: r.url.replace('https://queue.fal.run', emu.url) }),
    });
    const { request_id } = await client.queue.submit(MODEL, { input: { prompt: 'streamed' } });
    const seen: string[] = [];
    const done = client.queue.subscribeToStatus(MODEL, {
      requestId: request_id,
      mode: 'streaming',
      logs: true,
      onQueueUpdate: (u) => seen.push(u.status),
    });
    await vi.waitFor(() => expect(seen).toContain('IN_PROGRESS'));
    gate.release();
    const final = await done;
    expect(final.status).toBe('COMPLETED');
    expect(seen.at(-1)).toBe('COMPLETED');
    const result = await client.queue.result(MODEL, { requestId: request_id });
    expect((result.data as { images: unknown[] }).images).toHaveLength(1);
  });

  it('cancels a queued job', async () => {
    emu.setKnobs({ concurrency: 1 });
    await submit('running');
    const queued = String((await submit('queued')).body.request_id);
    const res = await fetch(`${emu.url}/fal-ai/flux/requests/${queued}/cancel`, {
      method: 'PUT',
      headers: auth,
    });
    expect(res.status).toBe(202);
    expect((await status(queued)).body).toMatchObject({ status: 'COMPLETED', error_type: 'cancelled' });
    expect(emu.stats()).toMatchObject({ cancelled: 1, inQueue: 0 });
  });
});

describe('fal emulator knobs', () => {
  it('are settable over HTTP and change behaviour', async () => {
    const set = await fetch(`${emu.url}/_emulator/knobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        failNextSubmits: 1,
        failureStatus: 502,
        perModel: { 'fal-ai/flux/dev': { down: true } },
      }),
    });
    expect(set.status).toBe(200);
    expect((await set.json()) as object).toMatchObject({ failNextSubmits: 1 });
    expect((await submit('first')).status).toBe(502);
    expect((await submit('second')).status).toBe(200);
    expect((await submit('dev', 'fal-ai/flux/dev')).status).toBe(503);
    const stats = (await (await fetch(`${emu.url}/_emulator/stats`)).json()) as {
      submits: number;
      accepted: number;
    };
    expect(stats).toMatchObject({ submits: 2, accepted: 1 });
  });

  it('rejects unknown or out-of-range knobs with 400', async () => {
    const json = { 'content-type': 'application/json' };
    const typo = await fetch(`${emu.url}/_emulator/knobs`, {
      method: 'POST',
      headers: json,
      body: '{"latency":5}',
    });
    expect(typo.status).toBe(400);
    const range = await fetch(`${emu.url}/_emulator/knobs`, {
      method: 'POST',
      headers: json,
      body: '{"failureRate":2}',
    });
    expect(range.status).toBe(400);
    expect(() => emu.setKnobs({ concurrency: 0 })).toThrow();
  });

  it('goes down, rate limits, and expires media on request', async () => {
    emu.setKnobs({ down: true });
    expect((await submit('x')).status).toBe(503);
    emu.setKnobs({ down: false, rateLimit429Rate: 1 });
    expect((await submit('x')).status).toBe(429);
    emu.setKnobs({ rateLimit429Rate: 0, mediaExpired: true });
    const id = String((await submit('x')).body.request_id);
    await vi.waitFor(() => expect(gate.waiting).toBe(1));
    gate.release();
    await vi.waitFor(async () => expect((await status(id)).body.status).toBe('COMPLETED'));
    const out = (await (await fetch(`${emu.url}/fal-ai/flux/requests/${id}`, { headers: auth })).json()) as {
      images: { url: string }[];
    };
    expect((await fetch(out.images[0]?.url ?? '')).status).toBe(404);
  });

  it('reset restores the start knobs and clears counters', async () => {
    emu.setKnobs({ latencyMs: 999 });
    await submit('counted');
    emu.reset();
    expect(emu.knobs().latencyMs).toBe(5);
    expect(emu.stats()).toMatchObject({ submits: 0, accepted: 0, inQueue: 0, inProgress: 0 });
  });
});
