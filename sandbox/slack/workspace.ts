import type { SlackBotIdentity, SlackChannelInfo, SlackTeam, SlackUserInfo } from './types.js';

/** The seed workspace: data only, copied into each emulator's state. */
export interface WorkspaceSeed {
  team: SlackTeam;
  bot: SlackBotIdentity;
  users: SlackUserInfo[];
  channels: Array<Omit<SlackChannelInfo, 'isIm' | 'created' | 'topic' | 'purpose'> & { purpose?: string }>;
}

export const SANDBOX_TEAM_ID = 'T0ATELIER1';
export const SANDBOX_BOT_USER_ID = 'U0ATELIER1';
export const SANDBOX_ADMIN_ID = 'U0ADMIN001';

const HUMANS = ['U0ADMIN001', 'U0MAYA0001', 'U0RAVI0001', 'U0LENA0001'];

export function defaultWorkspace(): WorkspaceSeed {
  return {
    team: { id: SANDBOX_TEAM_ID, name: 'Atelier Sandbox', domain: 'atelier-sandbox' },
    bot: { userId: SANDBOX_BOT_USER_ID, botId: 'B0ATELIER1', appId: 'A0ATELIER1', name: 'atelier' },
    users: [
      {
        id: 'U0ADMIN001',
        name: 'ada',
        realName: 'Ada Admin',
        isAdmin: true,
        isBot: false,
        email: 'ada@example.com',
      },
      {
        id: 'U0MAYA0001',
        name: 'maya',
        realName: 'Maya Chen',
        isAdmin: false,
        isBot: false,
        email: 'maya@example.com',
      },
      {
        id: 'U0RAVI0001',
        name: 'ravi',
        realName: 'Ravi Patel',
        isAdmin: false,
        isBot: false,
        email: 'ravi@example.com',
      },
      {
        id: 'U0LENA0001',
        name: 'lena',
        realName: 'Lena Fischer',
        isAdmin: false,
        isBot: false,
        email: 'lena@example.com',
      },
      { id: SANDBOX_BOT_USER_ID, name: 'atelier', realName: 'Atelier', isAdmin: false, isBot: true },
    ],
    channels: [
      {
        id: 'C0GENERAL1',
        name: 'general',
        isPrivate: false,
        members: [...HUMANS, SANDBOX_BOT_USER_ID],
        purpose: 'Everyone',
      },
      {
        id: 'C0ART00001',
        name: 'art',
        isPrivate: false,
        members: [...HUMANS, SANDBOX_BOT_USER_ID],
        purpose: 'Images',
      },
      // The bot is not a member here: posting answers not_in_channel, message events are not delivered.
      { id: 'C0RANDOM01', name: 'random', isPrivate: false, members: [...HUMANS] },
    ],
  };
}
