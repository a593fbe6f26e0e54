// The staff member's session in this page: the API client, their profile and their private key,
// in memory only (never in storage). Any 401 from the API, the idle limit or a logout ends it:
// the key and every decrypted thing are dropped and the app shows the login with the reason.
import { HttpError } from '../../client/http.ts';
import { StaffClient, type StaffSelf } from '../../client/staff-client.ts';
import type { StaffRole } from '../../../db/schema.ts';

export type SessionEnd = 'expired' | 'logout' | 'idle';

export class SessionEndedError extends Error {
  override name = 'SessionEndedError';
  constructor(readonly reason: SessionEnd) {
    super(`session ended: ${reason}`);
  }
}

export class StaffSession {
  readonly client: StaffClient;
  readonly #idleMs: number;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #onEnd: (reason: SessionEnd) => void = () => {};

  constructor(baseUrl: string, idleMinutes: number) {
    this.client = new StaffClient(baseUrl);
    this.#idleMs = idleMinutes * 60_000;
  }

  get self(): StaffSelf | undefined {
    return this.client.self;
  }

  /** Logged in and the private key unsealed in this page. */
  get unlocked(): boolean {
    return this.client.self !== undefined && this.client.privateKey !== undefined;
  }

  hasRole(...roles: StaffRole[]): boolean {
    return roles.some((role) => this.client.self?.roles.includes(role));
  }

  onEnd(listener: (reason: SessionEnd) => void): void {
    this.#onEnd = listener;
  }

  /** Runs an API call; a 401 ends the session here too (and throws SessionEndedError). */
  async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      const answer = await request();
      this.touch();
      return answer;
    } catch (error) {
      // Only the end of the session logs out: a wrong current passphrase is a 401 too (bad_credentials).
      const code = error instanceof HttpError && error.body && typeof error.body === 'object' ? (error.body as { code?: unknown }).code : undefined;
      if (error instanceof HttpError && error.status === 401 && code === 'session_required' && this.client.self) {
        this.end('expired');
        throw new SessionEndedError('expired');
      }
      throw error;
    }
  }

  /** Activity: restarts the idle timer (the server's own idle limit is the same). */
  touch(): void {
    if (!this.unlocked) return;
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      // The server's own limit is the same; ending it there too leaves nothing to unlock.
      void this.client.http.send('DELETE', '/api/v1/staff/session').catch(() => undefined);
      this.end('idle');
    }, this.#idleMs);
  }

  /** Drops the key and the profile; the app then wipes the page and shows the login. */
  end(reason: SessionEnd): void {
    clearTimeout(this.#idleTimer);
    this.client.privateKey?.fill(0);
    this.client.privateKey = undefined;
    this.client.self = undefined;
    this.#onEnd(reason);
  }
}
