import { createServer } from 'node:net';

/**
 * `preferred` when it can be bound on `host`, else a free port the system picks (0 asks for that at once).
 * The bot's URL goes into its configuration before it listens, so the port is chosen ahead of time; the
 * short gap between this check and the bot's listen is acceptable for a local sandbox.
 */
export async function pickPort(host: string, preferred: number): Promise<number> {
  if (preferred !== 0) {
    const taken = await tryListen(host, preferred);
    if (taken !== undefined) return taken;
  }
  const any = await tryListen(host, 0);
  if (any === undefined) throw new Error(`cannot bind any port on ${host}`);
  return any;
}

function tryListen(host: string, port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const bound = address && typeof address === 'object' ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}
