// Case references: "VG-" and 8 random Crockford base32 characters (40 bits), never sequential,
// so a reference reveals neither how many alerts an organisation gets nor when.
import { randomBytes } from './keyed-hash.ts';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export async function newCaseReference(): Promise<string> {
  const bytes = await randomBytes(5);
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let chars = '';
  for (let i = 7; i >= 0; i--) chars += CROCKFORD[Number((value >> BigInt(i * 5)) & 31n)];
  return `VG-${chars.slice(0, 4)}-${chars.slice(4)}`;
}
