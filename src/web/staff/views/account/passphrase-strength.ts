// A local estimate of a passphrase's strength (the server never sees the passphrase, so it cannot
// judge it): length and character variety give a raw size, from which repeated characters,
// sequences (abcd, 4321, keyboard rows), very common passwords and the person's own words are
// taken off. Deliberately simple and conservative; pure, so it is tested in Node.
import type { StrengthLevel } from '../../../../i18n/staff/account.ts';

export const MIN_PASSPHRASE_LENGTH = 12;
/** Below this estimate (bits) a passphrase is refused. */
export const MIN_ACCEPTED_BITS = 50;

export type StrengthHint = 'length' | 'variety' | 'repeated' | 'sequence' | 'common' | 'personal';

export interface StrengthEstimate {
  readonly level: StrengthLevel;
  /** 0 (empty) to 4 (very strong), for a <meter>. */
  readonly score: number;
  readonly bits: number;
  readonly accepted: boolean;
  readonly tooShort: boolean;
  readonly hints: readonly StrengthHint[];
}

// The most used passwords of the public leak lists, French and English, lower case.
const COMMON = new Set([
  'password', 'motdepasse', 'azerty', 'qwerty', 'azertyuiop', 'qwertyuiop', 'soleil', 'bonjour', 'doudou', 'loulou',
  'marseille', 'chouchou', 'nicolas', 'camille', 'jetaime', 'iloveyou', 'welcome', 'letmein', 'admin', 'administrateur',
  'dragon', 'monkey', 'football', 'baseball', 'master', 'sunshine', 'princess', 'trustno1', 'abc123', 'passw0rd',
  'changeme', 'secret', 'motdepasse123', 'password123', 'superman', 'batman', 'starwars', 'whatever', 'qazwsx', 'azertyui',
  'chocolat', 'vacances', 'bienvenue', 'coucou', 'france', 'paris', 'liberte', 'vigie', 'lanceur', 'alerte',
]);

const ROWS = ['azertyuiop', 'qwertyuiop', 'qwertzuiop', 'qsdfghjklm', 'asdfghjkl', 'wxcvbn', 'zxcvbnm', 'yxcvbnm', '1234567890', '0123456789'];

function poolSize(text: string): number {
  let pool = 0;
  if (/[a-z]/.test(text)) pool += 26;
  if (/[A-Z]/.test(text)) pool += 26;
  if (/[0-9]/.test(text)) pool += 10;
  if (/[ -/:-@[-`{-~]/.test(text)) pool += 33;
  if (/[^\u0000-\u007f]/.test(text)) pool += 64;
  return Math.max(pool, 1);
}

function isSequenceStep(a: string, b: string): number {
  const lower = `${a}${b}`.toLowerCase();
  const codeA = lower.charCodeAt(0);
  const codeB = lower.charCodeAt(1);
  if (/[a-z0-9]{2}/.test(lower) && Math.abs(codeB - codeA) === 1) return codeB - codeA;
  for (const row of ROWS) {
    const i = row.indexOf(lower[0]!);
    if (i >= 0 && row[i + 1] === lower[1]) return 2;
    if (i >= 1 && row[i - 1] === lower[1]) return -2;
  }
  return 0;
}

/** Characters that add (almost) nothing: the 3rd and later of a run of one character, or of a sequence. */
function predictableCount(chars: readonly string[]): { repeated: number; sequence: number } {
  let repeated = 0;
  let sequence = 0;
  let runLength = 1;
  let sequenceLength = 1;
  let direction = 0;
  for (let i = 1; i < chars.length; i++) {
    if (chars[i] === chars[i - 1]) runLength += 1;
    else runLength = 1;
    if (runLength >= 3) repeated += 1;
    const step = isSequenceStep(chars[i - 1]!, chars[i]!);
    if (step !== 0 && (sequenceLength === 1 || step === direction)) sequenceLength += 1;
    else sequenceLength = step !== 0 ? 2 : 1;
    direction = step;
    if (sequenceLength >= 3) sequence += 1;
  }
  return { repeated, sequence };
}

/** Estimates the strength; `personalWords` (name, e-mail, organisation) count as known to an attacker. */
export function estimatePassphrase(passphrase: string, personalWords: readonly string[] = []): StrengthEstimate {
  const text = passphrase.normalize('NFKC');
  const chars = [...text];
  if (chars.length === 0) return { level: 'empty', score: 0, bits: 0, accepted: false, tooShort: true, hints: [] };
  const hints: StrengthHint[] = [];
  const lowered = text.toLowerCase();
  const core = lowered.replace(/[^a-z\u00c0-\u024f]+/g, '');
  const common = COMMON.has(lowered) || COMMON.has(core) || COMMON.has(lowered.replace(/[^a-z0-9]+/g, ''));
  if (common) hints.push('common');
  const { repeated, sequence } = predictableCount(chars);
  if (repeated > 0) hints.push('repeated');
  if (sequence > 0) hints.push('sequence');
  let personal = 0;
  for (const word of personalWords.flatMap((w) => w.toLowerCase().split(/[^a-z0-9\u00c0-\u024f]+/)).filter((w) => w.length >= 4)) {
    if (lowered.includes(word)) personal += word.length - 1;
  }
  if (personal > 0) hints.push('personal');
  const effective = Math.max(0, chars.length - repeated - sequence - personal);
  const pool = poolSize(text);
  let bits = effective * Math.log2(pool);
  if (common) bits = Math.min(bits, 10);
  const tooShort = chars.length < MIN_PASSPHRASE_LENGTH;
  if (tooShort || bits < 70) hints.push('length');
  if (pool <= 26 && chars.length < 20) hints.push('variety');
  const score = tooShort || bits < MIN_ACCEPTED_BITS ? 1 : bits < 70 ? 2 : bits < 100 ? 3 : 4;
  const level: StrengthLevel = (['empty', 'weak', 'fair', 'strong', 'very-strong'] as const)[score];
  return { level, score, bits: Math.round(bits), accepted: score >= 2, tooShort, hints };
}
