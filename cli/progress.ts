// A one-line "linting 1200/5000 files" indicator on a terminal's stderr; silent when stderr is not a terminal (CI logs stay clean).
import type { OutputStream } from './io';

/** Short runs finish before a progress line would help; it appears only after this long. */
const SHOW_AFTER_MS = 500;
/** Redrawing more often than this only costs time. */
const REDRAW_EVERY_MS = 100;

export interface Progress {
  tick(): void;
  done(): void;
}

const SILENT: Progress = { tick() {}, done() {} };

export function progress(
  stream: OutputStream,
  enabled: boolean,
  total: number,
  verb: string,
  now: () => number = Date.now,
): Progress {
  if (!enabled || total === 0) return SILENT;
  const started = now();
  let count = 0;
  let drawnAt = 0;
  let drawn = false;
  return {
    tick() {
      count++;
      const time = now();
      if (time - started < SHOW_AFTER_MS || time - drawnAt < REDRAW_EVERY_MS) return;
      drawnAt = time;
      drawn = true;
      // \r returns to the line start and \x1b[K clears the rest, so the line is overwritten in place.
      stream.write(`\r${verb} ${count}/${total} files\u001b[K`);
    },
    done() {
      if (drawn) stream.write('\r\u001b[K');
    },
  };
}
