// The Discord side: one guild channel, live from the emulator's event stream, with threads shown inline.
import { getJson, postJson, subscribe } from './api.js';
import { createDiscordComposer } from './discord-composer.js';
import { renderDiscordMessage } from './discord-message.js';
import { openDiscordModal } from './discord-modal.js';
import { clear, h, pinToBottom, toast } from './dom.js';

const EPHEMERAL = 1 << 6;
const byId = (a, b) => (BigInt(a.message.id) < BigInt(b.message.id) ? -1 : 1);
const emojiKey = (e) => (e.id ? `${e.name}:${e.id}` : e.name);

export function createDiscordPane(root, app) {
  const setup = app.setup.discord;
  if (!setup) {
    root.append(
      h('p', { class: 'off', text: 'Discord is off in this sandbox (started with --no-discord).' }),
    );
    return;
  }
  const guild = setup.guild;
  const state = {
    channelId: guild.channels.art ?? Object.values(guild.channels)[0],
    messages: new Map(),
    reactions: new Map(),
    users: new Map(),
    commands: { global: [], guild: [] },
    modalsShown: new Set(),
    // interaction_metadata has no command name; the interaction records do.
    commandNames: new Map(),
  };
  const me = () => app.person.discordId;

  const channelSelect = h(
    'select',
    {
      class: 'channel-select',
      'aria-label': 'Discord channel',
      onchange: () => switchChannel(channelSelect.value),
    },
    Object.entries(guild.channels).map(([name, id]) =>
      h('option', { value: id, text: `# ${name}`, selected: id === state.channelId }),
    ),
  );
  const list = h('div', { class: 'messages', role: 'log', 'aria-live': 'polite' });
  const pinned = pinToBottom(list);
  const composerRoot = h('div', { class: 'composer-wrap' });
  clear(root).append(
    h(
      'header',
      { class: 'pane-head' },
      h('span', { class: 'platform', text: 'Discord' }),
      h('span', { class: 'guild', text: guild.name }),
      channelSelect,
    ),
    list,
    composerRoot,
  );

  const visible = ({ message, visibleTo }) => !(message.flags & EPHEMERAL) || visibleTo === me();
  const ownerOf = (message) =>
    message.flags & EPHEMERAL ? message.interaction_metadata?.user?.id : undefined;

  const act = async (path, body) => {
    try {
      return await postJson(`/x/discord/${path}`, body);
    } catch (error) {
      toast(`Discord: ${error.message}`);
    }
  };
  const ctx = {
    md: {
      user: (id) => state.users.get(id)?.global_name ?? state.users.get(id)?.username,
      channel: channelName,
    },
    userName: (id) => state.users.get(id)?.global_name ?? state.users.get(id)?.username,
    commandName: (interactionId) => state.commandNames.get(interactionId),
    dismiss: (id) => {
      state.messages.delete(id);
      refresh(id);
    },
    reactions: reactionList,
    react: (message, emoji, add) =>
      act(add ? 'react' : 'unreact', { messageId: message.id, emoji, userId: me() }),
    clickButton: (message, customId) =>
      act('click-button', { messageId: message.id, customId, userId: me() }),
    selectMenu: (message, customId, values) =>
      act('select-menu', { messageId: message.id, customId, values, userId: me() }),
    scrollTo: (id) =>
      list
        .querySelector(`[data-id="${CSS.escape(id)}"]`)
        ?.scrollIntoView({ behavior: 'smooth', block: 'center' }),
  };

  function channelName(id) {
    return Object.entries(guild.channels).find(([, cid]) => cid === id)?.[0];
  }

  function reactionList(message) {
    const tracked = state.reactions.get(message.id) ?? new Map();
    const out = new Map();
    for (const r of message.reactions ?? [])
      out.set(emojiKey(r.emoji), { emoji: r.emoji.name, count: r.count, mine: false });
    for (const [key, entry] of tracked) {
      const base = out.get(key);
      out.set(key, {
        emoji: entry.emoji.name,
        count: Math.max(base?.count ?? 0, entry.users.size),
        mine: entry.users.has(me()),
      });
    }
    return [...out.values()].filter((r) => r.count > 0);
  }

  function wrapper(entry) {
    const message = entry.message;
    const el = h(
      'div',
      { class: 'dwrap', dataset: { wrap: message.id } },
      renderDiscordMessage(message, ctx),
    );
    const thread = [...state.messages.values()]
      .filter((e) => e.message.channel_id === message.id && visible(e))
      .sort(byId);
    if (message.thread || thread.length > 0) {
      el.append(
        h(
          'div',
          { class: 'thread' },
          h('div', {
            class: 'thread-head',
            text: `🧵 ${message.thread?.name ?? 'Thread'} · ${thread.length} ${thread.length === 1 ? 'message' : 'messages'}`,
          }),
          thread.map((e) => renderDiscordMessage(e.message, ctx)),
        ),
      );
    }
    return el;
  }

  const topLevel = () =>
    [...state.messages.values()]
      .filter((e) => e.message.channel_id === state.channelId && visible(e))
      .sort(byId);

  function renderAll() {
    pinned(() => {
      clear(list);
      const entries = topLevel();
      if (entries.length === 0) list.append(emptyHint());
      for (const entry of entries) list.append(wrapper(entry));
    });
  }

  function refresh(id) {
    const entry = state.messages.get(id);
    const old = list.querySelector(`[data-wrap="${CSS.escape(id)}"]`);
    pinned(() => {
      if (!entry || entry.message.channel_id !== state.channelId || !visible(entry)) return old?.remove();
      const fresh = wrapper(entry);
      if (old) return old.replaceWith(fresh);
      list.querySelector('.empty-hint')?.remove();
      const next = [...list.children].find((c) => c.dataset.wrap && BigInt(c.dataset.wrap) > BigInt(id));
      list.insertBefore(fresh, next ?? null);
    });
  }

  function onMessage(event) {
    const { message } = event;
    if (event.type === 'delete') state.messages.delete(message.id);
    else state.messages.set(message.id, { message, visibleTo: event.visibleTo ?? ownerOf(message) });
    // A thread's messages live in a channel with the id of the message that started it.
    refresh(state.messages.has(message.channel_id) ? message.channel_id : message.id);
  }

  function onReaction(event) {
    const map = state.reactions.get(event.messageId) ?? new Map();
    state.reactions.set(event.messageId, map);
    const key = emojiKey(event.emoji);
    const entry = map.get(key) ?? { emoji: event.emoji, users: new Set() };
    map.set(key, entry);
    if (event.type === 'add') entry.users.add(event.userId);
    else entry.users.delete(event.userId);
    const message = state.messages.get(event.messageId)?.message;
    refresh(message && state.messages.has(message.channel_id) ? message.channel_id : event.messageId);
  }

  function onInteraction(record) {
    if (record.type === 2) state.commandNames.set(record.id, record.name);
    if (record.userId !== me()) return;
    if (record.state === 'unacknowledged')
      toast('Discord: the application did not respond (no answer within 3 s).');
    if (record.modal && !state.modalsShown.has(record.id)) {
      state.modalsShown.add(record.id);
      openDiscordModal(record.modal, (values) =>
        act('submit-modal', { customId: record.modal.custom_id, values, userId: me() }),
      );
    }
  }

  async function load() {
    const [snapshot, interactions] = await Promise.all([
      getJson('/x/discord/state'),
      getJson('/x/discord/interactions'),
    ]);
    for (const record of interactions) if (record.type === 2) state.commandNames.set(record.id, record.name);
    state.users = new Map(snapshot.users.map((u) => [u.id, u]));
    state.commands = { global: snapshot.commands.global, guild: snapshot.commands.guilds[guild.id] ?? [] };
    const channelIds = Object.values(
      snapshot.guilds.find((g) => g.id === guild.id)?.channels ?? guild.channels,
    );
    const batches = await Promise.all(
      channelIds.map((id) => getJson(`/x/discord/messages?channelId=${encodeURIComponent(id)}`)),
    );
    state.messages.clear();
    for (const message of batches.flat())
      state.messages.set(message.id, { message, visibleTo: ownerOf(message) });
    renderAll();
  }

  function switchChannel(id) {
    state.channelId = id;
    renderAll();
    list.scrollTop = list.scrollHeight;
  }

  const emptyHint = () =>
    h(
      'div',
      { class: 'empty-hint' },
      h('strong', { text: `Welcome to #${channelName(state.channelId)}` }),
      h('p', { text: 'Type / to run a command, for example /generate.' }),
    );

  createDiscordComposer(composerRoot, {
    commands: () => [...state.commands.guild, ...state.commands.global],
    users: () => [...state.users.values()].filter((u) => !u.bot),
    placeholder: () => `Message #${channelName(state.channelId)} — type / for commands`,
    send: (name, options) =>
      act('slash-command', { name, options, userId: me(), channelId: state.channelId }),
    post: (content) => act('post-message', { content, userId: me(), channelId: state.channelId }),
    autocomplete: (name, options, focused) =>
      postJson('/api/discord/autocomplete', {
        name,
        options,
        focused,
        userId: me(),
        channelId: state.channelId,
      }),
  });

  subscribe(
    '/x/discord/events',
    {
      message: onMessage,
      reaction: onReaction,
      interaction: onInteraction,
      commands: (event) => {
        if (event.guildId === guild.id) state.commands.guild = event.commands;
        else if (event.guildId === null) state.commands.global = event.commands;
      },
      call: (call) => app.activity('discord', call),
    },
    () => load().catch((error) => toast(`Discord: ${error.message}`)),
  );
  app.onPerson(() => renderAll());
}
