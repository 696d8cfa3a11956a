import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createConnection, createServer } from 'node:net';

export const REDIS_MISSING = 'install redis-server (apt-get install redis-server) to run the Redis tests';

export interface RedisServer {
  url: string;
  port: number;
  /** Kills the server (its data is gone: no persistence). */
  stop(): Promise<void>;
  /** Stops the server if running and starts an empty one on the same port. */
  restart(): Promise<void>;
}

function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * For `describe.skipIf(!canRunRedisTests())`: true when redis-server is installed. Outside CI a missing server
 * skips the suite with a message; in CI it throws, so the suite fails instead of silently passing.
 */
export function canRunRedisTests(): boolean {
  if (hasRedisServer()) return true;
  if (process.env.CI === 'true') throw new Error(`redis-server is not installed: ${REDIS_MISSING}`);
  console.warn(`Skipping the Redis tests: ${REDIS_MISSING}`);
  return false;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

/** One PING over a raw socket: true when the server answers +PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

async function waitForPing(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}): ${output()}`);
    if (await ping(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`redis-server did not answer PING on port ${port}: ${output()}`);
}

function spawnRedis(port: number): { child: ChildProcess; output: () => string } {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-2_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => log };
}

/** Starts a throw-away redis-server on a free loopback port; it is killed on stop() or when this process exits. */
export async function startRedis(): Promise<RedisServer> {
  if (!hasRedisServer()) throw new Error(`redis-server is not installed: ${REDIS_MISSING}`);
  const port = await freePort();
  let child: ChildProcess | undefined;
  const killOnExit = () => child?.kill('SIGKILL');
  process.on('exit', killOnExit);

  const start = async () => {
    const spawned = spawnRedis(port);
    child = spawned.child;
    await waitForPing(port, spawned.child, spawned.output);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGKILL');
    await exited;
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      await stop();
      process.off('exit', killOnExit);
    },
    async restart() {
      await stop();
      process.off('exit', killOnExit);
      process.on('exit', killOnExit);
      await start();
    },
  };
}
