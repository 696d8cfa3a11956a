import type { Core } from '../compose.js';
import type { StatusEvent } from '../core/status.js';
import type { ParsedArgs } from './args.js';
import { cliRequester } from './cli-requester.js';
import { paramsFromArgs } from './params-from-args.js';

function describe(event: StatusEvent): string {
  const u = event.update;
  switch (u.kind) {
    case 'queued':
      return `queued — #${u.position} in line${u.etaMs ? ` (~${Math.ceil(u.etaMs / 1000)} s)` : ''}`;
    case 'submitted':
      return u.providerPosition === null
        ? 'submitted to the provider'
        : `waiting at the provider (#${u.providerPosition + 1})`;
    case 'generating':
      return `generating${u.progress === null ? '' : ` ${Math.round(u.progress * 100)} %`}`;
    case 'storing':
      return 'storing the image';
    case 'done':
      return u.reused ? 'done (reused a stored image)' : 'done';
    case 'failed':
      return `failed: ${u.message}`;
    case 'blocked':
      return `blocked: ${u.message}`;
  }
}

/** The full pipeline from the terminal: prints progress on stderr and the record as JSON on stdout. */
export async function runGenerateCommand(args: ParsedArgs, core: Core): Promise<number> {
  const { params, seed } = paramsFromArgs(args, core.catalogs);
  const requester = cliRequester();
  let id: string | undefined;
  const early: StatusEvent[] = [];
  const unsubscribe = core.service.onStatus((event) => {
    if (id === undefined) early.push(event);
    else if (event.generation.id === id) console.error(`  ${describe(event)}`);
  });
  try {
    await core.service.resume();
    const generation = await core.service.request({
      requester,
      params,
      ...(seed !== undefined ? { seed } : {}),
    });
    id = generation.id;
    for (const event of early) if (event.generation.id === id) console.error(`  ${describe(event)}`);
    console.error(`generation ${id} (seed ${generation.seed}, ${generation.model})`);
    const finished = await core.service.waitFor(id);
    console.log(JSON.stringify(finished, null, 2));
    return finished.status === 'done' ? 0 : 1;
  } finally {
    unsubscribe();
  }
}
