import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts an emulator's server (loopback and a free port unless told otherwise) and returns its base URL. */
export async function listenForUrl(server: Server, port = 0, host = '127.0.0.1'): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${shown}:${address.port}`;
}
