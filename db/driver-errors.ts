// The codes a database error carries: a SQLSTATE (e.g. 57P01) or a connection error code (e.g.
// ECONNRESET, CONNECTION_CLOSED), on the error itself or on its causes (drizzle wraps the driver's).
export function driverErrorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}
