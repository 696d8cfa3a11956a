/** A user-simulator call that a real Discord client could not make (unknown command, bad option, no such button). */
export class EmulatorUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmulatorUsageError';
  }
}
