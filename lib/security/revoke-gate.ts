import 'server-only';
import { PublicKey, VersionedTransaction } from '@solana/web3.js';
import { getConnection } from '@/lib/chain';
import { getConfig } from '@/lib/config';
import { ApiError } from '@/lib/http/errors';
import { getKnownDrainers } from '@/lib/security/drainers';
import { verifyRevokeTransaction, type RevokableAccount } from '@/lib/solana/revoke-policy';
import { BASE64 } from '@/lib/text/patterns';

/**
 * The one transaction the RPC proxy sends for the browser: a holder-signed Revoke of stray
 * delegates (README "Stray delegations (Revoke)"). `sendTransaction` is otherwise refused; this gate lets a call through
 * only when its transaction passes the revoke policy here, on the server, against the holder's own
 * AI16Z and ELIZAOS token accounts as read from the chain now (holder = the fee payer).
 *
 * @param params the JSON-RPC params: `[base64 wire transaction, {encoding: "base64", …}]`.
 * @throws ApiError BAD_REQUEST (not base64 / not a transaction / other encoding), POLICY_VIOLATION
 *   (422, `details.violations`), RPC_UNAVAILABLE (the accounts could not be read: fail closed).
 */
export async function assertSendableRevoke(params: readonly unknown[] | undefined): Promise<void> {
  const [wire, options] = params ?? [];
  const encoding = (options as { encoding?: unknown } | undefined)?.encoding;
  if (typeof wire !== 'string' || encoding !== 'base64' || !BASE64.test(wire)) {
    throw new ApiError('BAD_REQUEST', 'sendTransaction takes one base64 transaction with {"encoding": "base64"}.');
  }
  const bytes = Uint8Array.from(Buffer.from(wire, 'base64'));
  let holder: PublicKey;
  try {
    const key = VersionedTransaction.deserialize(bytes).message.staticAccountKeys[0];
    if (!key) throw new Error('no fee payer');
    holder = key;
  } catch {
    throw new ApiError('BAD_REQUEST', 'The transaction could not be decoded.');
  }
  const config = getConfig();
  const accounts: RevokableAccount[] = [];
  try {
    for (const mint of [config.mints.ai16z, config.mints.elizaos]) {
      const { value } = await getConnection().getTokenAccountsByOwner(holder, { mint: mint.address }, 'confirmed');
      for (const { pubkey, account } of value) if (account.owner.equals(mint.programId)) accounts.push({ address: pubkey, programId: mint.programId });
    }
  } catch {
    throw new ApiError('RPC_UNAVAILABLE', 'Your token accounts could not be read from Solana just now. Try again in a moment.', {}, 5);
  }
  const verdict = verifyRevokeTransaction(bytes, { holder, accounts }, { knownDrainers: await getKnownDrainers(), requireAll: false });
  if (!verdict.ok) {
    throw new ApiError('POLICY_VIOLATION', 'This portal only sends a Revoke of your own AI16Z and ELIZAOS token accounts; this transaction is not one.', {
      violations: verdict.violations,
    });
  }
}
