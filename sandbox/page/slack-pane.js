// The Slack side: one channel, live from the emulator's stream; threads inline, ephemerals for the
// person you act as, and the modals the app opens for them.
import { getJson, postJson, subscribe } from './api.js';
import { clear, h, pinToBottom, toast } from './dom.js';
import { createSlackComposer } from './slack-composer.js';
import { renderSlackMessage } from './slack-message.js';
import { createSlackModal } from './slack-modal.js';

const tsKey = (ts) =>
  String(ts)
    .split('.')
    .map((part, i) => (i === 0 ? part.padStart(12, '0') : part.padEnd(6, '0')))
    .join('.');
const byTs = (a, b) => (tsKey(a.m.ts) < tsKey(b.m.ts) ? -1 : 1);

export function createSlackPane(root, app) {
  const setup = app.setup.slack;
  if (!setup) {
    root.append(h('p', { class: 'off', text: 'Slack is off in this sandbox (started with --no-slack).' }));
    return;
  }
  const channels = setup.channels.filter((c) => c.members.includes(setup.bot.userId));
  const state = {
    channel: (channels.find((c) => c.name === 'art') ?? channels[0]).id,
    messages: new Map(),
    ephemerals: new Map(),
  };
  const me = () => app.person.slackId;
  const users = new Map(setup.users.map((u) => [u.id, u]));
  const channelName = (id) => setup.channels.find((c) => c.id === id)?.name;

  const act = async (path, body) => {
    try {
      return await postJson(`/x/slack/${path}`, body);
    } catch (error) {
      toast(`Slack: ${error.message}`);
    }
  };
  const md = { user: (id) => users.get(id)?.name, channel: channelName };
  const fileUrl = (id) => `/x/slack/files/${encodeURIComponent(id)}`;
  const modal = createSlackModal({
    ctx: { md, fileUrl },
    submit: (viewId, values) => act('submit-view', { userId: me(), viewId, values }),
    action: (view, b, e, extra) =>
      act('block-action', {
        userId: me(),
        viewId: view.id,
        actionId: e.action_id,
        blockId: b.block_id,
        ...extra,
      }),
  });
  const ctx = {
    me,
    md,
    fileUrl,
    botUserId: setup.bot.userId,
    userName: (id) => users.get(id)?.name,
    action: (m, b, e, extra) =>
      act('block-action', {
        userId: me(),
        channelId: m.channel,
        messageTs: m.ts,
        actionId: e.action_id,
        blockId: b.block_id,
        ...extra,
      }),
    react: (m, name, add) =>
      act(add ? 'react' : 'unreact', { userId: me(), channelId: m.channel, ts: m.ts, reaction: name }),
  };

  const channelSelect = h(
    'select',
    {
      class: 'channel-select',
      'aria-label': 'Slack channel',
      onchange: () => switchChannel(channelSelect.value),
    },
    channels.map((c) => h('option', { value: c.id, text: `# ${c.name}`, selected: c.id === state.channel })),
  );
  const list = h('div', { class: 'messages', role: 'log', 'aria-live': 'polite' });
  const pinned = pinToBottom(list);
  const composerRoot = h('div', { class: 'composer-wrap' });
  clear(root).append(
    h(
      'header',
      { class: 'pane-head' },
      h('span', { class: 'platform', text: 'Slack' }),
      h('span', { class: 'guild', text: setup.team.name }),
      channelSelect,
    ),
    list,
    composerRoot,
  );

  /** Everything shown in the channel now: messages and my live ephemerals, as { m, ephemeral }. */
  function items() {
    const out = [];
    for (const m of state.messages.values())
      if (m.channel === state.channel) out.push({ m, ephemeral: false });
    for (const e of state.ephemerals.values()) {
      if (e.channel !== state.channel || e.user !== me() || e.replacedAt || e.deletedAt) continue;
      out.push({
        m: { ...e, thread_ts: e.threadTs, user: setup.bot.userId, bot_id: setup.bot.botId },
        ephemeral: true,
      });
    }
    return out;
  }

  const isReply = (m) => m.thread_ts && m.thread_ts !== m.ts;

  function wrapper(item, all) {
    const replies = all.filter((r) => isReply(r.m) && r.m.thread_ts === item.m.ts).sort(byTs);
    const el = h(
      'div',
      { class: 'swrap', dataset: { wrap: item.m.ts } },
      renderSlackMessage(item.m, ctx, item.ephemeral),
    );
    if (replies.length > 0)
      el.append(
        h(
          'div',
          { class: 'thread' },
          h('div', {
            class: 'thread-head',
            text: `🧵 ${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}`,
          }),
          replies.map((r) => renderSlackMessage(r.m, ctx, r.ephemeral)),
        ),
      );
    return el;
  }

  function renderAll() {
    pinned(() => {
      clear(list);
      const all = items();
      const top = all.filter((i) => !isReply(i.m)).sort(byTs);
      if (top.length === 0)
        list.append(
          h(
            'div',
            { class: 'empty-hint' },
            h('strong', { text: `This is the very beginning of #${channelName(state.channel)}` }),
            h('p', { text: 'Type / to run a command, for example /generate.' }),
          ),
        );
      for (const item of top) list.append(wrapper(item, all));
    });
  }

  /** Redraws the top-level item `ts` (and its thread) in place. */
  function refresh(ts) {
    const all = items();
    const item = all.find((i) => i.m.ts === ts && !isReply(i.m));
    const old = list.querySelector(`[data-wrap="${CSS.escape(ts)}"]`);
    pinned(() => {
      if (!item) return old?.remove();
      const fresh = wrapper(item, all);
      if (old) return old.replaceWith(fresh);
      list.querySelector('.empty-hint')?.remove();
      const next = [...list.children].find((c) => c.dataset.wrap && tsKey(c.dataset.wrap) > tsKey(ts));
      list.insertBefore(fresh, next ?? null);
    });
  }

  const rootOf = (m) => (isReply(m) ? m.thread_ts : m.ts);

  function onMessage(change) {
    const m = change.message;
    const key = `${m.channel}:${m.ts}`;
    if (change.kind === 'deleted') state.messages.delete(key);
    else state.messages.set(key, m);
    if (m.channel === state.channel) refresh(rootOf(m));
  }

  function onEphemeral(e) {
    state.ephemerals.set(`${e.user}:${e.ts}`, e);
    if (e.channel === state.channel && e.user === me()) refresh(e.threadTs ?? e.ts);
  }

  function onView(change) {
    if (change.userId !== me()) return;
    if (change.kind === 'closed') modal.close(change.view.id);
    else modal.show(change.view, change.kind === 'errors' ? change.errors : undefined);
  }

  async function load() {
    const [messages, ephemerals] = await Promise.all(
      [`/x/slack/messages?channel=${encodeURIComponent(state.channel)}`, '/x/slack/ephemerals'].map((u) =>
        getJson(u),
      ),
    );
    for (const key of [...state.messages.keys()])
      if (key.startsWith(`${state.channel}:`)) state.messages.delete(key);
    for (const m of messages) state.messages.set(`${m.channel}:${m.ts}`, m);
    state.ephemerals = new Map(ephemerals.map((e) => [`${e.user}:${e.ts}`, e]));
    renderAll();
  }

  function switchChannel(id) {
    state.channel = id;
    load().catch((error) => toast(`Slack: ${error.message}`));
  }

  createSlackComposer(composerRoot, {
    commands: () => setup.commands,
    placeholder: () => `Message #${channelName(state.channel)} — type / for commands`,
    send: async (command, text) => {
      const result = await act('slash-command', { userId: me(), channelId: state.channel, command, text });
      if (result && !result.acked)
        toast(`Slack: ${command} failed with the error "dispatch_failed" (no ack within 3 s).`);
      return result;
    },
    post: (text) => act('post-message', { userId: me(), channelId: state.channel, text }),
  });

  subscribe(
    '/x/slack/stream',
    {
      message: onMessage,
      ephemeral: onEphemeral,
      view: onView,
      call: (call) => app.activity('slack', call),
    },
    () => load().catch((error) => toast(`Slack: ${error.message}`)),
  );
  app.onPerson(() => {
    modal.close();
    renderAll();
  });
}
