// Bounds expensive work (argon2) so a flood of logins waits in a short queue instead of
// taking every CPU and starving other requests; past the queue, callers get 503 at once.
import { ServiceBusyError } from '../domain/errors.ts';

export class WorkGate {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly queueLimit: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.concurrency) {
      if (this.#waiting.length >= this.queueLimit) {
        throw new ServiceBusyError('Too many logins are being checked right now; try again in a few seconds.');
      }
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running++;
    }
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
