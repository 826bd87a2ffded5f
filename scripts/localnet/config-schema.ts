/**
 * `.localnet/config.json`: what the seed step wrote (DESIGN.md "`.localnet/config.json`").
 * Tests, the demo and outside checks read these keys: add keys freely, rename none.
 * Localnet only: it holds demo secret keys.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const address = z.string().min(32).max(44);
/** Base58 of a 64-byte ed25519 secret key (seed ‖ public key), as Phantom and Solflare import it. */
const secretKey = z.string().min(64).max(90);
const baseUnits = z.string().regex(/^\d+$/, 'base units as a decimal string');

const mint = z.object({
  address,
  decimals: z.number().int().min(0).max(9),
  /** The owning token program (Token-2022 for AI16Z, classic SPL Token for ELIZAOS on localnet). */
  programId: address,
});

const demoWallet = z.object({
  publicKey: address,
  secretKey,
  /** The wallet's allocation (AI16Z base units at the snapshot); "0" when not in the snapshot. */
  snapshotBalance: baseUnits,
  /** AI16Z base units the wallet holds on chain after seeding. */
  balance: baseUnits,
  /** Lamports the wallet holds after seeding. */
  lamports: baseUnits,
  /** What this wallet demonstrates. */
  description: z.string(),
  /** AI16Z base units already migrated by the seed step (the `partial` wallet). */
  migrated: baseUnits.optional(),
  migrationId: z.string().uuid().optional(),
  migrationSignature: z.string().optional(),
});

export const localnetConfigSchema = z.object({
  cluster: z.literal('localnet'),
  rpcUrl: z.string().url(),
  wsUrl: z.string().url(),
  appUrl: z.string().url(),
  mints: z.object({ ai16z: mint, elizaos: mint }),
  vault: z.object({ owner: address, tokenAccount: address }),
  treasury: z.object({
    owner: address,
    tokenAccount: address,
    delegate: address,
    /** Base58 secret key of the delegate: the app's `TREASURY_DELEGATE_SECRET_KEY` on localnet. */
    delegateSecretKey: secretKey,
    /** ELIZAOS base units the delegate may move (its SPL allowance). */
    allowance: baseUnits,
  }),
  ops: z.array(z.object({ publicKey: address, secretKey })).min(1),
  /**
   * Deposit and receive (DESIGN.md "Deposit and receive"): the deposit owner (`MIGRATION_DEPOSIT_OWNER`;
   * its secret key is `MIGRATION_DEPOSIT_OWNER_SECRET_KEY` on localnet) and its AI16Z ATA, the
   * payout fee payer (`DEPOSIT_FEE_PAYER_SECRET_KEY`), and an off-curve sender in the snapshot (a
   * multisig vault's PDA whose AI16Z account `delegateSecretKey` may move as delegate).
   */
  deposit: z.object({
    owner: address,
    tokenAccount: address,
    secretKey,
    feePayer: z.object({ publicKey: address, secretKey }),
    offCurveSender: z.object({ address, tokenAccount: address, delegateSecretKey: secretKey, snapshotBalance: baseUnits }),
  }),
  /**
   * A throwaway release key, generated afresh by every seed: the app signs its deployment manifest
   * with it (`RELEASE_SIGNING_KEY`), and tests and `npm run verify -- --public-key` pin `publicKey`.
   */
  release: z.object({ publicKey: address, secretKey }),
  demoWallets: z.object({
    eligible: demoWallet,
    partial: demoWallet,
    notInSnapshot: demoWallet,
    postSnapshot: demoWallet,
    dust: demoWallet,
    noSol: demoWallet,
    /** Holds AI16Z whose account has a delegate and a close authority set to `strayAuthority`. */
    delegated: demoWallet,
  }),
  /**
   * The address the seed made delegate and close authority of the `delegated` wallet's AI16Z
   * account, and the label under which the demo and e2e put it on the known-drainer list.
   */
  strayAuthority: z.object({ address, label: z.string() }),
  /**
   * An off-curve address in the snapshot (a multisig vault's PDA: no private key), so the address
   * check and eligibility show WALLET_CANNOT_SIGN. Optional: configs written before it stay valid.
   */
  offCurveHolder: z.object({ address, snapshotBalance: baseUnits }).optional(),
  /** Funded snapshot wallets for load tests and benchmarks (empty unless asked for). */
  loadWallets: z.array(z.object({ publicKey: address, secretKey, snapshotBalance: baseUnits })).default([]),
  snapshot: z.object({
    /** The snapshot CSV (`wallet,balance_base_units`), relative to the repository root. */
    file: z.string(),
    takenAt: z.string().datetime(),
    holders: z.number().int().positive(),
    /** Sum of all allocations, AI16Z base units. */
    total: baseUnits,
  }),
  seededAt: z.string().datetime(),
});

export type LocalnetConfig = z.infer<typeof localnetConfigSchema>;
export type LocalnetDemoWallet = LocalnetConfig['demoWallets'][keyof LocalnetConfig['demoWallets']];

/**
 * Reads and validates a `config.json` the seed step wrote.
 * @throws Error naming the file when it is missing (run `npm run localnet` or `npm run demo` first) or malformed.
 */
export function readLocalnetConfig(file: string): LocalnetConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`${file} does not exist: start the local validator first (npm run localnet, or npm run demo)`);
  }
  const result = localnetConfigSchema.safeParse(JSON.parse(text));
  if (!result.success) throw new Error(`${file} is not a localnet config: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return result.data;
}
