/**
 * The people and places of the sandbox, the same on both platforms so the page's user picker means one
 * person everywhere. Ids are fixed so the sandbox database (and its gallery) still belongs to them after
 * a restart.
 */
import type { GuildSeed, UserSeed } from './discord/index.js';
import { defaultWorkspace, type WorkspaceSeed } from './slack/index.js';

export interface SandboxPerson {
  name: string;
  displayName: string;
  admin: boolean;
  discordId: string;
  slackId: string;
}

export const SANDBOX_PEOPLE: readonly SandboxPerson[] = [
  { name: 'ada', displayName: 'Ada', admin: true, discordId: '100000000000000011', slackId: 'U0ADMIN001' },
  {
    name: 'grace',
    displayName: 'Grace',
    admin: false,
    discordId: '100000000000000012',
    slackId: 'U0GRACE001',
  },
  {
    name: 'linus',
    displayName: 'Linus',
    admin: false,
    discordId: '100000000000000013',
    slackId: 'U0LINUS001',
  },
];

export const DISCORD_APPLICATION_ID = '100000000000000001';
export const DISCORD_GUILD_ID = '100000000000000100';

export const discordUsers = (): UserSeed[] =>
  SANDBOX_PEOPLE.map((p) => ({
    id: p.discordId,
    username: p.name,
    globalName: p.displayName,
    admin: p.admin,
  }));

export const discordGuilds = (): GuildSeed[] => [
  // #after-dark is age-restricted (NSFW_POLICY=nsfw-channels posts flagged images there); #ops gets alerts.
  {
    id: DISCORD_GUILD_ID,
    name: 'Atelier Sandbox',
    channels: ['art', 'general', 'after-dark', 'ops'],
    nsfwChannels: ['after-dark'],
  },
];

/** Slack's default sandbox workspace with the sandbox's three people instead of its own. */
export function slackWorkspace(): WorkspaceSeed {
  const base = defaultWorkspace();
  const bot = base.users.filter((u) => u.isBot);
  const people = SANDBOX_PEOPLE.map((p) => ({
    id: p.slackId,
    name: p.name,
    realName: p.displayName,
    isAdmin: p.admin,
    isBot: false,
    email: `${p.name}@example.com`,
  }));
  const ids = people.map((p) => p.id);
  return {
    ...base,
    users: [...people, ...bot],
    channels: base.channels.map((c) => ({
      ...c,
      // Keep the bot where it was (it is not in #random), swap the people.
      members: [...ids, ...c.members.filter((m) => m === base.bot.userId)],
    })),
  };
}
