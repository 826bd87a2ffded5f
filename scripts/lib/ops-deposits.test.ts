import { verify } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getAssociatedTokenAddressSync, TOKEN_2022_PROGRAM_ID } from '@solana/spl-token';
import { Keypair, PublicKey, Transaction } from '@solana/web3.js';
import bs58 from 'bs58';
import { describe, expect, it } from 'vitest';
import { buildRefundTransaction, refundMemo, type RefundExpected } from '@/lib/solana/payout';
import { type DepositApi, depositList, depositRefund, depositRefundSubmit, depositReject, type RefundAnswer } from '@/scripts/lib/ops-deposits';
import { parseArgv } from '@/scripts/ops';

const key = () => Keypair.generate().publicKey;
const signature = () => bs58.encode(Keypair.generate().secretKey);
const ID = '3f1c2b8e-4d5a-4c6b-9e7f-0a1b2c3d4e5f';

/** A fake ops API: answers by path, records every call. */
function fakeApi(answers: Record<string, unknown>): DepositApi & { calls: { method: string; path: string; body?: unknown }[] } {
  const calls: { method: string; path: string; body?: unknown }[] = [];
  const answer = (method: string, p: string, body?: unknown) => {
    calls.push({ method, path: p, body });
    if (!(p in answers)) throw new Error(`unexpected ${method} ${p}`);
    return Promise.resolve(answers[p]);
  };
  return { calls, get: (p) => answer('GET', p), post: (p, body) => answer('POST', p, body) };
}

/** A refund as the server prepares it for an offline owner (lib/deposit/refund.ts). */
function prepared(over: Partial<RefundExpected> = {}, tamper?: (e: RefundExpected) => RefundExpected) {
  const owner = Keypair.generate();
  const mint = { mint: key(), decimals: 9, programId: TOKEN_2022_PROGRAM_ID };
  const expected: RefundExpected = {
    signature: signature(),
    instructionIndex: 0,
    owner: owner.publicKey,
    mint,
    token: 'AI16Z',
    from: getAssociatedTokenAddressSync(mint.mint, owner.publicKey, true, mint.programId),
    to: key(),
    amount: 2_500_000_000n,
    ...over,
  };
  const built = buildRefundTransaction({ ...(tamper ? tamper(expected) : expected), recentBlockhash: key().toBase58() });
  const answer: RefundAnswer = {
    id: ID,
    state: 'prepared',
    transaction: built.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64'),
    messageHash: 'h',
    lastValidBlockHeight: '1000',
    expected: {
      owner: expected.owner.toBase58(),
      from: expected.from.toBase58(),
      to: expected.to.toBase58(),
      mint: mint.mint.toBase58(),
      decimals: 9,
      tokenProgram: mint.programId.toBase58(),
      amount: expected.amount.toString(),
      memo: refundMemo(expected),
    },
  };
  return { owner, expected, answer, cli: { publicKey: owner.publicKey.toBase58(), secretKey: owner.secretKey } };
}

const refundPath = `/api/v1/ops/deposits/${ID}/refund`;
const submitPath = `/api/v1/ops/deposits/${ID}/refund/submit`;

function ownerSigned(base64: string, owner: PublicKey): boolean {
  const tx = Transaction.from(Buffer.from(base64, 'base64'));
  const sig = tx.signatures.find((s) => s.publicKey.equals(owner))?.signature;
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), owner.toBuffer()]);
  return !!sig && verify(null, tx.serializeMessage(), { key: spki, format: 'der', type: 'spki' }, sig);
}

describe('ops CLI: deposit list', () => {
  it('lists the refunds waiting by default, in whole tokens, with the reason, sender and signature', async () => {
    const sig = signature();
    const api = fakeApi({
      '/api/v1/ops/deposits?filter=refund_pending': {
        deposits: [
          { id: ID, signature: sig, index: 0, wallet: 'W1', mint: 'M', decimals: 9, amount: '150000000000', state: 'partially_paid', reason: 'AMOUNT_EXCEEDS_REMAINING', paid: '100000000000', refundState: 'pending', refundAmount: '50000000000', refundSignature: null, sourceTokenAccount: 'S', blockTime: '2026-12-07T00:00:00.000Z' },
        ],
      },
    });
    const out = await depositList(api);
    expect(out.summary).toContain(ID);
    expect(out.summary).toMatch(/partially_paid\s+150 sent\s+100 paid {2}refund pending 50 {2}AMOUNT_EXCEEDS_REMAINING {2}W1 {2}/);
    expect(out.summary.endsWith(sig)).toBe(true);
    expect(api.calls).toEqual([{ method: 'GET', path: '/api/v1/ops/deposits?filter=refund_pending', body: undefined }]);
  });

  it('says so when nothing waits, and refuses a filter the API does not have before asking it', async () => {
    expect((await depositList(fakeApi({ '/api/v1/ops/deposits?filter=refund_pending': { deposits: [] } }))).summary).toBe('no refunds waiting');
    const api = fakeApi({});
    await expect(depositList(api, 'paid')).rejects.toThrow(/--filter must be one of refund_pending, open, all/);
    expect(api.calls).toEqual([]);
  });

  it('parses the deposit commands’ options', () => {
    const parsed = parseArgv(['deposit', 'refund', ID, '--owner-keypair', 'owner.json', '--localnet']);
    expect(parsed.positionals).toEqual(['deposit', 'refund', ID]);
    expect(parsed.options.get('owner-keypair')).toBe('owner.json');
    expect(parseArgv(['deposit', 'list', '--filter', 'all']).options.get('filter')).toBe('all');
    expect(parseArgv(['deposit', 'refund-submit', ID, '--signed', 'x.json']).options.get('signed')).toBe('x.json');
  });
});

describe('ops CLI: deposit refund', () => {
  it('reports the signature when the portal signs with the deposit owner’s key itself', async () => {
    const sig = signature();
    const out = await depositRefund(fakeApi({ [refundPath]: { id: ID, state: 'submitted', signature: sig } }), ID);
    expect(out.summary).toContain(sig);
  });

  it('checks a prepared refund, signs it with the owner’s key and submits exactly that message', async () => {
    const p = prepared();
    const sent = signature();
    const api = fakeApi({ [refundPath]: p.answer, [submitPath]: { id: ID, state: 'submitted', signature: sent } });
    const out = await depositRefund(api, ID, { ownerKeypair: p.cli });
    expect(out.summary).toContain(`back to ${p.expected.to.toBase58()}`);
    expect(out.summary).toContain(sent);
    const submitted = api.calls.find((c) => c.path === submitPath)?.body as { transaction: string };
    expect(ownerSigned(submitted.transaction, p.owner.publicKey)).toBe(true);
    const message = (b64: string) => Transaction.from(Buffer.from(b64, 'base64')).serializeMessage();
    expect(message(submitted.transaction).equals(message(p.answer.transaction))).toBe(true);
  });

  it.each([
    ['the transaction sends elsewhere than the stated source account', (e: RefundExpected) => ({ ...e, to: key() }), /not this refund: .*/],
    ['the transaction refunds more than stated', (e: RefundExpected) => ({ ...e, amount: e.amount + 1n }), /not this refund/],
    ['the transaction names another deposit in its memo', (e: RefundExpected) => ({ ...e, signature: signature() }), /not this refund/],
  ])('refuses to sign when %s, and submits nothing', async (_, tamper, message) => {
    const p = prepared({}, tamper);
    const api = fakeApi({ [refundPath]: p.answer, [submitPath]: {} });
    await expect(depositRefund(api, ID, { ownerKeypair: p.cli })).rejects.toThrow(message);
    expect(api.calls.map((c) => c.path)).toEqual([refundPath]);
  });

  it('refuses a key that is not the deposit owner’s, and a refund leaving from another account than the owner’s own', async () => {
    const p = prepared();
    const stranger = Keypair.generate();
    const api = fakeApi({ [refundPath]: p.answer, [submitPath]: {} });
    await expect(depositRefund(api, ID, { ownerKeypair: { publicKey: stranger.publicKey.toBase58(), secretKey: stranger.secretKey } })).rejects.toThrow(/signed by the deposit owner/);
    const other = prepared({ from: key() });
    await expect(depositRefund(fakeApi({ [refundPath]: other.answer }), ID, { ownerKeypair: other.cli })).rejects.toThrow(/not the owner's own token account/);
    expect(api.calls.map((c) => c.path)).toEqual([refundPath]);
  });

  it('writes the unsigned refund for an offline signer; refund-submit sends the signed file back', async () => {
    const p = prepared();
    const dir = mkdtempSync(path.join(tmpdir(), 'ops-deposit-'));
    const file = path.join(dir, 'refund.json');
    const out = await depositRefund(fakeApi({ [refundPath]: p.answer }), ID, { unsignedOut: file });
    expect(out.summary).toContain(`deposit refund-submit ${ID} --signed FILE`);
    const written = JSON.parse(readFileSync(file, 'utf8')) as { transaction: string; expected: { to: string } };
    expect(written.expected.to).toBe(p.expected.to.toBase58());
    // The offline signer signs the file's transaction and puts it back.
    const tx = Transaction.from(Buffer.from(written.transaction, 'base64'));
    tx.partialSign(p.owner);
    writeFileSync(file, JSON.stringify({ ...written, transaction: tx.serialize().toString('base64') }));
    const sent = signature();
    const api = fakeApi({ [submitPath]: { id: ID, state: 'submitted', signature: sent } });
    expect((await depositRefundSubmit(api, ID, file)).summary).toBe(`refund sent: ${sent}`);
    expect(ownerSigned((api.calls[0]?.body as { transaction: string }).transaction, p.owner.publicKey)).toBe(true);
    writeFileSync(file, 'not base64 !');
    await expect(depositRefundSubmit(api, ID, file)).rejects.toThrow(/holds no base64 transaction/);
  });

  it('rejects with the note', async () => {
    const api = fakeApi({ [`/api/v1/ops/deposits/${ID}/reject`]: { id: ID, refundState: 'rejected' } });
    expect((await depositReject(api, ID, 'source account closed; contact support')).summary).toContain('source account closed');
    expect(api.calls[0]?.body).toEqual({ note: 'source account closed; contact support' });
  });
});
