// Applied to the captured logs of every test app when it closes, so the whole test run's
// logs are checked, not only one story's: no client address, no headers that identify a
// browser, nothing shaped like a 256-bit secret (session ids, invitation codes, auth values).
const FORBIDDEN: [string, RegExp][] = [
  ['a client address', /remoteAddress|remotePort|"ip":|x-forwarded-for/i],
  ['a user agent or cookie header', /user-agent|"cookie"|set-cookie/i],
  ['a 256-bit base64url secret', /[A-Za-z0-9_-]{43,}/],
  ['an argon2 hash', /\$argon2id\$/],
];

export function findLogLeaks(lines: string[]): string[] {
  const leaks: string[] = [];
  for (const line of lines) {
    if (line.includes('Server listening at')) continue;
    if (line.includes('127.0.0.1')) leaks.push(`a loopback address in: ${line.slice(0, 300)}`);
    for (const [what, pattern] of FORBIDDEN) if (pattern.test(line)) leaks.push(`${what} in: ${line.slice(0, 300)}`);
  }
  return leaks;
}
