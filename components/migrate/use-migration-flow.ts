import { useConnection, useWallet } from '@solana/wallet-adapter-react';
import { Transaction } from '@solana/web3.js';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BuildResponse, MigrationResponse } from '@/lib/api/types';
import type { PublicMigrationParams } from '@/lib/migration/params';
import type { DecodedMigration } from '@/lib/solana/policy';
import { buildMigration, fetchMigration, NetworkError, submitMigration } from '@/lib/api/client';
import { ConfirmationTimeoutError, MigrationSettledError } from '@/components/migrate/errors';
import { simulateBalanceChanges, type SimulationResult } from '@/components/migrate/simulate';
import { encodeBase64, verifyBuild, verifySigned, type VerifiedBuild } from '@/components/migrate/verify';

/** The visible steps, in order (`review` is where the holder reads the preview before the wallet opens). */
export const FLOW_STEPS = ['building', 'verifying', 'review', 'signing', 'submitting', 'confirming', 'done'] as const;
export type FlowStep = (typeof FLOW_STEPS)[number];

export type SimulationState = { status: 'running' } | { status: 'done'; result: SimulationResult } | { status: 'unavailable'; error: unknown };

export type Review = {
  id: string;
  amountIn: bigint;
  expiresAt: Date;
  fees: BuildResponse['fees'];
  verified: VerifiedBuild;
  simulation: SimulationState;
};

export type FlowState =
  | { step: 'idle' }
  | { step: 'building'; amountIn: bigint }
  | { step: 'verifying'; amountIn: bigint }
  | { step: 'review'; review: Review }
  | { step: 'signing'; review: Review }
  | { step: 'submitting'; review: Review; signed: DecodedMigration }
  | { step: 'confirming'; review: Review; signed: DecodedMigration; signature: string }
  | { step: 'done'; review: Review; migration: MigrationResponse }
  | { step: 'failed'; at: FlowStep; error: unknown; migrationId: string | null };

const POLL_INTERVAL_MS = 1_000;
const POLL_TIMEOUT_MS = 90_000;

type FlowParams = Pick<PublicMigrationParams, 'ai16z' | 'elizaos' | 'vaultTokenAccount' | 'treasuryTokenAccount' | 'treasuryDelegate' | 'ratio'>;

/**
 * The migration as a sequence: build (server) → verify (here) → review → sign (wallet, sign only)
 * → re-verify the signed bytes → submit (server co-signs and sends) → poll until settled.
 * Any failure stops the sequence where it happened; the wallet is only ever called from `sign()`.
 */
export function useMigrationFlow(params: FlowParams, onSettled: () => void) {
  const { connection } = useConnection();
  const { publicKey, signTransaction } = useWallet();
  const [state, setState] = useState<FlowState>({ step: 'idle' });
  // Each run gets a token; answers of an abandoned run (reset, new build) are dropped.
  const run = useRef(0);
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);
  useEffect(
    () => () => {
      run.current += 1;
    },
    [],
  );

  const reset = useCallback(() => {
    run.current += 1;
    setState({ step: 'idle' });
  }, []);

  const start = useCallback(
    async (amountIn: bigint) => {
      if (!publicKey) return;
      const token = ++run.current;
      const live = () => run.current === token;
      setState({ step: 'building', amountIn });
      let build: BuildResponse;
      try {
        build = await buildMigration(publicKey.toBase58(), amountIn);
      } catch (error) {
        if (live()) setState({ step: 'failed', at: 'building', error, migrationId: null });
        return;
      }
      if (!live()) return;
      setState({ step: 'verifying', amountIn });
      let verified: VerifiedBuild;
      try {
        verified = verifyBuild(build, params, publicKey, amountIn);
      } catch (error) {
        setState({ step: 'failed', at: 'verifying', error, migrationId: build.id });
        return;
      }
      const review: Review = { id: build.id, amountIn, expiresAt: new Date(build.expiresAt), fees: build.fees, verified, simulation: { status: 'running' } };
      setState({ step: 'review', review });

      let simulation: SimulationState;
      try {
        simulation = { status: 'done', result: await simulateBalanceChanges(connection, verified.bytes, publicKey, params) };
      } catch (error) {
        simulation = { status: 'unavailable', error };
      }
      if (!live()) return;
      setState((s) => (s.step === 'review' && s.review.id === build.id ? { step: 'review', review: { ...s.review, simulation } } : s));
    },
    [connection, params, publicKey],
  );

  const sign = useCallback(async () => {
    const current = stateRef.current;
    if (current.step !== 'review' || !signTransaction) return;
    const { review } = current;
    const token = ++run.current;
    const live = () => run.current === token;
    if (Date.now() >= review.expiresAt.getTime()) {
      setState({ step: 'failed', at: 'signing', error: new MigrationSettledError('expired', null), migrationId: review.id });
      return;
    }

    setState({ step: 'signing', review });
    let signedBytes: Uint8Array;
    let signed: DecodedMigration;
    try {
      // The wallet gets a transaction decoded from exactly the bytes that passed the policy.
      const returned = await signTransaction(Transaction.from(review.verified.bytes));
      // Keep the transaction exactly as the wallet returned it: wallets may append guard
      // instructions, and any change after their signature would invalidate it. The server
      // co-signs after the holder, so the other signature slot is sent empty.
      signedBytes = returned.serialize({ requireAllSignatures: false, verifySignatures: false });
      signed = verifySigned(signedBytes, review.verified.expected);
    } catch (error) {
      if (live()) setState({ step: 'failed', at: 'signing', error, migrationId: review.id });
      return;
    }
    if (!live()) return;

    setState({ step: 'submitting', review, signed });
    let signature: string;
    try {
      const answer = await submitMigration(review.id, encodeBase64(signedBytes));
      signature = answer.signature;
    } catch (error) {
      if (live()) setState({ step: 'failed', at: 'submitting', error, migrationId: review.id });
      return;
    }
    if (!live()) return;

    setState({ step: 'confirming', review, signed, signature });
    try {
      const migration = await waitUntilSettled(review.id, live);
      if (!live()) return;
      setState({ step: 'done', review, migration });
    } catch (error) {
      if (live()) setState({ step: 'failed', at: 'confirming', error, migrationId: review.id });
    } finally {
      if (live()) onSettled();
    }
  }, [onSettled, signTransaction]);

  return { state, start, sign, reset, canSign: Boolean(signTransaction) };
}

/** Polls `GET /api/v1/migrations/{id}` (no WebSocket: the RPC proxy serves none). */
async function waitUntilSettled(id: string, live: () => boolean): Promise<MigrationResponse> {
  const deadline = Date.now() + POLL_TIMEOUT_MS;
  while (live()) {
    try {
      const migration = await fetchMigration(id);
      if (migration.state === 'confirmed') return migration;
      if (migration.state === 'failed' || migration.state === 'expired') throw new MigrationSettledError(migration.state, migration.error);
    } catch (error) {
      // A dropped poll says nothing about the migration: keep polling until the deadline.
      if (!(error instanceof NetworkError)) throw error;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new ConfirmationTimeoutError(id);
}
