// The knobs panel: what goes wrong, on purpose. Every control goes through an emulator's knob API.
import { getJson, postJson } from './api.js';
import { append, clear, h, toast } from './dom.js';

const pct = (v) => `${Math.round(v * 100)}%`;

export function createKnobsPanel(root, app) {
  const activity = h('ol', { class: 'activity', 'aria-label': 'Recent chat API errors' });
  const counts = { discord: 0, slack: 0 };
  const countLine = h('p', { class: 'muted' });
  const stats = h('p', { class: 'fal-stats muted', text: '…' });
  const links = h('div', { class: 'link-list' });

  const post = (target, body) =>
    postJson(`/x/${target}/knobs`, body).catch((error) => {
      toast(`${target} knobs: ${error.message}`);
    });

  function slider(label, value, max, step, format, apply) {
    const out = h('output', { text: format(value) });
    const input = h('input', { type: 'range', min: 0, max, step, value, 'aria-label': label });
    input.addEventListener('input', () => {
      out.textContent = format(Number(input.value));
    });
    input.addEventListener('change', () => apply(Number(input.value)));
    return h('label', { class: 'knob' }, h('span', { text: label }), input, out);
  }

  function check(label, checked, apply) {
    const input = h('input', { type: 'checkbox', checked });
    input.addEventListener('change', () => apply(input.checked));
    return h('label', { class: 'knob check' }, input, h('span', { text: label }));
  }

  // The bot reads FAL_MODEL at start-up (its prompts are fitted to that model): switching restarts it.
  function modelPicker(info) {
    const select = h(
      'select',
      { 'aria-label': 'Image model', class: 'model-select' },
      info.choices.map((c) =>
        h('option', {
          value: c.endpoint,
          text: `${c.label} · ${c.budget}`,
          selected: c.endpoint === info.current,
        }),
      ),
    );
    const note = h('p', { class: 'muted', text: `The bot runs on ${info.current}.` });
    select.addEventListener('change', async () => {
      const model = select.value;
      select.disabled = true;
      note.textContent = `Restarting the bot on ${model}…`;
      try {
        const now = await postJson('/api/model', { model });
        note.textContent = `The bot runs on ${now.current}.`;
        toast(`The bot now runs on ${now.current}`);
      } catch (error) {
        toast(`Model: ${error.message}`);
        const now = await getJson('/api/model').catch(() => info);
        select.value = now.current;
        note.textContent = `The bot runs on ${now.current}.`;
      } finally {
        select.disabled = false;
      }
    });
    return [h('label', { class: 'knob model' }, h('span', { text: 'Model' }), select), note];
  }

  const button = (label, onclick) =>
    h('button', { type: 'button', class: 'knob-button', text: label, onclick });

  function drawLinks() {
    const who = app.person;
    clear(links).append(
      h('a', {
        href: `/go/gallery?platform=discord&user=${encodeURIComponent(who.name)}`,
        target: '_blank',
        rel: 'noopener',
        text: `${who.displayName}'s gallery (Discord)`,
      }),
      h('a', {
        href: `/go/gallery?platform=slack&user=${encodeURIComponent(who.name)}`,
        target: '_blank',
        rel: 'noopener',
        text: `${who.displayName}'s gallery (Slack)`,
      }),
      ...app.setup.bot.links.map((l) =>
        h('a', { href: l.url, target: '_blank', rel: 'noopener', text: `/${l.name}` }),
      ),
    );
  }

  async function draw() {
    const [fal, discord, slack, model] = await Promise.all([
      ...['fal', app.setup.discord && 'discord', app.setup.slack && 'slack'].map((t) =>
        t ? getJson(`/x/${t}/knobs`) : null,
      ),
      getJson('/api/model'),
    ]);
    append(clear(root), [
      h('h2', { text: 'Open' }),
      links,
      h('h2', { text: 'fal (image service)' }),
      modelPicker(model),
      slider(
        'Latency',
        fal.latencyMs,
        10_000,
        250,
        (v) => `${(v / 1000).toFixed(1)} s`,
        (v) => post('fal', { latencyMs: v }),
      ),
      slider(
        'Spread ±',
        fal.latencySpreadMs,
        5_000,
        250,
        (v) => `${(v / 1000).toFixed(1)} s`,
        (v) => post('fal', { latencySpreadMs: v }),
      ),
      slider('At once', fal.concurrency, 8, 1, String, (v) => post('fal', { concurrency: Math.max(1, v) })),
      slider('Failures (503)', fal.failureRate, 1, 0.05, pct, (v) => post('fal', { failureRate: v })),
      slider('Rate limited (429)', fal.rateLimit429Rate, 1, 0.05, pct, (v) =>
        post('fal', { rateLimit429Rate: v }),
      ),
      slider('NSFW flagged', fal.nsfwRate, 1, 0.05, pct, (v) => post('fal', { nsfwRate: v })),
      check('Down (503 to everything)', fal.down, (v) => post('fal', { down: v })),
      stats,
      discord
        ? [
            h('h2', { text: 'Discord' }),
            slider(
              'REST latency',
              discord.latencyMs,
              2_000,
              50,
              (v) => `${v} ms`,
              (v) => post('discord', { latencyMs: v }),
            ),
            check('Per-route rate limits', Object.keys(discord.buckets).length > 0, (on) =>
              post('discord', { buckets: on ? app.setup.discord.realisticBuckets : {} }),
            ),
            h(
              'div',
              { class: 'knob-row' },
              button('429 on next 3 edits', async () => {
                const k = await getJson('/x/discord/knobs');
                post('discord', {
                  force429: [...k.force429, { route: 'edits', count: 3, retryAfterMs: 2000, global: false }],
                });
              }),
              button('500 on next 2 edits', async () => {
                const k = await getJson('/x/discord/knobs');
                post('discord', { fail5xx: [...k.fail5xx, { route: 'edits', count: 2, status: 500 }] });
              }),
            ),
          ]
        : null,
      slack
        ? [
            h('h2', { text: 'Slack' }),
            slider(
              'Web API latency',
              slack.latencyMs,
              2_000,
              50,
              (v) => `${v} ms`,
              (v) => post('slack', { latencyMs: v }),
            ),
            check('Rate-limit tiers', slack.rateLimits, (v) => post('slack', { rateLimits: v })),
            h(
              'div',
              { class: 'knob-row' },
              button('ratelimited on next 3 chat.update', () =>
                post('slack', { rateLimitNext: { 'chat.update': 3 } }),
              ),
              button('ratelimited on next chat.postMessage', () =>
                post('slack', { rateLimitNext: { 'chat.postMessage': 1 } }),
              ),
            ),
          ]
        : null,
      h('h2', { text: 'Chat API errors' }),
      countLine,
      activity,
    ]);
    drawLinks();
    drawCounts();
  }

  function drawCounts() {
    countLine.textContent = `API calls so far: Discord ${counts.discord}, Slack ${counts.slack}. Refused calls:`;
  }

  async function pollStats() {
    if (!root.hidden || window.matchMedia('(min-width: 1200px)').matches) {
      const s = await getJson('/x/fal/stats').catch(() => undefined);
      if (s)
        stats.textContent = `in queue ${s.inQueue} · rendering ${s.inProgress} · done ${s.completed} · submits ${s.submits}`;
    }
    setTimeout(pollStats, 1500);
  }

  app.activity = (platform, call) => {
    counts[platform] += 1;
    drawCounts();
    const failed = platform === 'discord' ? call.status >= 400 : call.status >= 400 || call.ok === false;
    if (!failed) return;
    const what = platform === 'discord' ? `${call.method} ${call.route || call.path}` : call.method;
    const why =
      platform === 'discord'
        ? `${call.status}${call.errorCode ? ` (${call.errorCode})` : ''}`
        : `${call.status} ${call.error ?? ''}`;
    activity.prepend(
      h('li', { class: platform }, h('strong', { text: platform }), ` ${what} → `, h('code', { text: why })),
    );
    while (activity.children.length > 30) activity.lastElementChild.remove();
  };
  app.onPerson(drawLinks);
  draw().catch((error) => toast(`Knobs: ${error.message}`));
  pollStats();
}
