import { describe, expect, it } from 'vitest';
import { findLogLeaks } from '../helpers/log-guard.ts';

describe('the log guard used on every test app', () => {
  it('flags addresses, browser headers, secret-shaped strings and argon2 hashes, and passes clean lines', () => {
    const clean = '{"level":30,"reqId":"req-1","req":{"id":"req-1","method":"GET","route":"/health"},"msg":"incoming request"}';
    expect(findLogLeaks([clean, '{"msg":"Server listening at http://127.0.0.1:3000"}'])).toEqual([]);
    for (const leak of [
      '{"req":{"remoteAddress":"10.0.0.1"}}',
      '{"headers":{"user-agent":"Mozilla"}}',
      '{"msg":"from 127.0.0.1"}',
      `{"cookie":"${'a'.repeat(43)}"}`,
      '{"hash":"$argon2id$v=19$m=1"}',
    ]) {
      expect(findLogLeaks([leak]), leak).not.toEqual([]);
    }
  });
});
