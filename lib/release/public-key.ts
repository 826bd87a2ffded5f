import 'server-only';
import { getConfig } from '@/lib/config';

/**
 * The release public key (base58) this deployment's signed manifest verifies with
 * (`RELEASE_PUBLIC_KEY`, else the public key of `RELEASE_SIGNING_KEY`), or null when neither is
 * configured. For the security page and anything else that tells people which key to pin with
 * `npm run verify -- URL --public-key …`.
 */
export function getReleasePublicKey(): string | null {
  return getConfig().release.publicKey?.toBase58() ?? null;
}
