// TOTP (RFC 6238, SHA-1, 6 digits, 30 s) through otplib; the server verifies,
// the Node client computes codes as an authenticator app would.
import { generate, generateSecret, generateURI, verify } from 'otplib';

export const TOTP_PERIOD_SECONDS = 30;

/** A new base32 TOTP seed (160 bits). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpEnrolmentUri(secret: string, issuer: string, label: string): string {
  return generateURI({ issuer, label, secret });
}

/** The code an authenticator shows at a given time. */
export function totpCodeAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/** Returns the matched time step (for replay refusal) or null; accepts one step of drift either way. */
export async function matchTotp(secret: string, code: string, at: Date): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({ secret, token: code, epoch: Math.floor(at.getTime() / 1000), epochTolerance: TOTP_PERIOD_SECONDS });
  return result.valid ? Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS) + result.delta : null;
}
