/**
 * A wait of a background loop that its shutdown can cut short: `for(ms)` resolves after `ms`, or
 * at once when `end()` is called meanwhile. One wait at a time.
 */
export class Pause {
  private cut: (() => void) | null = null;

  for(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.cut = null;
        resolve();
      }, ms);
      this.cut = () => {
        clearTimeout(timer);
        this.cut = null;
        resolve();
      };
    });
  }

  /** Ends the wait under way, if any. */
  end(): void {
    this.cut?.();
  }
}
