/**
 * The seed step: puts on a fresh local validator everything the portal expects to find on
 * mainnet, and writes `config.json` + `snapshot.csv` (DESIGN.md "`.localnet/config.json`").
 *
 * - AI16Z at its mainnet address `HeLp6Nu…`, 9 decimals, owned by Token-2022 with a metadata
 *   pointer and token metadata, as on mainnet. The address is placed with `setAccount` (what
 *   `solana-test-validator --account` does); the mint is then initialised by real instructions,
 *   none of which needs the mint's own signature.
 * - ELIZAOS at its mainnet address `DuMbhu7…`, under the classic SPL Token program (as on mainnet),
 *   so the app handles both programs from day one; placed the same way.
 * - The migration vault and its AI16Z ATA; the treasury and its funded ELIZAOS ATA; the server's
 *   delegate key approved (`ApproveChecked`) for a capped allowance.
 * - Demo wallets for every situation DESIGN.md names, and a snapshot of 10,000 holders.
 *
 * Keys are derived from fixed labels, so addresses stay the same from one run to the next.
 * Localnet only: these keys are public.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  AccountLayout,
  ExtensionType,
  LENGTH_SIZE,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  TYPE_SIZE,
  AuthorityType,
  createApproveCheckedInstruction,
  createSetAuthorityInstruction,
  createAssociatedTokenAccountIdempotentInstruction,
  createInitializeMetadataPointerInstruction,
  createInitializeMint2Instruction,
  createMintToCheckedInstruction,
  getAssociatedTokenAddressSync,
  getMintLen,
} from '@solana/spl-token';
import { createInitializeInstruction as createInitializeTokenMetadataInstruction, pack as packTokenMetadata, type TokenMetadata } from '@solana/spl-token-metadata';
import { Connection, Keypair, LAMPORTS_PER_SOL, PublicKey, SystemProgram, Transaction, sendAndConfirmTransaction, type Signer, type TransactionInstruction } from '@solana/web3.js';
import bs58 from 'bs58';
import { AI16Z_MAINNET_MINT, ELIZAOS_MAINNET_MINT } from '@/lib/config/env';
import { convertAi16zToElizaos } from '@/lib/solana/amounts';
import { buildMigrationTransaction, type MigrationExpected } from '@/lib/solana/builder';
import { SNAPSHOT_HEADER } from '@/lib/migration/snapshot';
import type { LocalnetConfig, LocalnetDemoWallet } from '@/scripts/localnet/config-schema';
import type { LocalValidator } from '@/scripts/localnet/validator';

export const AI16Z_DECIMALS = 9;
export const SNAPSHOT_HOLDERS = 10_000;
const RATIO = 6n;

export type SeedOptions = {
  /** Where `config.json` and `snapshot.csv` go (created if missing). */
  outDir: string;
  /** The repository root: `snapshot.file` in the config is relative to it. */
  root: string;
  appUrl: string;
  /** ELIZAOS decimals (0–9); default 9. */
  elizaosDecimals?: number;
  /** Holders in the snapshot, demo and load wallets included; default 10,000. */
  holders?: number;
  /**
   * Extra funded wallets in the snapshot, each holding and allowed `LOAD_WALLET_TOKENS` AI16Z and
   * 1 SOL, for load tests and benchmarks (`config.loadWallets`); default 0.
   */
  loadWallets?: number;
};

/** What each load wallet holds and may migrate, in whole AI16Z. */
export const LOAD_WALLET_TOKENS = 100n;
/** Load wallets funded per transaction (SOL transfer, ATA create, mint: well under 1232 bytes). */
const LOAD_WALLETS_PER_TRANSACTION = 5;

/** A keypair derived from a label: the same on every run, and only ever on localnet. */
export function localnetKeypair(label: string): Keypair {
  return Keypair.fromSeed(createHash('sha256').update(`elizaos-migration-localnet:${label}`).digest());
}

/** `whole` tokens (plus `fraction` base units) in base units of a mint with `decimals`. */
function tokens(whole: bigint, decimals: number, fraction = 0n): bigint {
  return whole * 10n ** BigInt(decimals) + fraction;
}

type DemoPlan = { label: keyof LocalnetConfig['demoWallets']; description: string; snapshot: bigint; holds: bigint; sol: boolean; migrate?: bigint };

/** Whole AI16Z allocated to the off-curve holder. */
const OFF_CURVE_HOLDER_TOKENS = 750n;

/**
 * A multisig vault's kind of address: a program-derived address (off the ed25519 curve), derived
 * the way a Squads v4 vault is (seeds `multisig`, the multisig, `vault`, index 0) from a fixed
 * made-up multisig, so it is the same on every seed.
 */
function offCurveHolderAddress(): PublicKey {
  const squads = new PublicKey('SQDS4ep65T869zMMBKyuUq6aD6EgTu8psMjkvj52pCf');
  const multisig = localnetKeypair('demo:multisig').publicKey;
  const [vault] = PublicKey.findProgramAddressSync([Buffer.from('multisig'), multisig.toBuffer(), Buffer.from('vault'), Buffer.from([0])], squads);
  return vault;
}

function demoPlans(): DemoPlan[] {
  const t = (n: bigint) => tokens(n, AI16Z_DECIMALS);
  return [
    { label: 'eligible', description: 'in the snapshot, nothing migrated yet, holds exactly its allocation', snapshot: t(1_000n), holds: t(1_000n), sol: true },
    { label: 'partial', description: 'already migrated part of its allocation (a real migration made by the seed step)', snapshot: t(2_500n), holds: t(2_500n), sol: true, migrate: t(1_000n) },
    { label: 'notInSnapshot', description: 'holds AI16Z but is not in the snapshot', snapshot: 0n, holds: t(500n), sol: true },
    { label: 'postSnapshot', description: 'bought more AI16Z after the snapshot: holds more than its allocation', snapshot: t(300n), holds: t(800n), sol: true },
    { label: 'dust', description: 'a tiny allocation (0.000001 AI16Z)', snapshot: 1_000n, holds: 1_000n, sol: true },
    { label: 'noSol', description: 'eligible, but holds no SOL for the network fee', snapshot: t(100n), holds: t(100n), sol: false },
    {
      label: 'delegated',
      description: 'eligible, but its AI16Z account has a stray delegate and close authority: a known-drainer address (`strayAuthority`)',
      snapshot: t(400n),
      holds: t(400n),
      sol: true,
    },
  ];
}

/**
 * Generated holders: deterministic addresses and balances spread log-uniformly from 0.01 to
 * 100,000 AI16Z, so the snapshot looks like a real token's distribution.
 */
function generatedHolders(count: number): { wallet: string; allocation: bigint }[] {
  const holders: { wallet: string; allocation: bigint }[] = [];
  for (let i = 0; i < count; i += 1) {
    const digest = createHash('sha256').update(`elizaos-migration-localnet:holder:${i}`).digest();
    const fraction = digest.readUInt32BE(0) / 0xffff_ffff;
    const allocation = BigInt(Math.round(10 ** (7 + 7 * fraction))); // 10^7 … 10^14 base units
    holders.push({ wallet: new PublicKey(digest).toBase58(), allocation });
  }
  return holders;
}

/** The off-curve vault's address and allocation, derived as the seed derives them. */
function offCurveSnapshotRow(): { wallet: string; allocation: bigint } {
  const member = localnetKeypair('offcurve-vault-member');
  const [vault] = PublicKey.findProgramAddressSync([Buffer.from('multisig-vault'), member.publicKey.toBuffer()], localnetKeypair('offcurve-vault-program').publicKey);
  return { wallet: vault.toBase58(), allocation: tokens(700n, AI16Z_DECIMALS) };
}

/**
 * Seeds a fresh validator and writes `config.json` and `snapshot.csv` into `options.outDir`.
 * @returns the config written.
 * @throws Error when a seeding transaction fails (the validator's logs are in the message).
 */
export async function seedLocalnet(validator: LocalValidator, options: SeedOptions): Promise<LocalnetConfig> {
  const connection = new Connection(validator.rpcUrl, { commitment: 'confirmed', wsEndpoint: validator.wsUrl });
  const elizaosDecimals = options.elizaosDecimals ?? 9;
  const send = (instructions: TransactionInstruction[], signers: Signer[]) =>
    sendAndConfirmTransaction(connection, new Transaction().add(...instructions), signers, { commitment: 'confirmed' });

  const faucet = localnetKeypair('faucet');
  await connection.confirmTransaction(
    { signature: await connection.requestAirdrop(faucet.publicKey, 1_000_000 * LAMPORTS_PER_SOL), ...(await connection.getLatestBlockhash()) },
    'confirmed',
  );

  // AI16Z: Token-2022 at the mainnet address, with metadata pointer (to itself) and metadata.
  const ai16zMint = new PublicKey(AI16Z_MAINNET_MINT);
  const ai16zAuthority = localnetKeypair('ai16z-mint-authority');
  const metadata: TokenMetadata = {
    mint: ai16zMint,
    updateAuthority: ai16zAuthority.publicKey,
    name: 'ai16z',
    symbol: 'AI16Z',
    uri: 'https://localnet.invalid/ai16z.json',
    additionalMetadata: [],
  };
  const mintLen = getMintLen([ExtensionType.MetadataPointer]);
  const fullLen = mintLen + TYPE_SIZE + LENGTH_SIZE + packTokenMetadata(metadata).length;
  validator.setAccount(ai16zMint, {
    lamports: BigInt(await connection.getMinimumBalanceForRentExemption(fullLen)),
    data: new Uint8Array(mintLen),
    owner: TOKEN_2022_PROGRAM_ID,
  });
  await send(
    [
      createInitializeMetadataPointerInstruction(ai16zMint, ai16zAuthority.publicKey, ai16zMint, TOKEN_2022_PROGRAM_ID),
      createInitializeMint2Instruction(ai16zMint, AI16Z_DECIMALS, ai16zAuthority.publicKey, null, TOKEN_2022_PROGRAM_ID),
      createInitializeTokenMetadataInstruction({
        programId: TOKEN_2022_PROGRAM_ID,
        metadata: ai16zMint,
        updateAuthority: ai16zAuthority.publicKey,
        mint: ai16zMint,
        mintAuthority: ai16zAuthority.publicKey,
        name: metadata.name,
        symbol: metadata.symbol,
        uri: metadata.uri,
      }),
    ],
    [faucet, ai16zAuthority],
  );

  // ELIZAOS: a classic SPL Token mint at the mainnet address (placed, then initialised: InitializeMint2
  // needs no signature of the mint's own key, which nobody here holds).
  const elizaosMint = { publicKey: new PublicKey(ELIZAOS_MAINNET_MINT) };
  const elizaosAuthority = localnetKeypair('elizaos-mint-authority');
  validator.setAccount(elizaosMint.publicKey, {
    lamports: BigInt(await connection.getMinimumBalanceForRentExemption(getMintLen([]))),
    data: new Uint8Array(getMintLen([])),
    owner: TOKEN_PROGRAM_ID,
  });
  await send([createInitializeMint2Instruction(elizaosMint.publicKey, elizaosDecimals, elizaosAuthority.publicKey, null, TOKEN_PROGRAM_ID)], [faucet]);

  const ai16z = { mint: ai16zMint, decimals: AI16Z_DECIMALS, programId: TOKEN_2022_PROGRAM_ID };
  const elizaos = { mint: elizaosMint.publicKey, decimals: elizaosDecimals, programId: TOKEN_PROGRAM_ID };
  const ataOf = (m: typeof ai16z, owner: PublicKey) => getAssociatedTokenAddressSync(m.mint, owner, false, m.programId);
  const createAta = (m: typeof ai16z, owner: PublicKey) =>
    createAssociatedTokenAccountIdempotentInstruction(faucet.publicKey, ataOf(m, owner), owner, m.mint, m.programId);

  // The snapshot: demo wallets first, then generated holders up to the total count.
  const demoKeys = new Map(demoPlans().map((plan) => [plan.label, localnetKeypair(`demo:${plan.label}`)]));
  const keyOf = (label: DemoPlan['label']): Keypair => {
    const key = demoKeys.get(label);
    if (!key) throw new Error(`no key for demo wallet ${label}`);
    return key;
  };
  const demoRows = demoPlans()
    .filter((plan) => plan.snapshot > 0n)
    .map((plan) => ({ wallet: keyOf(plan.label).publicKey.toBase58(), allocation: plan.snapshot }));
  const loadKeys = Array.from({ length: options.loadWallets ?? 0 }, (_, i) => localnetKeypair(`load:${i}`));
  const loadAllocation = tokens(LOAD_WALLET_TOKENS, AI16Z_DECIMALS);
  const loadRows = loadKeys.map((key) => ({ wallet: key.publicKey.toBase58(), allocation: loadAllocation }));
  // An off-curve holder (a multisig vault's address: a PDA, no private key): in the snapshot, so its
  // eligibility answers WALLET_CANNOT_SIGN and names the deposit-and-receive path.
  const offCurveHolder = offCurveHolderAddress();
  // A second off-curve vault whose AI16Z account the seed funds and delegates to a member key, so
  // tests can send a real deposit from an off-curve owner (`deposit.offCurveSender`).
  const offCurveRows = [{ wallet: offCurveHolder.toBase58(), allocation: tokens(OFF_CURVE_HOLDER_TOKENS, AI16Z_DECIMALS) }, offCurveSnapshotRow()];
  const generated = Math.max(0, (options.holders ?? SNAPSHOT_HOLDERS) - demoRows.length - loadRows.length - offCurveRows.length);
  const rows = [...demoRows, ...offCurveRows, ...loadRows, ...generatedHolders(generated)];
  const snapshotTotal = rows.reduce((sum, row) => sum + row.allocation, 0n);

  // Vault, treasury (funded for every allocation at 1 : 6) and the delegate's capped allowance.
  const vaultOwner = localnetKeypair('vault-owner');
  const treasuryOwner = localnetKeypair('treasury-owner');
  const delegate = localnetKeypair('treasury-delegate');
  const treasuryAccount = ataOf(elizaos, treasuryOwner.publicKey);
  const treasuryFunding = convertAi16zToElizaos(snapshotTotal, AI16Z_DECIMALS, elizaosDecimals, RATIO);
  const allowance = convertAi16zToElizaos(tokens(10_000_000n, AI16Z_DECIMALS), AI16Z_DECIMALS, elizaosDecimals, RATIO);
  await send(
    [
      createAta(ai16z, vaultOwner.publicKey),
      createAta(elizaos, treasuryOwner.publicKey),
      createMintToCheckedInstruction(elizaos.mint, treasuryAccount, elizaosAuthority.publicKey, treasuryFunding, elizaosDecimals, [], TOKEN_PROGRAM_ID),
      createApproveCheckedInstruction(treasuryAccount, elizaos.mint, delegate.publicKey, treasuryOwner.publicKey, allowance, elizaosDecimals, [], TOKEN_PROGRAM_ID),
    ],
    [faucet, elizaosAuthority, treasuryOwner],
  );

  // Demo wallets: SOL (but for noSol), an AI16Z ATA paid by the faucet, their AI16Z.
  const ops = localnetKeypair('ops:0');
  const plans = demoPlans();
  await send(
    [
      ...plans.filter((p) => p.sol).map((p) => SystemProgram.transfer({ fromPubkey: faucet.publicKey, toPubkey: keyOf(p.label).publicKey, lamports: 10 * LAMPORTS_PER_SOL })),
      SystemProgram.transfer({ fromPubkey: faucet.publicKey, toPubkey: ops.publicKey, lamports: 10 * LAMPORTS_PER_SOL }),
    ],
    [faucet],
  );
  for (const plan of plans) {
    const owner = keyOf(plan.label).publicKey;
    await send(
      [createAta(ai16z, owner), createMintToCheckedInstruction(ai16z.mint, ataOf(ai16z, owner), ai16zAuthority.publicKey, plan.holds, AI16Z_DECIMALS, [], TOKEN_2022_PROGRAM_ID)],
      [faucet, ai16zAuthority],
    );
  }

  for (let i = 0; i < loadKeys.length; i += LOAD_WALLETS_PER_TRANSACTION) {
    await send(
      loadKeys.slice(i, i + LOAD_WALLETS_PER_TRANSACTION).flatMap(({ publicKey: owner }) => [
        SystemProgram.transfer({ fromPubkey: faucet.publicKey, toPubkey: owner, lamports: LAMPORTS_PER_SOL }),
        createAta(ai16z, owner),
        createMintToCheckedInstruction(ai16z.mint, ataOf(ai16z, owner), ai16zAuthority.publicKey, loadAllocation, AI16Z_DECIMALS, [], TOKEN_2022_PROGRAM_ID),
      ]),
      [faucet, ai16zAuthority],
    );
  }

  // Deposit and receive: the deposit owner (distinct from the vault owner) and its AI16Z ATA under
  // Token-2022 (what a wallet's "send to address" derives), a little SOL for refund fees; the
  // payout fee payer, a hot key with a bounded balance (2 SOL).
  const depositOwner = localnetKeypair('deposit-owner');
  const feePayer = localnetKeypair('deposit-fee-payer');
  const depositTokenAccount = ataOf(ai16z, depositOwner.publicKey);
  await send(
    [
      createAta(ai16z, depositOwner.publicKey),
      SystemProgram.transfer({ fromPubkey: faucet.publicKey, toPubkey: depositOwner.publicKey, lamports: LAMPORTS_PER_SOL }),
      SystemProgram.transfer({ fromPubkey: faucet.publicKey, toPubkey: feePayer.publicKey, lamports: 2 * LAMPORTS_PER_SOL }),
    ],
    [faucet],
  );

  // An off-curve sender, as a multisig vault is: a program-derived address in the snapshot, whose
  // AI16Z account (its ATA, created without its signature) lets a member key move its AI16Z as
  // delegate. The delegate is written into the account's data with setAccount, as no key can sign
  // an Approve for a PDA outside its program; the transfer itself is then a real, signed one.
  const vaultMember = localnetKeypair('offcurve-vault-member');
  const [offCurveVault] = PublicKey.findProgramAddressSync([Buffer.from('multisig-vault'), vaultMember.publicKey.toBuffer()], localnetKeypair('offcurve-vault-program').publicKey);
  const offCurveTokens = tokens(700n, AI16Z_DECIMALS);
  const offCurveAccount = getAssociatedTokenAddressSync(ai16z.mint, offCurveVault, true, ai16z.programId);
  await send(
    [
      createAssociatedTokenAccountIdempotentInstruction(faucet.publicKey, offCurveAccount, offCurveVault, ai16z.mint, ai16z.programId),
      createMintToCheckedInstruction(ai16z.mint, offCurveAccount, ai16zAuthority.publicKey, offCurveTokens, AI16Z_DECIMALS, [], TOKEN_2022_PROGRAM_ID),
      SystemProgram.transfer({ fromPubkey: faucet.publicKey, toPubkey: vaultMember.publicKey, lamports: LAMPORTS_PER_SOL }),
    ],
    [faucet, ai16zAuthority],
  );
  {
    const raw = validator.getAccount(offCurveAccount);
    if (!raw) throw new Error('the off-curve vault’s AI16Z account was not created');
    const data = Uint8Array.from(raw.data);
    const base = AccountLayout.decode(data.subarray(0, AccountLayout.span));
    AccountLayout.encode({ ...base, delegateOption: 1, delegate: vaultMember.publicKey, delegatedAmount: offCurveTokens }, data);
    validator.setAccount(offCurveAccount, { ...raw, data });
  }

  // The delegated wallet: what a wallet-drainer site leaves behind (an allowance over the holder's
  // AI16Z and a close authority on the account), both to the same address.
  const strayAuthority = localnetKeypair('stray-authority:fake-claim-site').publicKey;
  {
    const holder = keyOf('delegated');
    const account = ataOf(ai16z, holder.publicKey);
    await send(
      [
        createApproveCheckedInstruction(account, ai16z.mint, strayAuthority, holder.publicKey, tokens(400n, AI16Z_DECIMALS), AI16Z_DECIMALS, [], TOKEN_2022_PROGRAM_ID),
        createSetAuthorityInstruction(account, holder.publicKey, AuthorityType.CloseAccount, strayAuthority, [], TOKEN_2022_PROGRAM_ID),
      ],
      [faucet, holder],
    );
  }

  // The partial wallet's earlier migration: the portal's own transaction, signed by holder and delegate.
  const demoWallets = {} as Record<DemoPlan['label'], LocalnetDemoWallet>;
  for (const plan of plans) {
    const holder = keyOf(plan.label);
    const wallet: LocalnetDemoWallet = {
      publicKey: holder.publicKey.toBase58(),
      secretKey: bs58.encode(holder.secretKey),
      snapshotBalance: plan.snapshot.toString(),
      balance: plan.holds.toString(),
      lamports: String(await connection.getBalance(holder.publicKey)),
      description: plan.description,
    };
    if (plan.migrate) {
      const migrationId = randomUUID();
      const expected: MigrationExpected = {
        migrationId,
        holder: holder.publicKey,
        ai16z,
        elizaos,
        vaultTokenAccount: ataOf(ai16z, vaultOwner.publicKey),
        treasuryTokenAccount: treasuryAccount,
        treasuryDelegate: delegate.publicKey,
        amountIn: plan.migrate,
        amountOut: convertAi16zToElizaos(plan.migrate, AI16Z_DECIMALS, elizaosDecimals, RATIO),
      };
      const { blockhash } = await connection.getLatestBlockhash();
      const transaction = buildMigrationTransaction({ ...expected, recentBlockhash: blockhash });
      transaction.partialSign(holder);
      transaction.partialSign(delegate);
      const signature = await connection.sendRawTransaction(transaction.serialize());
      const { value } = await connection.confirmTransaction({ signature, blockhash, lastValidBlockHeight: (await connection.getBlockHeight()) + 150 }, 'confirmed');
      if (value.err) throw new Error(`the seeded migration of the partial wallet failed: ${JSON.stringify(value.err)}`);
      Object.assign(wallet, {
        balance: (plan.holds - plan.migrate).toString(),
        lamports: String(await connection.getBalance(holder.publicKey)),
        migrated: plan.migrate.toString(),
        migrationId,
        migrationSignature: signature,
      });
    }
    demoWallets[plan.label] = wallet;
  }

  mkdirSync(options.outDir, { recursive: true });
  const snapshotFile = path.join(options.outDir, 'snapshot.csv');
  writeFileSync(snapshotFile, `${SNAPSHOT_HEADER}\n${rows.map((r) => `${r.wallet},${r.allocation}`).join('\n')}\n`);
  const now = new Date().toISOString();
  // Random, not derived like the other localnet keys: a release key must never be guessable, even a demo one.
  const release = Keypair.generate();
  const config: LocalnetConfig = {
    cluster: 'localnet',
    rpcUrl: validator.rpcUrl,
    wsUrl: validator.wsUrl,
    appUrl: options.appUrl,
    mints: {
      ai16z: { address: ai16z.mint.toBase58(), decimals: ai16z.decimals, programId: ai16z.programId.toBase58() },
      elizaos: { address: elizaos.mint.toBase58(), decimals: elizaos.decimals, programId: elizaos.programId.toBase58() },
    },
    vault: { owner: vaultOwner.publicKey.toBase58(), tokenAccount: ataOf(ai16z, vaultOwner.publicKey).toBase58() },
    treasury: {
      owner: treasuryOwner.publicKey.toBase58(),
      tokenAccount: treasuryAccount.toBase58(),
      delegate: delegate.publicKey.toBase58(),
      delegateSecretKey: bs58.encode(delegate.secretKey),
      allowance: allowance.toString(),
    },
    ops: [{ publicKey: ops.publicKey.toBase58(), secretKey: bs58.encode(ops.secretKey) }],
    deposit: {
      owner: depositOwner.publicKey.toBase58(),
      tokenAccount: depositTokenAccount.toBase58(),
      secretKey: bs58.encode(depositOwner.secretKey),
      feePayer: { publicKey: feePayer.publicKey.toBase58(), secretKey: bs58.encode(feePayer.secretKey) },
      offCurveSender: {
        address: offCurveVault.toBase58(),
        tokenAccount: offCurveAccount.toBase58(),
        delegateSecretKey: bs58.encode(vaultMember.secretKey),
        snapshotBalance: offCurveTokens.toString(),
      },
    },
    strayAuthority: { address: strayAuthority.toBase58(), label: 'Fake claim site (localnet demo)' },
    offCurveHolder: { address: offCurveHolder.toBase58(), snapshotBalance: tokens(OFF_CURVE_HOLDER_TOKENS, AI16Z_DECIMALS).toString() },
    release: { publicKey: release.publicKey.toBase58(), secretKey: bs58.encode(release.secretKey) },
    demoWallets,
    loadWallets: loadKeys.map((key) => ({ publicKey: key.publicKey.toBase58(), secretKey: bs58.encode(key.secretKey), snapshotBalance: loadAllocation.toString() })),
    snapshot: { file: path.relative(options.root, snapshotFile), takenAt: now, holders: rows.length, total: snapshotTotal.toString() },
    seededAt: now,
  };
  writeFileSync(path.join(options.outDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  return config;
}
