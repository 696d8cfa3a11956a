/**
 * What one HTTP request costs in CPU on this machine, in the cheapest way Node makes one (node:http with a
 * kept-alive connection, a small JSON body each way, the server in another process so only the client's
 * work is counted). A job makes several requests (its chat calls, and fal's submit, status stream, result
 * and image download), so this sets a floor under CPU per job that no change in the bot can go below.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent } from 'node:http';
import { httpCall } from '../sandbox/http-call.js';

/** fal requests per job: submit, the status stream, the result, the image download. */
export const FAL_REQUESTS_PER_JOB = 4;

const SERVER = `
const s = require('node:http').createServer((q, r) => {
  q.resume();
  q.on('end', () => { r.writeHead(200, { 'content-type': 'application/json' }); r.end('{"id":"1187263544419881010","ok":true}'); });
});
s.keepAliveTimeout = 60000;
s.listen(0, '127.0.0.1', () => console.log(s.address().port));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

export async function measureHttpRequestCpuUs(requests = 2_000): Promise<number> {
  const server = spawn(process.execPath, ['-e', SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const [chunk] = (await once(server.stdout, 'data')) as [Buffer];
    const port = Number(chunk.toString().trim());
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const body = JSON.stringify({
      embeds: [{ title: 'bench', description: '🎨 Generating… 40%'.repeat(8) }],
    });
    const target = {
      host: '127.0.0.1',
      port,
      path: '/x',
      method: 'PATCH',
      agent,
      headers: { 'content-type': 'application/json' },
    };
    const oneRequest = async () => {
      JSON.parse((await httpCall(target, body)).body);
    };
    for (let i = 0; i < 300; i++) await oneRequest();
    const before = process.cpuUsage();
    for (let i = 0; i < requests; i++) await oneRequest();
    const used = process.cpuUsage(before);
    agent.destroy();
    return (used.user + used.system) / requests;
  } finally {
    server.stdin.end();
    server.kill();
  }
}
