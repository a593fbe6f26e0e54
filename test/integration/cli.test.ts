// The CLI on the embedded database: creates an organisation and prints a one-time invitation;
// refuses with a clear sentence while another process (the server) owns the data folder.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../../db/data-dir-lock.ts';
import { CHEAP_CRYPTO_ENV } from '../helpers/test-app.ts';

const run = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');

function env(dir: string) {
  return { ...process.env, ...CHEAP_CRYPTO_ENV, DATABASE_URL: '', DATA_DIR: path.join(dir, 'data'), KEYS_DIR: path.join(dir, 'keys'), LOG_LEVEL: 'warn' };
}

describe('npm run org:create', () => {
  // Five cold starts of tsx, each opening a fresh embedded database: slow on a loaded machine.
  it('creates the organisation and prints an invitation link and code; verify-audit then passes', { timeout: 180_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-cli-'));
    const { stdout } = await run(tsx, ['scripts/create-org.ts', '--slug', 'ville-exemple', '--name', "Ville d'Exemple", '--admin-email', 'admin@ville.fr'], { env: env(dir) });
    expect(stdout).toContain("Organisation created: Ville d'Exemple (ville-exemple");
    expect(stdout).toMatch(/link: +http:\/\/127\.0\.0\.1:3000\/staff\/activate#[A-Za-z0-9_-]{43}/);
    expect(stdout).toMatch(/code: +[A-Za-z0-9_-]{43}/);
    const again = await run(tsx, ['scripts/create-org.ts', '--slug', 'ville-exemple', '--name', 'Twice'], { env: env(dir) }).catch((e: { code: number; stderr: string }) => e);
    expect(again).toMatchObject({ code: 1 });
    expect((again as { stderr: string }).stderr).toContain('already exists');
    const verify = await run(tsx, ['scripts/run-job.ts', 'verify-audit'], { env: env(dir) });
    expect(verify.stdout).toContain('ville-exemple: ok, 2 entries verify');
    const reinvited = await run(tsx, ['scripts/reinvite-staff.ts', '--org', 'ville-exemple', '--email', 'nobody@x.fr'], { env: env(dir) }).catch((e: { code: number; stderr: string }) => e);
    expect(reinvited).toMatchObject({ code: 1 });
    expect((reinvited as { stderr: string }).stderr).toContain('No staff account with the e-mail nobody@x.fr');
    const renewed = await run(tsx, ['scripts/reinvite-staff.ts', '--org', 'ville-exemple', '--email', 'admin@ville.fr'], { env: env(dir) });
    expect(renewed.stdout).toMatch(/New invitation for admin@ville\.fr[\s\S]*code: +[A-Za-z0-9_-]{43}/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses while the server holds the embedded data folder, and leaves it untouched', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-cli-'));
    fs.mkdirSync(path.join(dir, 'data'));
    const release = acquireDataDirLock(path.join(dir, 'data'));
    try {
      const failed = await run(tsx, ['scripts/create-org.ts', '--slug', 'x', '--name', 'X'], { env: env(dir) }).catch((e: { code: number; stderr: string }) => e);
      expect(failed).toMatchObject({ code: 1 });
      expect((failed as { stderr: string }).stderr).toMatch(/is in use by another Vigie process \(pid \d+\)\. Stop the server first/);
      expect(fs.readdirSync(path.join(dir, 'data'))).toEqual(['vigie.lock']);
    } finally {
      release();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints its usage for --help, and names an unknown option without a stack trace', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-cli-'));
    try {
      const help = await run(tsx, ['scripts/create-org.ts', '--help'], { env: env(dir) });
      expect(help.stdout).toMatch(/^Usage: npm run org:create -- --slug/);
      const wrong = await run(tsx, ['scripts/create-org.ts', '--slug', 'x', '--nom', 'X'], { env: env(dir) }).catch((e: { code: number; stderr: string }) => e);
      expect(wrong).toMatchObject({ code: 2 });
      expect((wrong as { stderr: string }).stderr).toMatch(/Unknown option '--nom'[\s\S]*Usage: npm run org:create/);
      expect((wrong as { stderr: string }).stderr).not.toMatch(/\n\s+at /);
      expect(fs.existsSync(path.join(dir, 'data'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
