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
 * The QR code of `text` as an SVG path (`d`) over a `size` × `size` grid of modules, the quiet
 * zone included ({@link QUIET_ZONE} modules each side, as ISO/IEC 18004 asks). Error correction `medium`.
 */
/** Modules of light margin around the code. */
export const QUIET_ZONE = 4;

export function qrPath(text: string): { d: string; size: number } {
  const modules = encodeQR(text, 'raw', { ecc: 'medium', border: QUIET_ZONE });
  const parts: string[] = [];
  modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x} ${y}h1v1h-1z`);
    });
  });
  return { d: parts.join(''), size: modules.length };
}
