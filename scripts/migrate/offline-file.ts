/**
 * The offline-signing file (README "Command line (CLI)", DESIGN.md "Paths for every holder"):
 * `--unsigned-out` writes it with the unsigned transaction, an outside signer (or `--sign`)
 * replaces `transaction` with the signed one, and `--submit-signed` sends it. The file is input
 * like any other: every step re-verifies what it states.
 *
 *   {
 *     "id": "<migration id>",
 *     "transaction": "<base64 wire transaction: unsigned, then signed by the holder>",
 *     "expiresAt": "<ISO 8601: the portal refuses the submit after this>",
 *     "messageHash": "<base58 sha256 of the message: what a Ledger shows when blind signing>",
 *     "format": "elizaos-migration-offline/v1",
 *     "wallet": "<holder, base58>", "amount": "<AI16Z base units>", "amountOut": "<ELIZAOS base units>",
 *     "portal": "<the portal's origin>",
 *     "manifest": { <the portal's signed manifest as fetched: --sign checks it offline> }
 *   }
 */
import { renameSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { BASE64 } from '@/lib/text/patterns';

export const OFFLINE_FORMAT = 'elizaos-migration-offline/v1' as const;

const baseUnits = z.string().regex(/^\d{1,20}$/, 'base units as a decimal string');
const base58 = z.string().regex(/^[1-9A-HJ-NP-Za-km-z]{32,88}$/, 'base58');

export const offlineFileSchema = z.object({
  id: z.uuid(),
  transaction: z.string().regex(BASE64, 'base64').max(4096),
  expiresAt: z.iso.datetime({ offset: true }),
  messageHash: base58,
  format: z.literal(OFFLINE_FORMAT),
  wallet: base58,
  amount: baseUnits,
  amountOut: baseUnits,
  portal: z.url({ protocol: /^https?$/ }),
  manifest: z.unknown(),
});
export type OfflineFile = z.infer<typeof offlineFileSchema>;

/** The file is missing, not JSON or not an offline-signing file. */
export class OfflineFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfflineFileError';
  }
}

/**
 * Reads and parses an offline-signing file.
 * @throws OfflineFileError naming the file and the first problem.
 */
export function readOfflineFile(file: string): OfflineFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new OfflineFileError(`cannot read ${file}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw new OfflineFileError(`${file} is not JSON`);
  }
  const parsed = offlineFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OfflineFileError(`${file} is not an ${OFFLINE_FORMAT} file (${issue ? `${issue.path.join('.') || 'the file'}: ${issue.message}` : 'shape'})`);
  }
  return parsed.data;
}

/**
 * Writes the file whole or not at all (a temporary file renamed over `file`).
 * @throws OfflineFileError when it cannot be written.
 */
export function writeOfflineFile(file: string, content: OfflineFile): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { flag: 'wx' });
    renameSync(temporary, file);
  } catch (error) {
    throw new OfflineFileError(`cannot write ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
