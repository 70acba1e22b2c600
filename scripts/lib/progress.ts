/**
 * Stage-by-stage progress on stderr: each stage's name, row counts and elapsed time, and a
 * progress bar for stages that run longer than a couple of seconds.
 */
const BAR_AFTER_MS = 2000;
const BAR_WIDTH = 30;

export interface StageTiming {
  stage: string;
  seconds: number;
  rows: Record<string, number>;
}

export class Progress {
  readonly timings: StageTiming[] = [];
  private readonly started = performance.now();

  constructor(private readonly quiet = false) {}

  /** Runs one stage, logging its result and timing. */
  async stage<T>(name: string, run: (tick: (fraction: number) => void) => Promise<T> | T, rowsOf: (result: T) => Record<string, number>): Promise<T> {
    const start = performance.now();
    let lastDrawn = -1;
    const tick = (fraction: number) => {
      if (this.quiet || performance.now() - start < BAR_AFTER_MS) return;
      const percent = Math.floor(fraction * 100);
      if (percent === lastDrawn) return;
      lastDrawn = percent;
      const filled = Math.round(fraction * BAR_WIDTH);
      const bar = `  ${name} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${String(percent).padStart(3)}%`;
      if (process.stderr.isTTY) process.stderr.write(`\r${bar}`);
      else if (percent % 25 === 0) process.stderr.write(`${bar}\n`);
    };
    const result = await run(tick);
    if (lastDrawn >= 0 && process.stderr.isTTY) process.stderr.write('\n');
    const seconds = (performance.now() - start) / 1000;
    const rows = rowsOf(result);
    this.timings.push({ stage: name, seconds, rows });
    const counts = Object.entries(rows)
      .map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`)
      .join(', ');
    this.log(`✓ ${name.padEnd(10)} ${seconds.toFixed(2).padStart(6)} s  ${counts}`);
    return result;
  }

  log(line: string): void {
    if (!this.quiet) process.stderr.write(`${line}\n`);
  }

  get totalSeconds(): number {
    return (performance.now() - this.started) / 1000;
  }
}
