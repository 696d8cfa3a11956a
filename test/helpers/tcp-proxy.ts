import { once } from 'node:events';
import { createConnection, createServer, type Socket } from 'node:net';

/** A loopback TCP proxy in front of a real server, able to make one connection go silent. */
export interface TcpProxy {
  port: number;
  /**
   * The next connection whose client sends data matching `pattern` goes silent from then on: that data and
   * everything after it, both ways, is dropped, while the socket stays open (a peer that stopped answering).
   * Resolves when it has happened.
   */
  silenceNext(pattern: RegExp): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let trap: { pattern: RegExp; sprung: () => void } | undefined;

  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    let silent = false;
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => {
      if (!silent && trap?.pattern.test(chunk.toString('latin1'))) {
        silent = true;
        trap.sprung();
        trap = undefined;
      }
      if (!silent) upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!silent) client.write(chunk);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no port');

  return {
    port: address.port,
    silenceNext(pattern) {
      return new Promise<void>((resolve) => {
        trap = { pattern, sprung: resolve };
      });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
