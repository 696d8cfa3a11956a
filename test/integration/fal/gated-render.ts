import type { RenderFn } from '../../../sandbox/fal/queue-sim.js';
import { renderPlaceholderImage } from '../../../sandbox/placeholder/render-placeholder.js';

/**
 * A render function for the emulator that waits until the test lets it finish: a job started by the
 * emulator cannot complete before `release()`, so queue states can be observed without racing timers.
 */
export function createGatedRender() {
  const pending: (() => void)[] = [];
  const render: RenderFn = async (spec) => {
    await new Promise<void>((resolve) => pending.push(resolve));
    return renderPlaceholderImage(spec);
  };
  return {
    render,
    /** Renders started and not yet released. */
    get waiting() {
      return pending.length;
    },
    release(): void {
      const next = pending.shift();
      if (!next) throw new Error('no render is waiting');
      next();
    },
    releaseAll(): void {
      while (pending.length > 0) pending.shift()?.();
    },
  };
}
