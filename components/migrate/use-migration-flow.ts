import { useConnection, useWallet } from '@solana/wallet-adapter-react';
import { Transaction } from '@solana/web3.js';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BuildResponse, MigrationResponse, SubmitResponse } from '@/lib/api/types';
import type { PublicMigrationParams } from '@/lib/migration/params';
import type { DecodedMigration } from '@/lib/solana/policy';
import { ApiRequestError, buildMigration, declineMigration, fetchMigration, NetworkError, submitMigration } from '@/lib/api/client';
import { ConfirmationTimeoutError, MigrationSettledError } from '@/components/migrate/errors';
import { previewFigures, type PreviewFigures } from '@/components/migrate/figures';
import { simulateBalanceChanges, type SimulationResult } from '@/components/migrate/simulate';
import { encodeBase64, verifyBuild, verifySigned, type VerifiedBuild } from '@/components/migrate/verify';
import { isWalletRejection } from '@/components/wallet/errors';

/** The visible steps, in order (`review` is where the holder reads the preview before the wallet opens). */
export const FLOW_STEPS = ['building', 'verifying', 'review', 'signing', 'submitting', 'confirming', 'done'] as const;
export type FlowStep = (typeof FLOW_STEPS)[number];

export type SimulationState = { status: 'running' } | { status: 'done'; result: SimulationResult } | { status: 'unavailable'; error: unknown };

/**
 * Why the transaction on the preview replaced an earlier one: the earlier one was about to expire
 * (`expiring`, automatic), the holder asked (`manual`), the wallet signed it too late
 * (`signedTooLate`), or the portal found it expired at submit (`serverExpired`). Nothing was sent
 * in any of these cases.
 */
export type ReplacedReason = 'expiring' | 'manual' | 'signedTooLate' | 'serverExpired';
/** A figure of the preview that differs from the transaction it replaced. */
export type FigureChange = keyof PreviewFigures;
export type Replaced = { reason: ReplacedReason; previousHash: string; changes: FigureChange[] | null };

export type Review = {
  id: string;
  amountIn: bigint;
  /** When the offer ends by this browser's clock (ms): `expiresAt − issuedAt` counted from the answer's arrival. */
  deadline: number;
  fees: BuildResponse['fees'];
  verified: VerifiedBuild;
  simulation: SimulationState;
  /** Automatic replacements in a row (at most MAX_AUTO_REFRESHES, then the holder asks for one). */
  refreshes: number;
  /** Set when this transaction replaced another one (what changed, once the dry run says). */
  replaced: Replaced | null;
};

export type SubmitWarning = NonNullable<SubmitResponse['warning']>;

export type FlowState =
  | { step: 'idle' }
  | { step: 'building'; amountIn: bigint }
  | { step: 'verifying'; amountIn: bigint }
  | { step: 'review'; review: Review; refreshing: boolean; refreshError: unknown }
  | { step: 'signing'; review: Review }
  | { step: 'submitting'; review: Review; signed: DecodedMigration }
  | { step: 'confirming'; review: Review; signed: DecodedMigration; signature: string; warning: SubmitWarning | null }
  | { step: 'done'; review: Review; migration: MigrationResponse }
  | { step: 'failed'; at: FlowStep; error: unknown; migrationId: string | null; signature: string | null };

const POLL_INTERVAL_MS = 1_000;
const POLL_TIMEOUT_MS = 90_000;
/**
 * A fresh transaction is fetched this long before the one on the preview expires: whoever presses
 * Approve has at least this long (a Ledger's hash check needs it); a signature that still comes
 * too late is not sent, and a fresh transaction takes its place.
 */
export const REFRESH_BEFORE_MS = 30_000;
/** Automatic replacements in a row; after them the preview waits for the holder to ask (no endless builds for an idle tab). */
export const MAX_AUTO_REFRESHES = 4;
/** The offer is treated as ending this much before the server's `expiresAt` (the answer's transit time). */
const DEADLINE_MARGIN_MS = 1_000;

type FlowParams = Pick<PublicMigrationParams, 'ai16z' | 'elizaos' | 'vaultTokenAccount' | 'treasuryTokenAccount' | 'treasuryDelegate' | 'ratio' | 'deposit'>;

/** When the offer of `build` ends by this browser's clock, counted from `receivedAt` (its own clock may be wrong). */
export function localDeadline(build: Pick<BuildResponse, 'expiresAt' | 'issuedAt'>, receivedAt: number): number {
  const expires = Date.parse(build.expiresAt);
  const issued = build.issuedAt ? Date.parse(build.issuedAt) : Number.NaN;
  const validFor = Number.isFinite(issued) ? expires - issued : expires - receivedAt;
  return receivedAt + Math.max(0, validFor - DEADLINE_MARGIN_MS);
}

/** Which figures of `next` differ from `previous` (null while either dry run is not done). */
export function changedFigures(previous: Review, next: Review): FigureChange[] | null {
  if (previous.simulation.status !== 'done' || next.simulation.status !== 'done') return null;
  const a = previewFigures(previous.verified.migration, previous.simulation.result);
  const b = previewFigures(next.verified.migration, next.simulation.result);
  return (Object.keys(a) as FigureChange[]).filter((k) => a[k] !== b[k]);
}

/**
 * The migration as a sequence: build (server) → verify (here) → review → sign (wallet, sign only)
 * → re-verify the signed bytes → submit (server co-signs and sends) → poll until settled.
 * Any failure stops the sequence where it happened; the wallet is only ever called from `sign()`.
 * While the holder reads the preview, a transaction about to expire is replaced by a fresh one
 * (built, verified and dry-run again; the preview says what changed); after MAX_AUTO_REFRESHES
 * in a row the page waits for the holder to ask (`refresh`).
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

  /** Builds and verifies a transaction for `amountIn`; the dry run follows in `simulate`. */
  const buildReview = useCallback(
    async (amountIn: bigint, refreshes: number, replaced: Replaced | null): Promise<Review> => {
      if (!publicKey) throw new Error('no wallet connected');
      const build = await buildMigration(publicKey.toBase58(), amountIn);
      const receivedAt = Date.now();
      const verified = verifyBuild(build, params, publicKey, amountIn);
      return { id: build.id, amountIn, deadline: localDeadline(build, receivedAt), fees: build.fees, verified, simulation: { status: 'running' }, refreshes, replaced };
    },
    [params, publicKey],
  );

  /** Runs the chain's dry run of `review` and puts it on the preview (if the preview still shows it). */
  const simulate = useCallback(
    async (review: Review, previous: Review | null, live: () => boolean) => {
      if (!publicKey) return;
      let simulation: SimulationState;
      try {
        simulation = { status: 'done', result: await simulateBalanceChanges(connection, review.verified.bytes, publicKey, params) };
      } catch (error) {
        simulation = { status: 'unavailable', error };
      }
      if (!live()) return;
      setState((s) => {
        if (s.step !== 'review' || s.review.id !== review.id) return s;
        const next = { ...s.review, simulation };
        const replaced = next.replaced && previous ? { ...next.replaced, changes: changedFigures(previous, next) } : next.replaced;
        return { ...s, review: { ...next, replaced } };
      });
    },
    [connection, params, publicKey],
  );

  const start = useCallback(
    async (amountIn: bigint) => {
      if (!publicKey) return;
      const token = ++run.current;
      const live = () => run.current === token;
      setState({ step: 'building', amountIn });
      let review: Review;
      try {
        review = await buildReview(amountIn, 0, null);
      } catch (error) {
        if (live()) setState({ step: 'failed', at: error instanceof ApiRequestError || error instanceof NetworkError ? 'building' : 'verifying', error, migrationId: null, signature: null });
        return;
      }
      if (!live()) return;
      setState({ step: 'review', review, refreshing: false, refreshError: null });
      await simulate(review, null, live);
    },
    [buildReview, publicKey, simulate],
  );

  /**
   * Replaces the transaction on the preview with a fresh one for the same amount (the holder's
   * amount and place are kept). `reason` says why, for the notice.
   */
  const refresh = useCallback(
    async (reason: ReplacedReason, from?: Review) => {
      const current = stateRef.current;
      const previous = from ?? (current.step === 'review' ? current.review : null);
      if (!previous) return;
      const token = ++run.current;
      const live = () => run.current === token;
      const refreshes = reason === 'expiring' ? previous.refreshes + 1 : 0;
      setState({ step: 'review', review: previous, refreshing: true, refreshError: null });
      let review: Review;
      try {
        review = await buildReview(previous.amountIn, refreshes, { reason, previousHash: previous.verified.migration.messageHash, changes: null });
      } catch (error) {
        // A refusal now (the allocation moved, maintenance, a policy refusal) ends the review; a
        // lost connection leaves the old transaction on the preview until it expires.
        if (!live()) return;
        if (error instanceof NetworkError || (error instanceof ApiRequestError && (error.code === 'RATE_LIMITED' || error.code === 'RPC_UNAVAILABLE'))) {
          setState({ step: 'review', review: { ...previous, refreshes }, refreshing: false, refreshError: error });
        } else {
          setState({ step: 'failed', at: error instanceof ApiRequestError ? 'building' : 'verifying', error, migrationId: null, signature: null });
        }
        return;
      }
      if (!live()) return;
      setState({ step: 'review', review, refreshing: false, refreshError: null });
      await simulate(review, previous, live);
    },
    [buildReview, simulate],
  );

  // The automatic replacement: scheduled for REFRESH_BEFORE_MS before the preview's transaction expires.
  const reviewing = state.step === 'review' && !state.refreshing ? state.review : null;
  const canAutoRefresh = reviewing !== null && reviewing.refreshes < MAX_AUTO_REFRESHES && (state.step !== 'review' || state.refreshError === null);
  useEffect(() => {
    if (!reviewing || !canAutoRefresh) return;
    const timer = setTimeout(() => void refresh('expiring'), Math.max(0, reviewing.deadline - REFRESH_BEFORE_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [reviewing, canAutoRefresh, refresh]);

  const sign = useCallback(async () => {
    const current = stateRef.current;
    if (current.step !== 'review' || current.refreshing || !signTransaction) return;
    const { review } = current;
    if (Date.now() >= review.deadline) return; // the preview shows it expired; the holder asks for a fresh one
    const token = ++run.current;
    const live = () => run.current === token;

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
      if (!live()) return;
      // The portal records the refusal, so the receipt says "declined" (best effort: the build
      // expires on its own otherwise); the history is read again once it is recorded, or it could
      // show the attempt as a prepared transaction (the read racing the report).
      if (isWalletRejection(error)) {
        void declineMigration(review.id)
          .catch(() => undefined)
          .finally(() => {
            if (live()) onSettled();
          });
      }
      setState({ step: 'failed', at: 'signing', error, migrationId: review.id, signature: null });
      return;
    }
    if (!live()) return;
    // Signed after the offer ended (a Ledger's hash check can take a while): nothing is sent; a
    // fresh transaction for the same amount goes on the preview, to sign again.
    if (Date.now() >= review.deadline) {
      await refresh('signedTooLate', review);
      return;
    }

    setState({ step: 'submitting', review, signed });
    let answer: SubmitResponse;
    try {
      answer = await submitMigration(review.id, encodeBase64(signedBytes));
    } catch (error) {
      if (!live()) return;
      if (error instanceof ApiRequestError && error.code === 'MIGRATION_EXPIRED') {
        await refresh('serverExpired', review);
        return;
      }
      setState({ step: 'failed', at: 'submitting', error, migrationId: review.id, signature: null });
      return;
    }
    if (!live()) return;

    setState({ step: 'confirming', review, signed, signature: answer.signature, warning: answer.warning ?? null });
    try {
      const migration = await waitUntilSettled(review.id, live);
      if (!live()) return;
      setState({ step: 'done', review, migration });
    } catch (error) {
      if (live()) setState({ step: 'failed', at: 'confirming', error, migrationId: review.id, signature: answer.signature });
    } finally {
      if (live()) onSettled();
    }
  }, [onSettled, refresh, signTransaction]);

  return { state, start, sign, refresh, reset, canSign: Boolean(signTransaction) };
}

/** Polls `GET /api/v1/migrations/{id}` (no WebSocket: the RPC proxy serves none). */
async function waitUntilSettled(id: string, live: () => boolean): Promise<MigrationResponse> {
  const deadline = Date.now() + POLL_TIMEOUT_MS;
  while (live()) {
    try {
      const migration = await fetchMigration(id);
      if (migration.state === 'confirmed') return migration;
      if (migration.state === 'failed' || migration.state === 'expired') throw new MigrationSettledError(migration.state, migration.chainError ?? migration.error, migration.endReason ?? null);
    } catch (error) {
      // A dropped poll says nothing about the migration: keep polling until the deadline.
      if (!(error instanceof NetworkError)) throw error;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new ConfirmationTimeoutError(id);
}
