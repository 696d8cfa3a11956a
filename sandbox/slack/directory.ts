import type { SlackBotIdentity, SlackChannelInfo, SlackTeam, SlackUserInfo } from './types.js';
import type { WorkspaceSeed } from './workspace.js';

/** Users and conversations of the one workspace; DMs are created on first use. */
export class Directory {
  readonly team: SlackTeam;
  readonly bot: SlackBotIdentity;
  readonly #seed: WorkspaceSeed;
  #users = new Map<string, SlackUserInfo>();
  #channels = new Map<string, SlackChannelInfo>();

  constructor(
    seed: WorkspaceSeed,
    private readonly createdAt: number,
  ) {
    this.#seed = structuredClone(seed);
    this.team = this.#seed.team;
    this.bot = this.#seed.bot;
    this.reset();
  }

  reset(): void {
    this.#users = new Map(this.#seed.users.map((u) => [u.id, { ...u }]));
    this.#channels = new Map(
      this.#seed.channels.map((c) => [
        c.id,
        {
          id: c.id,
          name: c.name,
          isPrivate: c.isPrivate,
          isIm: false,
          members: [...c.members],
          created: Math.floor(this.createdAt / 1000),
          topic: '',
          purpose: c.purpose ?? '',
        },
      ]),
    );
  }

  users(): SlackUserInfo[] {
    return [...this.#users.values()];
  }

  user(id: string): SlackUserInfo | undefined {
    return this.#users.get(id);
  }

  channels(): SlackChannelInfo[] {
    return [...this.#channels.values()];
  }

  /** A conversation by id; a user id resolves to (and opens) the DM between that user and the bot. */
  channel(id: string): SlackChannelInfo | undefined {
    const found = this.#channels.get(id);
    if (found) return found;
    const user = this.#users.get(id);
    if (!user || user.isBot) return undefined;
    return this.openDm(user.id);
  }

  openDm(userId: string): SlackChannelInfo {
    const id = `D${userId.slice(1)}`;
    const existing = this.#channels.get(id);
    if (existing) return existing;
    const dm: SlackChannelInfo = {
      id,
      name: id,
      isPrivate: true,
      isIm: true,
      user: userId,
      members: [userId, this.bot.userId],
      created: Math.floor(this.createdAt / 1000),
      topic: '',
      purpose: '',
    };
    this.#channels.set(id, dm);
    return dm;
  }

  isMember(channelId: string, userId: string): boolean {
    return this.#channels.get(channelId)?.members.includes(userId) ?? false;
  }
}
