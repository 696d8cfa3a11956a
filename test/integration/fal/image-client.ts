import { createFalClient, type FalClient } from '@fal-ai/client';
import sharp from 'sharp';

/** fal's hosts as @fal-ai/client 1.10 calls them (queue: queue.ts; storage initiate: config.ts getRestApiUrl). */
const FAL_HOSTS = ['https://queue.fal.run', 'https://rest.fal.ai'];

/**
 * A real @fal-ai/client whose requests go to the emulator: its requestMiddleware rewrites both fal hosts, the
 * way src/infra/fal/fal-client.ts rewrites the queue host (the bot rewrites only the queue host today).
 */
export function emulatedFalClient(emulatorUrl: string): FalClient {
  return createFalClient({
    credentials: 'test-key',
    suppressLocalCredentialsWarning: true,
    requestMiddleware: async (request) => {
      const host = FAL_HOSTS.find((h) => request.url.startsWith(`${h}/`));
      return host ? { ...request, url: emulatorUrl + request.url.slice(host.length) } : request;
    },
  });
}

/** A plain PNG of a given size: a left half red, a right half blue, so a composition can be recognised. */
export async function twoToneImage(width: number, height: number): Promise<Buffer> {
  const half = Math.floor(width / 2);
  return sharp({ create: { width, height, channels: 3, background: '#d02020' } })
    .composite([
      {
        input: { create: { width: width - half, height, channels: 3, background: '#2040d0' } },
        left: half,
        top: 0,
      },
    ])
    .png()
    .toBuffer();
}

export async function sizeOf(url: string): Promise<{ width: number; height: number; format: string }> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
  return { width: meta.width ?? 0, height: meta.height ?? 0, format: meta.format ?? '' };
}

/** The 422 a submit got, in fal's shape: the client throws a ValidationError carrying the body. */
export async function refusal(promise: Promise<unknown>): Promise<{ status: number; detail: unknown }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { status?: number; body?: { detail?: unknown } };
    return { status: e.status ?? 0, detail: e.body?.detail };
  }
  throw new Error('expected the submit to be refused');
}
