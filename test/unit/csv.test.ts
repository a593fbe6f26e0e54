// CSV exports (RFC 4180) for the DPO and management: quoting, CRLF line ends, empty for null, and
// no field a spreadsheet would run as a formula (OWASP "CSV injection").
import { describe, expect, it } from 'vitest';
import { csvDocument } from '../../src/services/csv.ts';

/** The one field of a one-column, one-row document. */
const field = (value: string | number | null) => csvDocument(['h'], [[value]]).slice('h\r\n'.length, -2);

describe('csvDocument', () => {
  it('ends every line, the last included, with CRLF', () => {
    expect(csvDocument(['a', 'b'], [['x', 1], ['y', 2]])).toBe('a,b\r\nx,1\r\ny,2\r\n');
  });

  it('a document without rows is its header line', () => {
    expect(csvDocument(['purged_at', 'case_reference'], [])).toBe('purged_at,case_reference\r\n');
  });

  it('writes null as an empty field and numbers as they are', () => {
    expect(csvDocument(['a', 'b', 'c'], [[null, 0, 3.25]])).toBe('a,b,c\r\n,0,3.25\r\n');
    expect(field('')).toBe('');
  });

  it('quotes a field holding a comma, a quote or a line break, doubling its quotes', () => {
    expect(field('Lyon, 3e')).toBe('"Lyon, 3e"');
    expect(field('dit "non"')).toBe('"dit ""non"""');
    expect(field('ligne 1\nligne 2')).toBe('"ligne 1\nligne 2"');
    expect(field('ligne 1\r\nligne 2')).toBe('"ligne 1\r\nligne 2"');
    // Nothing to quote: left bare (accents included).
    expect(field('Atteinte à la probité')).toBe('Atteinte à la probité');
  });

  it('a quoted field keeps its row whole: the document still has one line per row', () => {
    const document = csvDocument(['a', 'b'], [['x,"y"', 'z']]);
    expect(document).toBe('a,b\r\n"x,""y""",z\r\n');
  });

  it.each([
    ['=cmd', "'=cmd"],
    ['+33 1 23 45 67 89', "'+33 1 23 45 67 89"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tcmd', "'\tcmd"],
  ])('prefixes a text that a spreadsheet would read as a formula: %j → %j', (value, written) => {
    expect(field(value)).toBe(written);
  });

  it('prefixes and quotes when both are needed', () => {
    expect(field('=HYPERLINK("http://x","clic")')).toBe(`"'=HYPERLINK(""http://x"",""clic"")"`);
    expect(field('\r=1+1')).toBe(`"'\r=1+1"`);
  });

  it('leaves negative numbers alone (a number is not a formula) and formula signs after the start', () => {
    expect(field(-3)).toBe('-3');
    expect(field('a=b')).toBe('a=b');
    expect(field('2026-01')).toBe('2026-01');
  });

  it('applies the same rules to header fields', () => {
    expect(csvDocument(['=h', 'a,b'], [])).toBe(`'=h,"a,b"\r\n`);
  });
});
