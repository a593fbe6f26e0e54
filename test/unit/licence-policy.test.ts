// The licence policy of the dependency check: what an AGPL-3.0-or-later project may depend on.
import { describe, expect, it } from 'vitest';
import { licenceAllowed } from '../../scripts/dependencies/licence-policy.ts';

describe('licence policy', () => {
  it.each(['MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause', 'MPL-2.0', 'LGPL-3.0-or-later', 'GPL-3.0-only', 'AGPL-3.0-or-later', 'GPL-2.0+', 'GPL-2.0-or-later'])('accepts %s', (licence) => {
    expect(licenceAllowed(licence)).toBe(true);
  });

  it.each(['GPL-2.0', 'GPL-2.0-only', 'SSPL-1.0', 'BUSL-1.1', 'CC-BY-NC-4.0', 'UNLICENSED', 'SEE LICENSE IN LICENSE.txt', 'EUPL-1.2', ''])('refuses %j', (licence) => {
    expect(licenceAllowed(licence)).toBe(false);
  });

  it('reads choices, conjunctions, parentheses and exceptions', () => {
    expect(licenceAllowed('(MIT OR EUPL-1.1+)')).toBe(true);
    expect(licenceAllowed('GPL-2.0-only OR MIT')).toBe(true);
    expect(licenceAllowed('MIT AND GPL-2.0-only')).toBe(false);
    expect(licenceAllowed('(MIT AND Apache-2.0) OR SSPL-1.0')).toBe(true);
    expect(licenceAllowed('GPL-2.0-or-later WITH Classpath-exception-2.0')).toBe(true);
    expect(licenceAllowed('(MIT')).toBe(false);
    expect(licenceAllowed('MIT OR')).toBe(false);
  });
});
