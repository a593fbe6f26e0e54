// Time comes from a Clock so tests can move it (deadlines, retention, session expiry).
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stays where it is put; for tests and scripts that replay time. */
export class ManualClock implements Clock {
  #at: number;
  constructor(start: Date | string = '2026-01-05T09:00:00Z') {
    this.#at = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#at);
  }
  set(at: Date | string): void {
    this.#at = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.#at += ms;
  }
}
