import { describe, expect, it } from 'vitest';
import { auditToCsv, csvCell } from '@/lib/ops/audit';

describe('audit CSV', () => {
  it('quotes per RFC 4180 and neutralises spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('writes a header and one row per entry, JSON in before/after', () => {
    const csv = auditToCsv([
      { id: 1, at: '2026-11-23T10:00:00.000Z', wallet: 'W1', action: 'maintenance.on', target: null, before: { on: false }, after: { on: true, reason: 'RPC, slow' } },
    ]);
    expect(csv).toBe('id,at,wallet,action,target,before,after\r\n1,2026-11-23T10:00:00.000Z,W1,maintenance.on,,"{""on"":false}","{""on"":true,""reason"":""RPC, slow""}"\r\n');
  });
});
