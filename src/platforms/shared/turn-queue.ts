/**
 * Acknowledge first, then work: handlers await `turn()` between their acknowledgement (Discord defer,
 * Slack ack) and the rest of the command. Waiters are let through one per event-loop turn
 * (setImmediate), in arrival order. Why: embedded libSQL runs synchronously, so a command's database
 * work blocks the process; with one command's work per turn, the I/O that arrived meanwhile (the
 * next commands, still waiting for their acknowledgement) is handled in between instead of after a
 * whole burst of database work.
 */
export function createTurnQueue() {
  const waiting: Array<() => void> = [];
  let scheduled = false;

  const letOneThrough = () => {
    const resolve = waiting.shift();
    // Scheduled from within the check phase, so it runs in the next loop turn, after pending I/O.
    scheduled = waiting.length > 0;
    if (scheduled) setImmediate(letOneThrough);
    resolve?.();
  };

  return {
    turn(): Promise<void> {
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (scheduled) return;
        scheduled = true;
        setImmediate(letOneThrough);
      });
    },
    /** Handlers waiting for their turn. */
    size: () => waiting.length,
  };
}

export type TurnQueue = ReturnType<typeof createTurnQueue>;
