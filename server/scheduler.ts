// Per-document trailing debounce with generations (docs/design/pitfalls.md P19): a lint that finishes after a newer request for its document is dropped.

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const REAL_TIMERS: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Slot {
  generation: number;
  timer?: unknown;
  /** The lint started for `generation`, while it runs. */
  running?: { generation: number; done: Promise<void> };
}

/**
 * `run(key, generation)` does the work and, before publishing, asks `isCurrent(key, generation)`: every
 * schedule, immediate run or cancel bumps the generation, so an older run learns it has been overtaken.
 */
export class LintScheduler {
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly run: (key: string, generation: number) => Promise<void>,
    private readonly timers: Timers = REAL_TIMERS,
  ) {}

  /** Lints `key` once `delayMs` pass without another schedule (a trailing debounce). */
  schedule(key: string, delayMs: number): void {
    const slot = this.bump(key);
    slot.timer = this.timers.set(() => {
      slot.timer = undefined;
      this.start(key, slot, slot.generation);
    }, delayMs);
  }

  /** Lints `key` now (open, save, an explicit request); resolves when that lint has finished or been overtaken. */
  now(key: string): Promise<void> {
    const slot = this.bump(key);
    return this.start(key, slot, slot.generation);
  }

  /** The current lint of `key`: a pending debounce runs at once; a running current lint is awaited. */
  flush(key: string): Promise<void> {
    const slot = this.slots.get(key);
    if (slot === undefined) return Promise.resolve();
    if (slot.timer !== undefined) {
      this.timers.clear(slot.timer);
      slot.timer = undefined;
      return this.start(key, slot, slot.generation);
    }
    if (slot.running !== undefined && slot.running.generation === slot.generation) return slot.running.done;
    return Promise.resolve();
  }

  /** Whether a lint of the current generation of `key` is pending (debounced) or running. */
  busy(key: string): boolean {
    const slot = this.slots.get(key);
    return slot !== undefined && (slot.timer !== undefined || slot.running?.generation === slot.generation);
  }

  isCurrent(key: string, generation: number): boolean {
    return this.slots.get(key)?.generation === generation;
  }

  /** Forgets `key`: a pending lint never runs and a running one will not publish. */
  cancel(key: string): void {
    const slot = this.slots.get(key);
    if (slot === undefined) return;
    if (slot.timer !== undefined) this.timers.clear(slot.timer);
    this.slots.delete(key);
  }

  private bump(key: string): Slot {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = { generation: 0 };
      this.slots.set(key, slot);
    }
    if (slot.timer !== undefined) this.timers.clear(slot.timer);
    slot.timer = undefined;
    slot.generation++;
    return slot;
  }

  private start(key: string, slot: Slot, generation: number): Promise<void> {
    // A lint never rejects out of the scheduler: `run` reports its own failures.
    const done = this.run(key, generation).catch(() => undefined);
    slot.running = { generation, done };
    void done.then(() => {
      if (slot.running?.generation === generation) slot.running = undefined;
    });
    return done;
  }
}
