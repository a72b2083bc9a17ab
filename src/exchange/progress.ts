/**
 * A progress bar on stderr with the rate in rows per second. On a terminal it redraws one line (at most
 * ten times a second); otherwise (a pipe, a log file, a test) it writes one line when a phase ends.
 */
export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private current = 0;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  private line(): string {
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    const rate = Math.round(this.current / seconds);
    const ratio = this.total > 0 ? Math.min(this.current / this.total, 1) : 1;
    const width = 30;
    const filled = Math.round(ratio * width);
    return `${this.label.padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(this.current).padStart(String(this.total).length)}/${this.total} rows  ${rate.toLocaleString('en-US')} rows/s`;
  }

  update(current: number): void {
    this.current = Math.min(current, this.total);
    if (!this.stream.isTTY) return;
    const now = Date.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.stream.write(`\r${this.line()}`);
  }

  done(): void {
    this.current = this.total;
    this.stream.write(this.stream.isTTY ? `\r${this.line()}\n` : `${this.line()}\n`);
  }
}
