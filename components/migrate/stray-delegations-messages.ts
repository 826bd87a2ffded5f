/**
 * Every string of the stray-delegation panel and its Revoke flow, English for now, kept in one
 * place so they can move into next-intl messages (messages/en.json, ko.json) as they are.
 */
import { PolicyRefusal } from '@/components/migrate/errors';
import { DelegationReadError } from '@/lib/solana/delegations';

export const STRAY_MESSAGES = {
  checking: 'Checking your AI16Z and ELIZAOS token accounts for approvals to other keys…',
  readFailed: 'Your token accounts could not be checked for approvals just now.',
  retry: 'Check again',
  clean: 'No one else can spend from your AI16Z or ELIZAOS token accounts: no delegate and no close authority is set.',
  drainerListUnavailable: 'The known-drainer list could not be loaded, so addresses below are not named.',
  title: 'Another key has power over your tokens',
  intro: 'Your wallet has given another address rights over a token account. Wallet-drainer sites ask for exactly this. If you did not set it up on purpose, remove it.',
  accountOf: (symbol: string) => `Your ${symbol} account`,
  delegateLine: (amount: string, symbol: string) => `Delegate: may move up to ${amount} ${symbol} out of this account, at any time, without asking you.`,
  closeLine: 'Close authority: may close this account once it is empty and keep its rent deposit (about 0.002 SOL).',
  knownDrainer: (label: string) => `Known wallet drainer: ${label}`,
  closeExplain:
    'A Revoke removes delegates only. A close authority cannot be removed by you or by this portal: on a token account only the close authority itself may change it. It cannot move your tokens; it can only close the account when its balance is zero and take the rent deposit. Keep tokens in the account, or move them to a new wallet you control, if that deposit matters to you.',
  revokeButton: (count: number) => (count === 1 ? 'Review the Revoke transaction' : `Review the Revoke transaction (${count} accounts)`),
  noDelegateOnlyClose: 'There is no delegate to revoke here, only a close authority (see above).',
  building: 'Building the Revoke transaction…',
  previewTitle: 'Check the Revoke transaction before you sign',
  previewVerified: 'Checked in this browser: this transaction only removes the delegates listed below.',
  previewRevoke: (symbol: string, program: string) => `Removes the delegate of your ${symbol} account (${program})`,
  previewFee: 'Network fee (paid in SOL by you)',
  previewPriority: (sol: string) => ` plus a priority fee of at most ${sol}`,
  previewPrograms: 'Programs involved',
  previewNothingElse: 'Nothing else: no transfer, no approval, no authority change. Your tokens stay where they are.',
  previewHash: 'Message hash (what a Ledger shows when blind signing)',
  sign: 'Approve in your wallet',
  cancel: 'Cancel',
  signing: 'Check your wallet and approve the Revoke there.',
  sending: 'Sending the signed Revoke…',
  confirming: 'Sent. Waiting for Solana to confirm…',
  done: 'Revoked. The delegate can no longer move tokens from your account.',
  failedTitle: 'The Revoke did not go through',
};

/** Turns anything the Revoke flow throws into one sentence for the holder (the one place). */
export function revokeErrorText(error: unknown): { message: string; violations: string[] } {
  if (error instanceof PolicyRefusal) {
    return { message: 'This transaction is not the Revoke this page built, so it was not sent. Nothing was signed or sent for it.', violations: error.violations.map((v) => v.message) };
  }
  if (error instanceof DelegationReadError) return { message: error.message, violations: [] };
  const text = error instanceof Error ? error.message : String(error);
  if (/reject/i.test(text) || (error as { code?: unknown })?.code === 4001) return { message: 'You declined the Revoke in your wallet. Nothing was sent.', violations: [] };
  if (/\b422\b|POLICY_VIOLATION/.test(text)) return { message: 'The portal refused to send this transaction: it is not a Revoke of your own token accounts.', violations: [] };
  if (/timed out|not confirmed/i.test(text)) return { message: 'Solana has not confirmed the Revoke yet. Check again in a minute before trying once more.', violations: [] };
  return { message: `The Revoke could not be completed: ${text.slice(0, 200)}`, violations: [] };
}
