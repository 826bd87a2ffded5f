import decodeQR from 'qr/decode.js';
import { describe, expect, it } from 'vitest';
import encodeQR from 'qr';
import { depositTransferRequest, qrPath } from '@/components/deposit/transfer-request';

const OWNER = '7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU';
const MINT = 'HeLp6NuQkmYB4pYWo2zYs22mESHXPQYzXbB8n4V98jwC';

/** The modules a path covers, `x,y` each (the path is rectangles `M x y h n v1 h -n z`). */
function cells(d: string): string[] {
  const out: string[] = [];
  for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
    expect(m[3]).toBe(m[4]);
    for (let i = 0; i < Number(m[3]); i += 1) out.push(`${Number(m[1]) + i},${m[2]}`);
  }
  expect(out.length).toBeGreaterThan(0);
  return out;
}

describe('the deposit transfer request', () => {
  it('is a Solana Pay transfer request to the owner for the AI16Z mint, with no amount, label and message percent-encoded', () => {
    const url = depositTransferRequest(OWNER, MINT, 'AI16Z → ELIZAOS migration deposit', 'ELIZAOS is paid to the wallet that sends & nothing else');
    expect(url.startsWith(`solana:${OWNER}?`)).toBe(true);
    const query = new URLSearchParams(url.slice(url.indexOf('?') + 1));
    expect(query.get('spl-token')).toBe(MINT);
    expect(query.get('amount')).toBeNull();
    expect(query.get('label')).toBe('AI16Z → ELIZAOS migration deposit');
    expect(query.get('message')).toBe('ELIZAOS is paid to the wallet that sends & nothing else');
    expect([...query.keys()]).toEqual(['spl-token', 'label', 'message']);
    // A Korean label stays one query value.
    const ko = new URLSearchParams(depositTransferRequest(OWNER, MINT, 'AI16Z → ELIZAOS 전환 입금', '보낸 지갑').split('?')[1]);
    expect(ko.get('label')).toBe('AI16Z → ELIZAOS 전환 입금');
  });

  it('draws the QR code of that URL: the path covers exactly the library’s dark modules, inside a 4-module quiet zone', () => {
    const url = depositTransferRequest(OWNER, MINT, 'label', 'message');
    const { d, size } = qrPath(url);
    const modules = encodeQR(url, 'raw', { ecc: 'medium', border: 4 });
    expect(size).toBe(modules.length);
    const drawn = new Set(cells(d));
    const dark = new Set(modules.flatMap((row, y) => row.flatMap((on, x) => (on ? [`${x},${y}`] : []))));
    expect(drawn).toEqual(dark);
    // The quiet zone: nothing drawn within 4 modules of an edge.
    for (const cell of drawn) {
      const [x, y] = cell.split(',').map(Number) as [number, number];
      expect(Math.min(x, y, size - 1 - x, size - 1 - y)).toBeGreaterThanOrEqual(4);
    }
  });

  it('decodes back to the URL (the library’s decoder reads the rendered code)', () => {
    const url = depositTransferRequest(OWNER, MINT, 'AI16Z migration', 'paid to the sender');
    const { d, size } = qrPath(url);
    const scale = 4;
    const width = size * scale;
    const pixels = new Uint8Array(width * width * 4).fill(255);
    for (const cell of cells(d)) {
      const [cx, cy] = cell.split(',').map(Number) as [number, number];
      const x0 = cx * scale;
      const y0 = cy * scale;
      for (let y = y0; y < y0 + scale; y += 1) for (let x = x0; x < x0 + scale; x += 1) pixels.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
    expect(decodeQR({ width, height: width, data: pixels })).toBe(url);
  });
});
