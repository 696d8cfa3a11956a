/** Permission bits the emulator hands out (a small subset of Discord's). */
const bit = (n: number) => 1n << BigInt(n);

export const ADMINISTRATOR = bit(3);

/** What @everyone may do in the sandbox: read, write, react, attach, use commands, make threads. */
export const EVERYONE_PERMISSIONS =
  bit(0) | // create invite
  bit(6) | // add reactions
  bit(10) | // view channel
  bit(11) | // send messages
  bit(14) | // embed links
  bit(15) | // attach files
  bit(16) | // read message history
  bit(18) | // external emojis
  bit(26) | // change nickname
  bit(31) | // use application commands
  bit(35) | // create public threads
  bit(38); // send messages in threads

/** Every bit Discord currently defines, so an administrator's computed permissions look real. */
export const ALL_PERMISSIONS = bit(51) - 1n;

export function effectivePermissions(rolePermissions: readonly bigint[]): bigint {
  const combined = rolePermissions.reduce((acc, p) => acc | p, 0n);
  return (combined & ADMINISTRATOR) !== 0n ? ALL_PERMISSIONS : combined;
}
