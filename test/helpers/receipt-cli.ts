// Runs the receipt verifier as its own process, the way a reporter or a judge's expert would.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a script under scripts/; a non-zero exit is an outcome to check, not an exception. */
export async function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliOutcome> {
  return execFileAsync(tsx, [path.join('scripts', script), ...args], { env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

export function verifyReceiptCli(...args: string[]): Promise<CliOutcome> {
  return runScript('verify-receipt.ts', args);
}

/** Saves a value as a JSON file in `dir`, as a person saves a download. */
export function saveJson(dir: string, name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}
