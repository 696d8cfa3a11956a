import { describe, expect, it } from 'vitest';
import { classifyFalError } from '../../../../src/infra/fal/classify-error.js';
import { createRoutedFalClient } from '../../../../src/infra/fal/fal-client.js';
import { FalHttpError, FalTransportError } from '../../../../src/infra/fal/fal-fetch.js';

/** A stand-in for the network (fetch is the client's injection point), recording every request. */
function fakeNetwork(answer: () => Response | Promise<Response>) {
  const calls: { url: string; method: string; auth: string | null }[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      auth: new Headers(init?.headers).get('authorization'),
    });
    return answer();
  }) as typeof fetch;
  return { calls, fetchImpl };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('routed fal client', () => {
  it('rewrites queue.fal.run to the configured queue URL and sends the key', async () => {
    const net = fakeNetwork(() => json(200, { request_id: 'abc', status: 'IN_QUEUE', queue_position: 0 }));
    const client = createRoutedFalClient({
      key: 'k1',
      queueUrl: 'http://127.0.0.1:9/',
      fetch: net.fetchImpl,
    });
    const queued = await client.queue.submit('fal-ai/flux/schnell', { input: { prompt: 'x' } });
    expect(queued.request_id).toBe('abc');
    expect(net.calls).toEqual([
      { url: 'http://127.0.0.1:9/fal-ai/flux/schnell', method: 'POST', auth: 'Key k1' },
    ]);
    await client.queue.status('fal-ai/flux/schnell', { requestId: 'abc', logs: true });
    expect(net.calls[1]?.url).toBe('http://127.0.0.1:9/fal-ai/flux/requests/abc/status?logs=1');
  });

  it('makes a 503 on submit reach us after one request: the client does not retry it', async () => {
    const net = fakeNetwork(() => json(503, { detail: 'busy' }));
    const client = createRoutedFalClient({ key: 'k', queueUrl: 'http://127.0.0.1:9', fetch: net.fetchImpl });
    const error = await client.queue
      .submit('fal-ai/flux/schnell', { input: { prompt: 'x' } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(FalHttpError);
    expect(error).toMatchObject({ status: 503, body: { detail: 'busy' } });
    expect(net.calls).toHaveLength(1);
  });

  it('does not let the client retry network failures either', async () => {
    const net = fakeNetwork(() => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    });
    const client = createRoutedFalClient({ key: 'k', queueUrl: 'http://127.0.0.1:9', fetch: net.fetchImpl });
    const error = await client.queue
      .submit('fal-ai/flux/schnell', { input: { prompt: 'x' } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(FalTransportError);
    expect(error).toMatchObject({ transportCode: 'ECONNRESET' });
    expect(classifyFalError(error).errorClass).toBe('retryable');
    expect(net.calls).toHaveLength(1);
  });
});
