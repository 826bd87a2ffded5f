/**
 * The deposit address as a Solana Pay transfer request (Solana Pay specification, "Transfer
 * request": `solana:<recipient>?spl-token=<mint>&label=…&message=…`), and that URL as a QR code
 * matrix made by the `qr` library. No `amount`: the holder types it in the wallet (at most the
 * remaining allocation). The recipient is the deposit owner: a wallet derives its associated token
 * account for the mint, which is the deposit token account.
 *
 * Pure; the page renders the matrix as one SVG path on the server.
 */
import encodeQR from 'qr';

/**
 * The transfer request URL. `recipient` and `mint` are base58 addresses (not checked here: they
 * come from the official parameters); `label` and `message` are percent-encoded as the
 * specification requires.
 */
export function depositTransferRequest(recipient: string, mint: string, label: string, message: string): string {
  return `solana:${recipient}?spl-token=${mint}&label=${encodeURIComponent(label)}&message=${encodeURIComponent(message)}`;
}

/**
 * The QR code of `text` as an SVG path (`d`: one rectangle per horizontal run of dark modules)
 * over a `size` × `size` grid of modules, the quiet
 * zone included ({@link QUIET_ZONE} modules each side, as ISO/IEC 18004 asks). Error correction `medium`.
 */
/** Modules of light margin around the code. */
export const QUIET_ZONE = 4;

export function qrPath(text: string): { d: string; size: number } {
  const cached = drawn.get(text);
  if (cached) return cached;
  const modules = encodeQR(text, 'raw', { ecc: 'medium', border: QUIET_ZONE });
  const parts: string[] = [];
  // One rectangle per run of dark modules in a row: `M x y h n v1 h -n z`.
  modules.forEach((row, y) => {
    for (let x = 0; x < row.length; x += 1) {
      if (!row[x]) continue;
      let end = x;
      while (row[end + 1]) end += 1;
      parts.push(`M${x} ${y}h${end - x + 1}v1h-${end - x + 1}z`);
      x = end;
    }
  });
  const result = { d: parts.join(''), size: modules.length };
  if (drawn.size < 16) drawn.set(text, result);
  return result;
}

/** The codes drawn so far (one per language: the same few requests on every page view). */
const drawn = new Map<string, { d: string; size: number }>();
