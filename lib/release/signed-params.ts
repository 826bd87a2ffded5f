/**
 * The official migration parameters as a signed deployment manifest states them
 * (`manifest.parameters`, lib/release/manifest.ts), in the shape the transaction checks take
 * (`OfficialParams`: what `/check`, the browser's build check and `npm run migrate` verify against).
 * Pure; no `node:` imports.
 */
import type { ManifestParameters } from '@/lib/release/manifest';
import type { OfficialParams } from '@/lib/solana/official-check';

/** Mints (address, decimals, token program), vault and treasury token accounts, delegate and ratio of a verified manifest. */
export function officialParamsOf(parameters: ManifestParameters): OfficialParams {
  const mint = (m: ManifestParameters['ai16z']) => ({ mint: m.mint, decimals: m.decimals, programId: m.tokenProgram });
  return {
    ai16z: mint(parameters.ai16z),
    elizaos: mint(parameters.elizaos),
    vaultTokenAccount: parameters.vault.tokenAccount,
    treasuryTokenAccount: parameters.treasury.tokenAccount,
    treasuryDelegate: parameters.treasury.delegate,
    ratio: parameters.ratio,
  };
}
