// Which licences a dependency of Vigie (AGPL-3.0-or-later) may carry. An SPDX expression is
// accepted when it can be satisfied with licences on the allowed list: a choice (OR) needs one,
// a conjunction (AND) needs all. Anything unknown is refused, so a new licence gets a human look.

/** Permissive and weak-copyleft licences, and the GPL family versions an AGPL-3.0 work can combine with. */
const ALLOWED = new Set([
  '0BSD',
  'Apache-2.0',
  'BlueOak-1.0.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'CC0-1.0',
  'CC-BY-3.0',
  'CC-BY-4.0',
  'ISC',
  'MIT',
  'MIT-0',
  'MPL-2.0',
  'Python-2.0',
  'Unlicense',
  'Zlib',
  'LGPL-2.1-or-later',
  'LGPL-3.0-only',
  'LGPL-3.0-or-later',
  'GPL-2.0-or-later',
  'GPL-3.0-only',
  'GPL-3.0-or-later',
  'AGPL-3.0-only',
  'AGPL-3.0-or-later',
]);

/** Old "+" spellings, and the deprecated bare GPL identifiers (which mean "only"). */
function normalise(id: string): string {
  const plus = id.endsWith('+');
  const bare = plus ? id.slice(0, -1) : id;
  if (/^(A|L)?GPL-\d\.\d$/.test(bare)) return `${bare}-${plus ? 'or-later' : 'only'}`;
  return plus ? `${bare}-or-later` : bare;
}

type Token = '(' | ')' | 'AND' | 'OR' | 'WITH' | { id: string };

function tokenise(expression: string): Token[] {
  return expression
    .replace(/\(/g, ' ( ')
    .replace(/\)/g, ' ) ')
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => (['(', ')', 'AND', 'OR', 'WITH'].includes(word) ? (word as Token) : { id: word }));
}

/** True when the SPDX expression can be met with allowed licences. Malformed expressions are refused. */
export function licenceAllowed(expression: string): boolean {
  const tokens = tokenise(expression);
  let position = 0;
  const parseOr = (): boolean => {
    let value = parseAnd();
    while (tokens[position] === 'OR') {
      position++;
      value = parseAnd() || value;
    }
    return value;
  };
  const parseAnd = (): boolean => {
    let value = parseAtom();
    while (tokens[position] === 'AND') {
      position++;
      value = parseAtom() && value;
    }
    return value;
  };
  const parseAtom = (): boolean => {
    const token = tokens[position++];
    if (token === '(') {
      const value = parseOr();
      if (tokens[position++] !== ')') throw new Error('unbalanced parenthesis');
      return value;
    }
    if (token === undefined || typeof token === 'string') throw new Error('licence expected');
    // An exception ("… WITH Classpath-exception-2.0") only adds permissions.
    if (tokens[position] === 'WITH') position += 2;
    return ALLOWED.has(normalise(token.id));
  };
  try {
    const value = parseOr();
    return position === tokens.length && value;
  } catch {
    return false;
  }
}
