/**
 * Detection and the Revoke against the local validator's real SPL Token and Token-2022 programs:
 * accounts with a delegate and a close authority are found through `getTokenAccountsByOwner`, the
 * built Revoke passes the policy, stays within its compute budget, lands, and clears the delegates
 * (the close authorities stay, as the page explains).
 */
import {
  AuthorityType,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  approve,
  createAssociatedTokenAccountIdempotent,
  createMint,
  getAccount,
  mintTo,
  setAuthority,
} from '@solana/spl-token';
import { Keypair, type PublicKey, VersionedTransaction } from '@solana/web3.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStrayAuthorities, readHolderTokenAccounts, type WatchedMint } from '@/lib/solana/delegations';
import { REVOKE_COMPUTE_UNIT_LIMIT_PER_ACCOUNT, buildRevokeTransaction } from '@/lib/solana/revoke-builder';
import { verifyRevokeTransaction } from '@/lib/solana/revoke-policy';
import { fundedKeypair, startTestValidator, type TestValidator } from '@/scripts/localnet/validator/test-support';

let harness: TestValidator;
const holder = Keypair.generate();
const drainer = Keypair.generate().publicKey;
const mints: WatchedMint[] = [];
const accounts: { address: PublicKey; programId: PublicKey }[] = [];

beforeAll(async () => {
  harness = await startTestValidator();
  const { connection } = harness;
  const payer = await fundedKeypair(connection, 100);
  const funded = await connection.requestAirdrop(holder.publicKey, 1_000_000_000);
  await connection.confirmTransaction({ signature: funded, ...(await connection.getLatestBlockhash()) });
  for (const [symbol, programId] of [
    ['AI16Z', TOKEN_2022_PROGRAM_ID],
    ['ELIZAOS', TOKEN_PROGRAM_ID],
  ] as const) {
    const mint = await createMint(connection, payer, payer.publicKey, null, 9, undefined, { commitment: 'confirmed' }, programId);
    const ata = await createAssociatedTokenAccountIdempotent(connection, payer, mint, holder.publicKey, { commitment: 'confirmed' }, programId);
    await mintTo(connection, payer, mint, ata, payer, 5_000_000_000n, [], { commitment: 'confirmed' }, programId);
    await approve(connection, payer, ata, drainer, holder, 5_000_000_000n, [], { commitment: 'confirmed' }, programId);
    await setAuthority(connection, payer, ata, holder, AuthorityType.CloseAccount, drainer, [], { commitment: 'confirmed' }, programId);
    mints.push({ symbol, mint: mint.toBase58(), decimals: 9, programId: programId.toBase58() });
    accounts.push({ address: ata, programId });
  }
}, 60_000);

afterAll(async () => {
  await harness?.validator.close();
});

describe('stray delegations on the local validator', () => {
  it('finds both delegates and close authorities, revokes the delegates in one transaction, and they are gone', async () => {
    const { connection } = harness;
    const labels = new Map([[drainer.toBase58(), 'test drainer']]);
    const found = findStrayAuthorities(holder.publicKey, await readHolderTokenAccounts(connection, holder.publicKey, mints), labels);
    expect(found.map((s) => [s.symbol, s.delegate?.drainerLabel, s.delegate?.delegatedAmount, s.closeAuthority?.address])).toEqual([
      ['AI16Z', 'test drainer', 5_000_000_000n, drainer.toBase58()],
      ['ELIZAOS', 'test drainer', 5_000_000_000n, drainer.toBase58()],
    ]);

    const { blockhash } = await connection.getLatestBlockhash();
    const tx = buildRevokeTransaction(holder.publicKey, accounts, blockhash);
    const unsigned = tx.serialize({ requireAllSignatures: false, verifySignatures: false });
    expect(verifyRevokeTransaction(unsigned, { holder: holder.publicKey, accounts }, { allowWalletAdditions: false }).ok).toBe(true);
    const simulated = await connection.simulateTransaction(VersionedTransaction.deserialize(unsigned), { sigVerify: false, replaceRecentBlockhash: true });
    expect(simulated.value.err).toBeNull();
    // Measured: a Revoke costs far less than the budget asked for each account.
    expect(simulated.value.unitsConsumed ?? Infinity).toBeLessThan(REVOKE_COMPUTE_UNIT_LIMIT_PER_ACCOUNT * accounts.length);
    console.log(`[revoke] unitsConsumed for ${accounts.length} Revokes (Token-2022 + Token): ${simulated.value.unitsConsumed}`);

    tx.sign(holder);
    const signature = await connection.sendRawTransaction(tx.serialize());
    const { value } = await connection.confirmTransaction({ signature, blockhash, lastValidBlockHeight: (await connection.getBlockHeight()) + 150 }, 'confirmed');
    expect(value.err).toBeNull();

    for (const a of accounts) {
      const account = await getAccount(connection, a.address, 'confirmed', a.programId);
      expect(account.delegate).toBeNull();
      expect(account.delegatedAmount).toBe(0n);
      expect(account.closeAuthority?.toBase58()).toBe(drainer.toBase58());
    }
    const after = findStrayAuthorities(holder.publicKey, await readHolderTokenAccounts(connection, holder.publicKey, mints), labels);
    expect(after.map((s) => [s.delegate, s.closeAuthority?.address])).toEqual([
      [null, drainer.toBase58()],
      [null, drainer.toBase58()],
    ]);
  }, 60_000);
});
