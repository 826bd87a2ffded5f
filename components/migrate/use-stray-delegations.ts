import { useConnection, useWallet } from '@solana/wallet-adapter-react';
import { PublicKey, Transaction } from '@solana/web3.js';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { findStrayAuthorities, readHolderTokenAccounts, type DrainerLabels, type StrayAuthority, type WatchedMint } from '@/lib/solana/delegations';
import { buildRevokeTransaction } from '@/lib/solana/revoke-builder';
import { verifyRevokeTransaction, type DecodedRevokeTransaction, type RevokeExpected } from '@/lib/solana/revoke-policy';
import { fetchDrainerLabels as fetchLabels } from '@/lib/api/client';
import { ConfirmationTimeoutError, OnChainFailure, PolicyRefusal } from '@/components/migrate/errors';

export type DetectionState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'loaded'; stray: StrayAuthority[]; drainersKnown: boolean };

export type RevokeState =
  | { step: 'idle' }
  | { step: 'building' }
  | { step: 'review'; bytes: Uint8Array; decoded: DecodedRevokeTransaction; expected: RevokeExpected; drainers: string[] }
  | { step: 'signing' | 'sending'; decoded: DecodedRevokeTransaction }
  | { step: 'confirming'; decoded: DecodedRevokeTransaction; signature: string }
  | { step: 'done'; signature: string }
  | { step: 'failed'; error: unknown };

const POLL_INTERVAL_MS = 1_000;
const POLL_TIMEOUT_MS = 60_000;

/** The known-drainer labels, or null when the list cannot be had (detection goes on without names). */
async function fetchDrainerLabels(): Promise<DrainerLabels | null> {
  try {
    return await fetchLabels();
  } catch {
    return null;
  }
}

/**
 * On connect: reads the holder's AI16Z and ELIZAOS token accounts from the chain (through the RPC
 * proxy) and reports delegates and close authorities; then offers a Revoke built here, checked by
 * the revoke policy on the bytes the wallet gets and on what it returns, signed with
 * `signTransaction` and sent through the proxy (which checks it once more). The drainer list only
 * names addresses; what is set on an account is read from the chain.
 */
export function useStrayDelegations(holder: PublicKey, params: Pick<PublicMigrationParams, 'ai16z' | 'elizaos'>) {
  const { connection } = useConnection();
  const { signTransaction } = useWallet();
  const [detection, setDetection] = useState<DetectionState>({ status: 'loading' });
  const [revoke, setRevoke] = useState<RevokeState>({ step: 'idle' });
  const [drainers, setDrainers] = useState<DrainerLabels>(new Map());
  const [reloads, setReloads] = useState(0);
  const stateRef = useRef(revoke);
  useEffect(() => {
    stateRef.current = revoke;
  }, [revoke]);
  const mints = useMemo<WatchedMint[]>(() => [{ symbol: 'AI16Z', ...params.ai16z }, { symbol: 'ELIZAOS', ...params.elizaos }], [params.ai16z, params.elizaos]);

  useEffect(() => {
    let live = true;
    setDetection({ status: 'loading' });
    void (async () => {
      const labels = await fetchDrainerLabels();
      try {
        const accounts = await readHolderTokenAccounts(connection, holder, mints);
        const stray = findStrayAuthorities(holder, accounts, labels ?? new Map());
        if (!live) return;
        setDrainers(labels ?? new Map());
        setDetection({ status: 'loaded', stray, drainersKnown: labels !== null });
      } catch (error) {
        if (live) setDetection({ status: 'error', error });
      }
    })();
    return () => {
      live = false;
    };
  }, [connection, holder, mints, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const cancel = useCallback(() => setRevoke({ step: 'idle' }), []);

  const review = useCallback(async () => {
    if (detection.status !== 'loaded') return;
    const accounts = detection.stray.filter((s) => s.delegate !== null).map((s) => ({ address: new PublicKey(s.account), programId: new PublicKey(s.programId) }));
    if (accounts.length === 0) return;
    setRevoke({ step: 'building' });
    try {
      const { blockhash } = await connection.getLatestBlockhash('confirmed');
      const bytes = buildRevokeTransaction(holder, accounts, blockhash).serialize({ requireAllSignatures: false, verifySignatures: false });
      const expected: RevokeExpected = { holder, accounts };
      const known = [...drainers.keys()];
      // The preview below is rendered from this decode of the exact bytes the wallet will get.
      const verdict = verifyRevokeTransaction(bytes, expected, { knownDrainers: known, allowWalletAdditions: false });
      if (!verdict.ok) throw new PolicyRefusal(verdict.violations, 'built');
      setRevoke({ step: 'review', bytes, decoded: verdict.revoke, expected, drainers: known });
    } catch (error) {
      setRevoke({ step: 'failed', error });
    }
  }, [connection, detection, drainers, holder]);

  const sign = useCallback(async () => {
    const current = stateRef.current;
    if (current.step !== 'review' || !signTransaction) return;
    setRevoke({ step: 'signing', decoded: current.decoded });
    let signed: Uint8Array;
    try {
      const returned = await signTransaction(Transaction.from(current.bytes));
      // Exactly as the wallet returned it: it may have appended guard instructions, and any change
      // after its signature would invalidate it. The policy runs again on these bytes.
      signed = returned.serialize({ requireAllSignatures: true, verifySignatures: true });
      const verdict = verifyRevokeTransaction(signed, current.expected, { knownDrainers: current.drainers });
      if (!verdict.ok) throw new PolicyRefusal(verdict.violations, 'signed');
    } catch (error) {
      setRevoke({ step: 'failed', error });
      return;
    }
    setRevoke({ step: 'sending', decoded: current.decoded });
    try {
      const signature = await connection.sendRawTransaction(signed, { preflightCommitment: 'confirmed' });
      setRevoke({ step: 'confirming', decoded: current.decoded, signature });
      const deadline = Date.now() + POLL_TIMEOUT_MS;
      for (;;) {
        const status = (await connection.getSignatureStatuses([signature])).value[0];
        if (status?.err) throw new OnChainFailure(JSON.stringify(status.err));
        if (status?.confirmationStatus === 'confirmed' || status?.confirmationStatus === 'finalized') break;
        if (Date.now() >= deadline) throw new ConfirmationTimeoutError(signature);
        await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      }
      setRevoke({ step: 'done', signature });
      reload();
    } catch (error) {
      setRevoke({ step: 'failed', error });
    }
  }, [connection, reload, signTransaction]);

  return { detection, revoke, reload, review, sign, cancel, canSign: Boolean(signTransaction) };
}
