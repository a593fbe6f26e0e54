import { describe, expect, it } from 'vitest';
import { ServiceBusyError } from '../../src/domain/errors.ts';
import { WorkGate } from '../../src/services/work-gate.ts';

describe('WorkGate', () => {
  it('never runs more than its concurrency at once, and refuses past its queue', async () => {
    const gate = new WorkGate(2, 3);
    let running = 0;
    let peak = 0;
    const release: (() => void)[] = [];
    const task = () =>
      gate.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => release.push(resolve));
        running--;
      });
    const accepted = Array.from({ length: 5 }, task);
    await expect(task()).rejects.toThrow(ServiceBusyError);
    while (release.length > 0 || running > 0) {
      await new Promise((r) => setTimeout(r, 1));
      release.shift()?.();
    }
    await Promise.all(accepted);
    expect(peak).toBe(2);
  });
});
