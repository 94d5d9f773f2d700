/**
 * Progress of an ingest: a redrawn bar on a terminal (articles/s, ETA), plain log lines
 * otherwise (every few seconds), so logs of a long batch stay readable.
 */
export interface ProgressCounts {
  done: number;
  stored: number;
  skipped: number;
  errors: number;
  /** Total items, when known (null while still counting). */
  total: number | null;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private lastLine = Date.now();
  private drawn = false;
  /** Recent (time, done) samples for the rate. */
  private samples: [number, number][] = [];

  constructor(
    private readonly out: NodeJS.WriteStream | { write(s: string): boolean; isTTY?: boolean; columns?: number },
    private readonly opts: { tty?: boolean; intervalMs?: number; quiet?: boolean } = {},
  ) {}

  private get tty(): boolean {
    return this.opts.tty ?? !!this.out.isTTY;
  }

  private rate(now: number, done: number): number {
    this.samples.push([now, done]);
    while (this.samples.length > 2 && now - this.samples[0][0] > 10000) this.samples.shift();
    const [t0, d0] = this.samples[0];
    const dt = (now - t0) / 1000;
    if (dt < 0.5) {
      const total = (now - this.started) / 1000;
      return total > 0 ? done / total : 0;
    }
    return (done - d0) / dt;
  }

  update(c: ProgressCounts, force = false): void {
    if (this.opts.quiet) return;
    const now = Date.now();
    if (this.tty) {
      if (!force && now - this.lastDraw < 100) return;
      this.lastDraw = now;
      const rate = this.rate(now, c.done);
      const width = Math.max(10, Math.min(30, ((this.out as NodeJS.WriteStream).columns ?? 80) - 70));
      const frac = c.total ? Math.min(1, c.done / c.total) : 0;
      const filled = Math.round(frac * width);
      const bar = c.total ? '[' + '#'.repeat(filled) + '.'.repeat(width - filled) + ']' : '[' + '?'.repeat(width) + ']';
      const eta = c.total && rate > 0 ? formatDuration((c.total - c.done) / rate) : '?';
      const line = `${bar} ${c.done}/${c.total ?? '?'} ${(frac * 100).toFixed(0)}% ${rate.toFixed(1)} articles/s ETA ${eta} new ${c.stored} skipped ${c.skipped} errors ${c.errors}`;
      this.out.write('\r\x1b[K' + line);
      this.drawn = true;
    } else {
      if (!force && now - this.lastLine < (this.opts.intervalMs ?? 5000)) return;
      this.lastLine = now;
      const rate = this.rate(now, c.done);
      const eta = c.total && rate > 0 ? ` ETA ${formatDuration((c.total - c.done) / rate)}` : '';
      this.out.write(
        `ingest: ${c.done}/${c.total ?? '?'} articles, ${rate.toFixed(1)}/s${eta}, new ${c.stored}, skipped ${c.skipped}, errors ${c.errors}\n`,
      );
    }
  }

  /** Ends the bar's line so what follows starts on a fresh one. */
  finish(): void {
    if (this.tty && this.drawn && !this.opts.quiet) this.out.write('\n');
    this.drawn = false;
  }
}
