// The notice for the persons an alert concerned: assembled in the client, never naming the reporter.
import { describe, expect, it } from 'vitest';
import { personsConcernedNotice } from '../../src/i18n/persons-concerned-notice.ts';

const facts = {
  organisationName: "Ville d'Exemple",
  caseReference: 'VG-AB12-CD34',
  closedAt: new Date('2026-03-31T22:30:00Z'),
  timeZone: 'Europe/Paris',
  outcome: 'follow_up' as const,
  followUpKind: 'disciplinary' as const,
  addressee: 'M. Jean Dupont, directeur des services techniques',
};

describe('the notice for the persons concerned', () => {
  it('states the closure, in the organisation’s time zone, and the follow-up, in French and English', () => {
    const fr = personsConcernedNotice(facts, 'fr');
    expect(fr.title).toContain('VG-AB12-CD34');
    expect(fr.paragraphs.join('\n')).toContain('clos le 1 avril 2026');
    expect(fr.paragraphs.join('\n')).toContain('une procédure disciplinaire');
    expect(fr.paragraphs[0]).toBe('À l\'attention de : M. Jean Dupont, directeur des services techniques');
    const en = personsConcernedNotice(facts, 'en');
    expect(en.paragraphs.join('\n')).toContain('closed on 1 April 2026');
    expect(en.paragraphs.join('\n')).toContain('disciplinary proceedings');
  });

  it('says the reporter’s identity is not given, and names no reporter', () => {
    for (const language of ['fr', 'en'] as const) {
      const text = personsConcernedNotice({ ...facts, outcome: 'no_follow_up', followUpKind: null }, language).paragraphs.join('\n');
      expect(text).toMatch(language === 'fr' ? /n'est pas communiquée|ne vous est pas communiquée/ : /is not given to you/);
      expect(text).not.toContain('follow-up action was decided');
    }
  });
});
