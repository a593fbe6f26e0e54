import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('loadConfig', () => {
  it('has working defaults: PGlite in ./data, keys in ./keys, port 3000 on loopback', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.keysDir).toMatch(/\/keys$/);
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.secureCookies).toBe(false);
  });

  it('is frozen, deeply', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.authHash)).toBe(true);
  });

  it('turns on Secure cookies for an https public URL and drops a trailing slash', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://alertes.example.fr/' });
    expect(config.secureCookies).toBe(true);
    expect(config.publicUrl).toBe('https://alertes.example.fr');
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be between 0 and 65535/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres:/],
    [{ PUBLIC_URL: 'not a url' }, /PUBLIC_URL must be a full URL/],
    [{ STAFF_KDF_MEMLIMIT: '100' }, /STAFF_KDF_MEMLIMIT must be between 8192/],
    [{ SESSION_IDLE_MINUTES: '-5' }, /SESSION_IDLE_MINUTES must be a whole number/],
    [{ PURGE_SCHEDULE: 'hourly' }, /PURGE_SCHEDULE must be a cron expression .* or "off"; it is "hourly"/],
    [{ PURGE_SCHEDULE: '0 25 * * *' }, /PURGE_SCHEDULE must be a cron expression/],
    [{ DEADLINE_REMINDERS_SCHEDULE: '0 0 * *' }, /DEADLINE_REMINDERS_SCHEDULE must be a cron expression/],
    [{ PURGE_BATCH_SIZE: '0' }, /PURGE_BATCH_SIZE must be between 1 and 10000/],
    [{ PURGE_BATCH_SIZE: '10001' }, /PURGE_BATCH_SIZE must be between 1 and 10000/],
    [{ PURGE_LANES: '0' }, /PURGE_LANES must be between 1 and 8/],
    [{ PURGE_LANES: '9' }, /PURGE_LANES must be between 1 and 8/],
    [{ MAILBOX_GRACE_DAYS: '366' }, /MAILBOX_GRACE_DAYS must be between 0 and 365/],
    [{ MAILBOX_GRACE_DAYS: 'a month' }, /MAILBOX_GRACE_DAYS must be a whole number/],
  ])('refuses %o with a sentence saying what to fix', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  describe('job schedules', () => {
    it('keeps every job on its own schedule when no <JOB>_SCHEDULE is set', () => {
      expect(loadConfig({}).jobSchedules).toEqual({});
      expect(loadConfig({ PURGE_SCHEDULE: '  ' }).jobSchedules).toEqual({});
    });

    it('keys a set schedule by the job name in kebab-case; "off" turns the job off', () => {
      const config = loadConfig({ PURGE_SCHEDULE: '15 */2 * * *', DEADLINE_REMINDERS_SCHEDULE: 'off', SWEEP_EXPIRED_SCHEDULE: ' OFF ' });
      expect(config.jobSchedules).toEqual({ purge: '15 */2 * * *', 'deadline-reminders': null, 'sweep-expired': null });
      expect(Object.isFrozen(config.jobSchedules)).toBe(true);
    });
  });

  describe('retention', () => {
    it('purges 100 at a time in one lane on PGlite, 1000 at a time in two lanes on PostgreSQL, and leaves the reporter 30 days by default', () => {
      expect(loadConfig({}).retention).toEqual({ purgeBatchSize: 100, purgeLanes: 1, mailboxGraceDays: 30 });
      expect(loadConfig({ DATABASE_URL: 'postgres://db.example/vigie' }).retention).toEqual({ purgeBatchSize: 1000, purgeLanes: 2, mailboxGraceDays: 30 });
    });

    it('accepts the bounds: a batch of 1 to 10000, 1 to 8 lanes, a grace of 0 to 365 days', () => {
      expect(loadConfig({ PURGE_BATCH_SIZE: '1', PURGE_LANES: '1', MAILBOX_GRACE_DAYS: '0' }).retention).toEqual({ purgeBatchSize: 1, purgeLanes: 1, mailboxGraceDays: 0 });
      expect(loadConfig({ PURGE_BATCH_SIZE: '10000', PURGE_LANES: '8', MAILBOX_GRACE_DAYS: '365' }).retention).toEqual({ purgeBatchSize: 10_000, purgeLanes: 8, mailboxGraceDays: 365 });
    });
  });

  describe('mail', () => {
    it('is off without SMTP_URL; with it, sends from vigie@<public host> unless MAIL_FROM says otherwise', () => {
      expect(loadConfig({}).mail).toBeNull();
      expect(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.fr:465', PUBLIC_URL: 'https://alerte.ville.fr' }).mail).toEqual({ smtpUrl: 'smtps://u:p@mail.example.fr:465', from: 'Vigie <vigie@alerte.ville.fr>' });
      expect(loadConfig({ SMTP_URL: 'smtp://mail.example.fr:587', MAIL_FROM: 'Alertes <alertes@ville.fr>' }).mail?.from).toBe('Alertes <alertes@ville.fr>');
    });

    it('refuses another scheme and a sender that is not an address, naming the variable', () => {
      expect(() => loadConfig({ SMTP_URL: 'http://mail.example.fr' })).toThrow(/SMTP_URL must start with smtp: or smtps:/);
      expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.fr', MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM must be an address/);
      expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.fr', MAIL_FROM: 'Vigie <a@b.fr>\r\nBcc: x@y.fr' })).toThrow(/MAIL_FROM must be an address/);
    });
  });
});
