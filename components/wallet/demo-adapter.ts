/**
 * A wallet-adapter wallet that signs with one of the localnet demo keypairs. It exists so the demo
 * can be clicked through without a browser extension; the page only ever receives demo keypairs
 * when the cluster is `localnet` (`getPublicMigrationParams`), and the name says so.
 */
import {
  BaseSignerWalletAdapter,
  WalletConnectionError,
  WalletNotConnectedError,
  WalletReadyState,
  WalletSignTransactionError,
} from '@solana/wallet-adapter-base';
import { Keypair, type PublicKey, type Transaction, type TransactionVersion, type VersionedTransaction } from '@solana/web3.js';
import bs58 from 'bs58';
import { DEMO_WALLET_ICON, DEMO_WALLET_NAME } from '@/components/wallet/environment';

export type DemoKey = { label: string; publicKey: string; secretKey: string };

export class DemoWalletAdapter extends BaseSignerWalletAdapter<'Demo wallet (localnet only)'> {
  name = DEMO_WALLET_NAME;
  url = 'https://docs.solana.com/cli/wallets/file-system';
  icon = DEMO_WALLET_ICON;
  readyState: WalletReadyState;
  supportedTransactionVersions: ReadonlySet<TransactionVersion> = new Set<TransactionVersion>(['legacy', 0]);

  private keypair: Keypair | null = null;
  private chosen: string | null;

  /** @param initialLabel the keypair chosen first (the one picked before the wallet code loaded); else the first */
  constructor(private readonly keys: readonly DemoKey[], initialLabel?: string) {
    super();
    this.chosen = keys.find((k) => k.label === initialLabel)?.label ?? keys[0]?.label ?? null;
    this.readyState = keys.length > 0 ? WalletReadyState.Loadable : WalletReadyState.Unsupported;
  }

  /** Demo keypairs on offer, by label (eligible, partial, …). */
  get labels(): string[] {
    return this.keys.map((k) => k.label);
  }

  get chosenLabel(): string | null {
    return this.chosen;
  }

  /** Picks the keypair the next `connect()` uses. */
  choose(label: string): void {
    if (this.keys.some((k) => k.label === label)) this.chosen = label;
  }

  get publicKey(): PublicKey | null {
    return this.keypair?.publicKey ?? null;
  }

  get connecting(): boolean {
    return false;
  }

  async connect(): Promise<void> {
    if (this.keypair) return;
    // Yield first, as a real wallet's connect does: wallet-adapter-react subscribes to 'connect' in
    // a parent effect that runs after the child effect that asked to connect, so an event emitted
    // synchronously here would be lost and the page would never see the wallet as connected.
    await Promise.resolve();
    const key = this.keys.find((k) => k.label === this.chosen);
    try {
      if (!key) throw new Error('no demo keypair chosen');
      const keypair = Keypair.fromSecretKey(bs58.decode(key.secretKey));
      if (keypair.publicKey.toBase58() !== key.publicKey) throw new Error('the demo keypair does not match its public key');
      this.keypair = keypair;
    } catch (error) {
      const wrapped = new WalletConnectionError(error instanceof Error ? error.message : 'demo wallet unavailable', error);
      this.emit('error', wrapped);
      throw wrapped;
    }
    this.emit('connect', this.keypair.publicKey);
  }

  async disconnect(): Promise<void> {
    this.keypair = null;
    this.emit('disconnect');
  }

  async signTransaction<T extends Transaction | VersionedTransaction>(transaction: T): Promise<T> {
    const keypair = this.keypair;
    if (!keypair) throw new WalletNotConnectedError();
    try {
      // Sign in place, like a real wallet returning the same message with its signature added.
      if ('version' in transaction) transaction.sign([keypair]);
      else transaction.partialSign(keypair);
      return transaction;
    } catch (error) {
      throw new WalletSignTransactionError(error instanceof Error ? error.message : 'signing failed', error);
    }
  }
}
