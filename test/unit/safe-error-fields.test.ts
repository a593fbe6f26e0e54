import { describe, expect, it } from 'vitest';
import { safeErrorFields } from '../../src/logger.ts';

describe('safeErrorFields', () => {
  it('keeps the type, the driver code and the frames, never the message with its query parameters', () => {
    const cause = Object.assign(new Error('duplicate key value'), { code: '23505' });
    const error = new Error('Failed query: insert into staff_accounts ... params: secret@ville.fr,c2VjcmV0', { cause });
    error.name = 'DrizzleQueryError';
    const fields = safeErrorFields(error);
    expect(fields.type).toBe('DrizzleQueryError');
    expect(fields.code).toBe('23505');
    expect(fields.at).toMatch(/safe-error-fields\.test\.ts/);
    expect(JSON.stringify(fields)).not.toMatch(/secret|params|Failed query/);
  });
});
