// How many fuzzed requests of each route got which class of answer, printed at the end of a run
// so one can see the handlers were reached (2xx and handler-made 4xx), not only the 401 wall.
export class FuzzTally {
  readonly #counts = new Map<string, Map<string, number>>();
  #total = 0;

  count(route: string, status: number | 'none'): void {
    const key = status === 'none' ? 'none' : `${Math.floor(status / 100)}xx${status === 401 || status === 403 ? `(${status})` : ''}`;
    const row = this.#counts.get(route) ?? new Map<string, number>();
    row.set(key, (row.get(key) ?? 0) + 1);
    this.#counts.set(route, row);
    this.#total++;
  }

  get total(): number {
    return this.#total;
  }

  /** Requests of `route` that got past authentication and authorization. */
  reached(route: string): number {
    let sum = 0;
    for (const [key, n] of this.#counts.get(route) ?? []) if (!key.includes('(')) sum += n;
    return sum;
  }

  routes(): string[] {
    return [...this.#counts.keys()];
  }

  table(title: string): string {
    const lines = [`${title}: ${this.#total} requests`];
    for (const [route, row] of [...this.#counts].sort(([a], [b]) => a.localeCompare(b))) {
      const cells = [...row].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => `${key}=${n}`);
      lines.push(`  ${route.padEnd(60)} ${cells.join(' ')}`);
    }
    return lines.join('\n');
  }
}
