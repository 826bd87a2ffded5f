import { WalletReadyState } from '@solana/wallet-adapter-base';
import { useWallet } from '@solana/wallet-adapter-react';
import { useRouter } from 'next/navigation';
import bs58 from 'bs58';
import { useState } from 'react';
import { requestOpsSignInChallenge, verifyOpsSignIn } from '@/lib/api/ops-client';
import { buildSiwsMessage } from '@/lib/ops/siws';
import { buildSignInTransaction } from '@/lib/ops/signin-transaction';
import { ErrorNotice } from '@/components/errors/error-notice';
import { useErrorContext } from '@/components/errors/use-error-text';
import { OPS_ERROR_EXTRA } from '@/components/ops/errors';
import { WalletCapabilityError } from '@/components/wallet/errors';
import { MigrationWalletProvider, useConnectWallet } from '@/components/wallet/provider';

/**
 * Ops sign-in with a wallet (loaded lazily, browser only): connect, then sign this portal's
 * Sign-In-With-Solana text with `signMessage`, or, for a Ledger that cannot sign messages, the same
 * text inside a memo transaction with `signTransaction` (never sent: its blockhash is all zeros).
 * The text is built here with this page's own host and origin, so a look-alike site relaying the
 * server's nonce gets a signature the server refuses.
 */
export default function OpsSignIn() {
  return (
    <MigrationWalletProvider demoWallets={[]}>
      <SignInSteps />
    </MigrationWalletProvider>
  );
}

type Step = { kind: 'idle' } | { kind: 'working'; what: string } | { kind: 'error'; error: unknown };

function SignInSteps() {
  const router = useRouter();
  const { wallets, wallet, publicKey, signMessage, signTransaction, disconnect } = useWallet();
  const { connectTo, pending, error: connectError } = useConnectWallet();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const errorContext = useErrorContext('opsSignIn', OPS_ERROR_EXTRA);
  const usable = wallets.filter((w) => w.readyState === WalletReadyState.Installed || w.readyState === WalletReadyState.Loadable);

  async function signIn(method: 'message' | 'transaction') {
    if (!publicKey) return;
    try {
      setStep({ kind: 'working', what: 'Asking the portal for a sign-in request…' });
      const challenge = await requestOpsSignInChallenge(publicKey.toBase58());
      const message = buildSiwsMessage({
        domain: window.location.host,
        address: publicKey.toBase58(),
        statement: challenge.statement,
        uri: window.location.origin,
        version: '1',
        chainId: challenge.chainId,
        nonce: challenge.nonce,
        issuedAt: challenge.issuedAt,
        expirationTime: challenge.expirationTime,
      });
      setStep({ kind: 'working', what: 'Approve the sign-in in your wallet…' });
      let proof: Record<string, string>;
      if (method === 'message') {
        if (!signMessage) throw new WalletCapabilityError('signMessage');
        const signature = await signMessage(new TextEncoder().encode(message));
        proof = { method: 'message', message, signature: bs58.encode(signature) };
      } else {
        if (!signTransaction) throw new WalletCapabilityError('signTransaction');
        // Kept exactly as the wallet returned it: a wallet may add compute-budget or guard
        // instructions, and the signature covers whatever it signed.
        const signed = await signTransaction(buildSignInTransaction(publicKey, message));
        proof = { method: 'transaction', transaction: Buffer.from(signed.serialize({ requireAllSignatures: true, verifySignatures: false })).toString('base64') };
      }
      setStep({ kind: 'working', what: 'Checking the signature…' });
      await verifyOpsSignIn(proof);
      setStep({ kind: 'idle' });
      router.refresh();
    } catch (error) {
      setStep({ kind: 'error', error });
    }
  }

  if (!publicKey) {
    return (
      <div className="space-y-3" data-testid="ops-wallet-picker">
        <p className="text-sm text-slate-700">Connect an ops wallet. Only wallets on the operators&apos; allowlist can sign in.</p>
        {usable.length === 0 && <p className="text-sm text-slate-700">No Solana wallet was found in this browser.</p>}
        <ul className="grid gap-2 sm:grid-cols-2">
          {usable.map((w) => (
            <li key={w.adapter.name}>
              <button
                type="button"
                onClick={() => connectTo(w.adapter.name)}
                disabled={pending !== null}
                className="w-full rounded-lg border border-slate-300 bg-white px-4 py-3 text-left font-medium hover:border-brand hover:bg-blue-50 disabled:opacity-60"
              >
                {w.adapter.name}
              </button>
            </li>
          ))}
        </ul>
        {connectError !== null && connectError !== undefined && <ErrorNotice error={connectError} context={errorContext} testId="ops-connect-error" />}
      </div>
    );
  }
  const busy = step.kind === 'working';
  return (
    <div className="space-y-3" data-testid="ops-sign-in">
      <p className="text-sm">
        Connected: <span className="font-mono" data-testid="ops-connected-wallet">{publicKey.toBase58()}</span> ({wallet?.adapter.name})
      </p>
      <div className="flex flex-wrap gap-2">
        <button type="button" disabled={busy || !signMessage} onClick={() => void signIn('message')} className="rounded-lg bg-brand px-4 py-2 text-sm font-medium text-brand-ink disabled:opacity-60" data-testid="ops-sign-message">
          Sign in (sign a message)
        </button>
        <button type="button" disabled={busy || !signTransaction} onClick={() => void signIn('transaction')} className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-medium disabled:opacity-60" data-testid="ops-sign-transaction">
          Sign in with a transaction (Ledger)
        </button>
        <button type="button" disabled={busy} onClick={() => void disconnect()} className="rounded-lg px-4 py-2 text-sm text-slate-700 underline">
          Use another wallet
        </button>
      </div>
      <p className="text-xs text-slate-600">
        The transaction option puts the same sign-in text in a memo. It can never be sent: its blockhash is all zeros, and it moves nothing.
      </p>
      {step.kind === 'working' && (
        <p role="status" className="text-sm text-slate-700">
          {step.what}
        </p>
      )}
      {step.kind === 'error' && <ErrorNotice error={step.error} context={errorContext} testId="ops-sign-in-error" />}
    </div>
  );
}
