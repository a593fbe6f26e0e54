// The only module that reads process.env. Everything else receives a Config.
import path from 'node:path';
import cron from 'node-cron';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Base URL people use to reach the service; decides Secure cookies and links in invitations. */
  readonly publicUrl: string;
  readonly secureCookies: boolean;
  /** Unset: embedded PGlite in dataDir. */
  readonly databaseUrl: string | undefined;
  /** PGlite data folder; "memory://" keeps it in memory (tests). */
  readonly dataDir: string;
  readonly keysDir: string;
  readonly logLevel: LogLevel;
  readonly bodyLimitBytes: number;
  readonly requestTimeoutMs: number;
  /** Client-side key derivation (libsodium crypto_pwhash, argon2id) for new staff passphrases. */
  readonly staffKdf: { readonly opsLimit: number; readonly memLimitBytes: number };
  /** Server-side argon2id hashing of staff auth values ("verify" parameter set). */
  readonly authHash: { readonly memoryKib: number; readonly iterations: number; readonly concurrency: number; readonly queueLimit: number };
  readonly invitationTtlHours: number;
  readonly sessionIdleMinutes: number;
  readonly sessionAbsoluteHours: number;
  readonly loginThrottle: { readonly freeAttempts: number; readonly baseLockSeconds: number; readonly maxLockSeconds: number };
  /** Anonymous intake and the reporter's mailbox. */
  readonly intake: {
    readonly reportMaxBytes: number;
    readonly messageMaxBytes: number;
    /** Filings accepted per organisation in any rolling hour. */
    readonly filingsPerHour: number;
    readonly mailboxIdleMinutes: number;
    readonly mailboxAbsoluteMinutes: number;
  };
  /** Proof-of-work cost in leading zero bits (about 2^bits hashes for the client). */
  readonly proofOfWork: { readonly filingBits: number; readonly mailboxLoginBits: number; readonly ttlSeconds: number };
  /**
   * Schedules set by <JOB_NAME>_SCHEDULE (PURGE_SCHEDULE...), keyed by job name ("purge",
   * "deadline-reminders"): a node-cron expression, or null for "off". A job absent here keeps its own.
   */
  readonly jobSchedules: Readonly<Record<string, string | null>>;
  readonly retention: {
    /** How many items the purge handles per batch, so a run never holds one long transaction. */
    readonly purgeBatchSize: number;
    /** Batches purged at once, each in its own transaction (1 on PGlite: one connection). */
    readonly purgeLanes: number;
    /** Days after a purge during which the reporter's token still opens the signed closure notice. */
    readonly mailboxGraceDays: number;
  };
  /** Staff notifications by e-mail; null: mail is off and notifications stay in the staff pages. */
  readonly mail: { readonly smtpUrl: string; readonly from: string } | null;
  /** Where the ciphertext chunks of supporting documents are kept (their keys and metadata are always in the database). */
  readonly documents: {
    readonly store: 'database' | 'files';
    /** Folder of the "files" store. */
    readonly directory: string;
    /** Hours after which an upload nobody finished is deleted by the sweep job. */
    readonly abandonedUploadHours: number;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) {
    throw new ConfigError(`${name} must be a whole number between ${min} and ${max}; it is "${raw}".`);
  }
  const value = Number(raw.trim());
  if (value < min || value > max) {
    throw new ConfigError(`${name} must be between ${min} and ${max}; it is ${value}.`);
  }
  return value;
}

function text(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? fallback : raw.trim();
}

function url(name: string, raw: string, protocols: readonly string[]): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a full URL such as ${protocols[0]}//host; it is not one.`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.join(' or ')}; it starts with ${parsed.protocol}`);
  }
  return raw;
}

const SCHEDULE_VARIABLE = /^([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)_SCHEDULE$/;

/** Every <JOB_NAME>_SCHEDULE variable that is set, keyed by the job's kebab-case name. */
function jobSchedules(env: Env): Record<string, string | null> {
  const schedules: Record<string, string | null> = {};
  for (const [name, raw] of Object.entries(env)) {
    const jobName = SCHEDULE_VARIABLE.exec(name)?.[1]?.toLowerCase().replaceAll('_', '-');
    const value = raw?.trim();
    if (!jobName || !value) continue;
    if (value.toLowerCase() === 'off') {
      schedules[jobName] = null;
    } else if (cron.validate(value)) {
      schedules[jobName] = value;
    } else {
      throw new ConfigError(
        `${name} must be a cron expression of 5 fields (minute hour day-of-month month day-of-week), such as "0 * * * *" for hourly, or "off"; it is "${value}".`,
      );
    }
  }
  return schedules;
}

/** SMTP_URL (smtp:// or smtps://, credentials in the URL) and MAIL_FROM; both or neither. */
function mailSettings(env: Env, publicUrl: string): Config['mail'] {
  const raw = env.SMTP_URL?.trim();
  if (!raw) return null;
  const smtpUrl = url('SMTP_URL', raw, ['smtp:', 'smtps:']);
  const host = new URL(publicUrl).hostname;
  const from = text(env, 'MAIL_FROM', `Vigie <vigie@${host.includes('.') ? host : 'localhost.localdomain'}>`);
  if (!/^[^\r\n<>]*<[^\s@<>]+@[^\s@<>]+>$|^[^\s@<>]+@[^\s@<>]+$/.test(from)) {
    throw new ConfigError(`MAIL_FROM must be an address such as vigie@example.fr or "Vigie <vigie@example.fr>"; it is "${from}".`);
  }
  return { smtpUrl, from };
}

/**
 * PostgreSQL keeps document chunks in the database. Embedded PGlite moves bytes through WebAssembly
 * at a few MB/s, so on disk its chunks go to files beside it; in memory (tests) it keeps them itself.
 */
function documentStorage(env: Env, databaseUrl: string | undefined, dataDir: string, inMemory: boolean): Config['documents'] {
  const store = text(env, 'DOCUMENT_STORE', databaseUrl || inMemory ? 'database' : 'files');
  if (store !== 'database' && store !== 'files') throw new ConfigError(`DOCUMENT_STORE must be "database" or "files"; it is "${store}".`);
  const directoryRaw = env.DOCUMENTS_DIR?.trim();
  if (store === 'files' && !directoryRaw && inMemory) {
    throw new ConfigError('DOCUMENT_STORE=files needs DOCUMENTS_DIR (a folder) when DATA_DIR is in memory.');
  }
  return {
    store,
    directory: directoryRaw ? path.resolve(directoryRaw) : path.join(dataDir, 'documents'),
    abandonedUploadHours: integer(env, 'ABANDONED_UPLOAD_HOURS', 24, 1, 24 * 30),
  };
}

/** Reads and validates the configuration; throws ConfigError with a sentence saying what to fix. */
export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = text(env, 'HOST', '127.0.0.1');
  const publicUrl = url('PUBLIC_URL', text(env, 'PUBLIC_URL', `http://${host}:${port}`), ['http:', 'https:']).replace(/\/+$/, '');
  const databaseUrl = env.DATABASE_URL?.trim() ? url('DATABASE_URL', env.DATABASE_URL.trim(), ['postgres:', 'postgresql:']) : undefined;
  const dataDirRaw = text(env, 'DATA_DIR', './data');
  const logLevel = text(env, 'LOG_LEVEL', 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; it is "${logLevel}".`);
  }
  const inMemory = dataDirRaw.startsWith('memory://');
  const dataDir = inMemory ? dataDirRaw : path.resolve(dataDirRaw);
  const config: Config = {
    port,
    host,
    publicUrl,
    secureCookies: publicUrl.startsWith('https:'),
    databaseUrl,
    dataDir,
    keysDir: path.resolve(text(env, 'KEYS_DIR', './keys')),
    logLevel,
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 64 * 1024, 1024, 64 * 1024 * 1024),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000),
    staffKdf: {
      // libsodium crypto_pwhash bounds: opslimit >= 1, memlimit >= 8 KiB.
      opsLimit: integer(env, 'STAFF_KDF_OPSLIMIT', 3, 1, 20),
      memLimitBytes: integer(env, 'STAFF_KDF_MEMLIMIT', 64 * 1024 * 1024, 8192, 1024 * 1024 * 1024),
    },
    authHash: {
      memoryKib: integer(env, 'AUTH_HASH_MEMORY_KIB', 19 * 1024, 8, 1024 * 1024),
      iterations: integer(env, 'AUTH_HASH_ITERATIONS', 2, 1, 20),
      concurrency: integer(env, 'AUTH_HASH_CONCURRENCY', 1, 1, 64),
      queueLimit: integer(env, 'AUTH_HASH_QUEUE_LIMIT', 256, 1, 100_000),
    },
    invitationTtlHours: integer(env, 'INVITATION_TTL_HOURS', 72, 1, 24 * 30),
    sessionIdleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: integer(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 7),
    loginThrottle: {
      freeAttempts: integer(env, 'LOGIN_FREE_ATTEMPTS', 5, 1, 100),
      baseLockSeconds: integer(env, 'LOGIN_LOCK_SECONDS', 30, 1, 3600),
      maxLockSeconds: integer(env, 'LOGIN_MAX_LOCK_SECONDS', 900, 1, 86_400),
    },
    intake: {
      reportMaxBytes: integer(env, 'REPORT_MAX_BYTES', 256 * 1024, 1024, 16 * 1024 * 1024),
      messageMaxBytes: integer(env, 'MESSAGE_MAX_BYTES', 32 * 1024, 1024, 1024 * 1024),
      filingsPerHour: integer(env, 'FILINGS_PER_HOUR', 60, 1, 1_000_000),
      mailboxIdleMinutes: integer(env, 'MAILBOX_IDLE_MINUTES', 15, 1, 240),
      mailboxAbsoluteMinutes: integer(env, 'MAILBOX_ABSOLUTE_MINUTES', 120, 1, 24 * 60),
    },
    proofOfWork: {
      filingBits: integer(env, 'POW_FILING_BITS', 18, 0, 30),
      mailboxLoginBits: integer(env, 'POW_MAILBOX_BITS', 16, 0, 30),
      ttlSeconds: integer(env, 'POW_TTL_SECONDS', 600, 30, 3600),
    },
    jobSchedules: jobSchedules(env),
    retention: {
      purgeBatchSize: integer(env, 'PURGE_BATCH_SIZE', databaseUrl ? 1000 : 100, 1, 10_000),
      purgeLanes: integer(env, 'PURGE_LANES', databaseUrl ? 2 : 1, 1, 8),
      mailboxGraceDays: integer(env, 'MAILBOX_GRACE_DAYS', 30, 0, 365),
    },
    documents: documentStorage(env, databaseUrl, dataDir, inMemory),
    mail: mailSettings(env, publicUrl),
  };
  return deepFreeze(config);
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (inner && typeof inner === 'object') deepFreeze(inner as object);
  }
  return Object.freeze(value);
}
