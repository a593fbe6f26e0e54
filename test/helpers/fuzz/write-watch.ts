// Which tables a request changed, cheaply. Every committed write takes a transaction id, so when
// the first unassigned id (the xmax of a fresh snapshot) has not moved, nothing was written
// anywhere on the server and the whole-database fingerprint need not be taken again. On PGlite
// nothing else runs, so most requests cost one tiny query; on a shared PostgreSQL server other
// databases' writes move it too, and the fingerprint decides.
import { sql } from 'drizzle-orm';
import type { TestDatabase } from '../test-database.ts';
import { changedTables, databaseFingerprinter, type DatabaseFingerprint } from './database-fingerprint.ts';

function rowsOf(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? (result as Record<string, unknown>[]) : ((result as { rows: Record<string, unknown>[] }).rows ?? []);
}

export class WriteWatch {
  #baseline: DatabaseFingerprint = {};
  #xmax = '';
  fingerprints = 0;

  private constructor(
    private readonly database: TestDatabase,
    private readonly fingerprint: () => Promise<DatabaseFingerprint>,
  ) {}

  static async of(database: TestDatabase): Promise<WriteWatch> {
    const watch = new WriteWatch(database, await databaseFingerprinter(database));
    await watch.rebase();
    return watch;
  }

  async #currentXmax(): Promise<string> {
    const [row] = rowsOf(await this.database.handle.db.execute(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as xmax`));
    return String(row?.xmax);
  }

  /** Takes the present state as the baseline (after setup writes, or after a failed check). */
  async rebase(): Promise<void> {
    this.#xmax = await this.#currentXmax();
    this.#baseline = await this.fingerprint();
    this.fingerprints++;
  }

  /**
   * Waits until nothing has been written for a moment, then takes that state as the baseline: for
   * a request whose handler may still be running after its connection was cut.
   */
  async settle(quietMs = 50, limitMs = 3_000): Promise<void> {
    const deadline = Date.now() + limitMs;
    let xmax = await this.#currentXmax();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      const now = await this.#currentXmax();
      if (now === xmax || Date.now() > deadline) break;
      xmax = now;
    }
    await this.rebase();
  }

  /** The tables changed since the baseline, which then moves to the present state. */
  async changes(): Promise<string[]> {
    const xmax = await this.#currentXmax();
    if (xmax === this.#xmax) return [];
    const before = this.#baseline;
    await this.rebase();
    return changedTables(before, this.#baseline);
  }
}
