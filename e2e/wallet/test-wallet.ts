/**
 * A wallet-standard wallet for Playwright, injected before any page script runs. It holds a real
 * keypair from the localnet config and signs with WebCrypto Ed25519 inside Chromium, so the app
 * talks to it exactly as to Phantom or Solflare (wallet-adapter detects it on its own).
 *
 * Everything it does is counted on `window.__testWallet`, so a spec can assert that the wallet was
 * never asked to sign (the point of every refusal path), and it can be told to reject like a user.
 */
import type { Page } from '@playwright/test';
import bs58 from 'bs58';

/** What the injected wallet records; read it with {@link readTestWallet}. */
export type TestWalletState = {
  connectCalls: number;
  signTransactionCalls: number;
  signMessageCalls: number;
  /** When true, the next sign requests throw the way a user's "Reject" does. */
  reject: boolean;
  /** When true, sign requests wait (a person comparing a hash on a Ledger) until {@link releaseTestWallet}. */
  hold: boolean;
  /** Sign requests waiting now. */
  holding: number;
  /** Base64 of every transaction the wallet was given and of what it returned, in order. */
  requested: string[];
  signed: string[];
};

declare global {
  interface Window {
    __testWallet?: TestWalletState;
    __testWalletRelease?: () => void;
  }
}

export type TestWalletOptions = {
  publicKey: string;
  /** Base58 of the 64-byte ed25519 secret key (seed ‖ public key), as in `.localnet/…/config.json`. */
  secretKey: string;
  name?: string;
  /** Start in rejecting mode (a spec can also flip `window.__testWallet.reject`). */
  reject?: boolean;
  /**
   * Rewrite the compute budget before signing, as Phantom does on a real origin during congestion
   * (NOTES.md "Wallets in the wild"): the transaction's SetComputeUnitLimit / SetComputeUnitPrice
   * are replaced by this limit and price, first in the instruction list. Legacy transactions only.
   */
  computeBudget?: { units: number; microLamports: bigint };
};

const COMPUTE_BUDGET_PROGRAM = 'ComputeBudget111111111111111111111111111111';

export const DEFAULT_TEST_WALLET_NAME = 'E2E Test Wallet';

/** Registers the test wallet in every document the page opens from now on. */
export async function installTestWallet(page: Page, options: TestWalletOptions): Promise<void> {
  const secret = bs58.decode(options.secretKey);
  const publicKeyBytes = bs58.decode(options.publicKey);
  if (secret.length !== 64 || publicKeyBytes.length !== 32) throw new Error('installTestWallet: expected a 64-byte secret key and a 32-byte public key');
  if (bs58.encode(secret.subarray(32)) !== options.publicKey) throw new Error('installTestWallet: the secret key does not belong to the public key');
  await page.addInitScript(injectWallet, {
    name: options.name ?? DEFAULT_TEST_WALLET_NAME,
    address: options.publicKey,
    publicKey: Array.from(publicKeyBytes),
    seed: Array.from(secret.subarray(0, 32)),
    reject: options.reject ?? false,
    computeBudget: options.computeBudget ? { units: options.computeBudget.units, microLamports: options.computeBudget.microLamports.toString() } : null,
    computeBudgetProgram: Array.from(bs58.decode(COMPUTE_BUDGET_PROGRAM)),
  });
}

/** The wallet's counters as the page sees them now. */
export async function readTestWallet(page: Page): Promise<TestWalletState> {
  const state = await page.evaluate(() => window.__testWallet ?? null);
  if (!state) throw new Error('the test wallet is not installed in this page');
  return state;
}

/** Makes the wallet hold the next sign requests (answer only when released), or answer at once again. */
export async function setTestWalletHolds(page: Page, hold: boolean): Promise<void> {
  await page.evaluate((value) => {
    if (window.__testWallet) window.__testWallet.hold = value;
  }, hold);
}

/** Lets the held sign requests answer (signed, or rejected if `reject` is set by then). */
export async function releaseTestWallet(page: Page): Promise<void> {
  await page.evaluate(() => window.__testWalletRelease?.());
}

/** Makes the wallet reject (or accept again) the next sign requests. */
export async function setTestWalletRejects(page: Page, reject: boolean): Promise<void> {
  await page.evaluate((value) => {
    if (window.__testWallet) window.__testWallet.reject = value;
  }, reject);
}

type InjectArgs = {
  name: string;
  address: string;
  publicKey: number[];
  seed: number[];
  reject: boolean;
  /** `microLamports` as a decimal string: a bigint does not cross into the page. */
  computeBudget: { units: number; microLamports: string } | null;
  computeBudgetProgram: number[];
};

/**
 * Runs in the page (serialised by Playwright): it must be self-contained, with no imports and no
 * references to anything outside its own body.
 */
function injectWallet(args: InjectArgs): void {
  const CHAINS = ['solana:localnet', 'solana:devnet', 'solana:testnet', 'solana:mainnet'] as const;
  const ACCOUNT_FEATURES = ['solana:signTransaction', 'solana:signMessage'] as const;
  // PKCS#8 wrapping of a raw 32-byte Ed25519 seed: a fixed 16-byte DER prefix, then the seed.
  const PKCS8_PREFIX = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];
  const ICON =
    'data:image/svg+xml;base64,' +
    btoa('<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><rect width="32" height="32" rx="6" fill="#0f766e"/><text x="16" y="21" font-size="12" text-anchor="middle" fill="#fff" font-family="sans-serif">E2E</text></svg>');

  const state: TestWalletState = { connectCalls: 0, signTransactionCalls: 0, signMessageCalls: 0, reject: args.reject, hold: false, holding: 0, requested: [], signed: [] };
  let waiting: (() => void)[] = [];
  window.__testWalletRelease = () => {
    const release = waiting;
    waiting = [];
    release.forEach((resolve) => resolve());
  };
  // Not a timer: the page's clock may be faked (Playwright's clock), and a held request waits for the spec.
  const held = () =>
    new Promise<void>((resolve) => {
      state.holding += 1;
      waiting.push(() => {
        state.holding -= 1;
        resolve();
      });
    });
  window.__testWallet = state;

  const publicKey = Uint8Array.from(args.publicKey);
  const keyPromise = crypto.subtle.importKey('pkcs8', Uint8Array.from([...PKCS8_PREFIX, ...args.seed]), { name: 'Ed25519' }, false, ['sign']);

  const toBase64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
  const rejection = () => Object.assign(new Error('User rejected the request.'), { code: 4001 });

  /** Reads a compact-u16 (Solana's short vector length) at `offset`. */
  const readCompactU16 = (bytes: Uint8Array, offset: number): [value: number, size: number] => {
    let value = 0;
    for (let size = 0; size < 3; size++) {
      const byte = bytes[offset + size];
      if (byte === undefined) throw new Error('truncated transaction');
      value |= (byte & 0x7f) << (7 * size);
      if ((byte & 0x80) === 0) return [value, size + 1];
    }
    throw new Error('bad compact-u16');
  };

  /** Signs a wire-format transaction (legacy or v0) in the slot of this wallet's key, leaving every other byte as is. */
  const signWire = async (wire: Uint8Array): Promise<Uint8Array> => {
    const [signatureCount, prefix] = readCompactU16(wire, 0);
    const messageStart = prefix + 64 * signatureCount;
    const message = wire.subarray(messageStart);
    const headerAt = (message[0] ?? 0) & 0x80 ? 1 : 0; // versioned messages start with 0x80 | version
    const requiredSignatures = message[headerAt] ?? 0;
    const [keyCount, keyPrefix] = readCompactU16(message, headerAt + 3);
    const keysAt = headerAt + 3 + keyPrefix;
    let slot = -1;
    for (let i = 0; i < Math.min(keyCount, requiredSignatures); i++) {
      const key = message.subarray(keysAt + 32 * i, keysAt + 32 * (i + 1));
      if (key.every((b, j) => b === publicKey[j])) slot = i;
    }
    if (slot < 0 || slot >= signatureCount) throw new Error('this wallet is not a required signer of the transaction');
    const signature = new Uint8Array(await crypto.subtle.sign('Ed25519', await keyPromise, Uint8Array.from(message)));
    const out = Uint8Array.from(wire);
    out.set(signature, prefix + 64 * slot);
    return out;
  };

  /** Little-endian bytes of `value` (u32 or u64). */
  const littleEndian = (value: bigint, bytes: number): number[] => Array.from({ length: bytes }, (_, i) => Number((value >> BigInt(8 * i)) & 0xffn));

  /**
   * Phantom's compute budget rewrite on a legacy wire transaction: drops its SetComputeUnitLimit
   * and SetComputeUnitPrice and puts the wallet's own first; every signature slot is emptied (the
   * message changed, so no earlier signature would hold).
   */
  const rewriteComputeBudget = (wire: Uint8Array, budget: { units: number; microLamports: string }): Uint8Array => {
    const [signatureCount, prefix] = readCompactU16(wire, 0);
    const message = wire.subarray(prefix + 64 * signatureCount);
    if ((message[0] ?? 0) & 0x80) throw new Error('the test wallet rewrites the compute budget of legacy transactions only');
    const [keyCount, keyPrefix] = readCompactU16(message, 3);
    const keysAt = 3 + keyPrefix;
    let program = -1;
    for (let i = 0; i < keyCount; i++) {
      if (message.subarray(keysAt + 32 * i, keysAt + 32 * (i + 1)).every((b, j) => b === args.computeBudgetProgram[j])) program = i;
    }
    if (program < 0) throw new Error('the transaction has no compute budget instruction to rewrite');
    const instructionsAt = keysAt + 32 * keyCount + 32;
    const [count, countPrefix] = readCompactU16(message, instructionsAt);
    const kept: number[][] = [];
    let at = instructionsAt + countPrefix;
    for (let n = 0; n < count; n++) {
      const start = at;
      const programIndex = message[at];
      const [accounts, accountsPrefix] = readCompactU16(message, at + 1);
      const dataAt = at + 1 + accountsPrefix + accounts;
      const [length, lengthPrefix] = readCompactU16(message, dataAt);
      at = dataAt + lengthPrefix + length;
      const tag = message[dataAt + lengthPrefix];
      if (programIndex === program && (tag === 2 || tag === 3)) continue;
      kept.push(Array.from(message.subarray(start, at)));
    }
    if (kept.length + 2 > 127) throw new Error('too many instructions for a one-byte count');
    const limit = [program, 0, 5, 2, ...littleEndian(BigInt(budget.units), 4)];
    const price = [program, 0, 9, 3, ...littleEndian(BigInt(budget.microLamports), 8)];
    const rewritten = [...message.subarray(0, instructionsAt), kept.length + 2, ...limit, ...price, ...kept.flat()];
    return Uint8Array.from([...wire.subarray(0, prefix), ...new Uint8Array(64 * signatureCount), ...rewritten]);
  };

  type Account = { address: string; publicKey: Uint8Array; chains: readonly string[]; features: readonly string[]; label: string; icon: string };
  const account: Account = { address: args.address, publicKey, chains: CHAINS, features: ACCOUNT_FEATURES, label: args.name, icon: ICON };
  let accounts: Account[] = [];
  const listeners = new Set<(properties: { accounts: Account[] }) => void>();
  const emitChange = () => listeners.forEach((listener) => listener({ accounts }));

  const wallet = {
    version: '1.0.0' as const,
    name: args.name,
    icon: ICON,
    chains: CHAINS,
    get accounts() {
      return accounts;
    },
    features: {
      'standard:connect': {
        version: '1.0.0',
        connect: async () => {
          state.connectCalls += 1;
          accounts = [account];
          emitChange();
          return { accounts };
        },
      },
      'standard:disconnect': {
        version: '1.0.0',
        disconnect: async () => {
          accounts = [];
          emitChange();
        },
      },
      'standard:events': {
        version: '1.0.0',
        on: (event: string, listener: (properties: { accounts: Account[] }) => void) => {
          if (event !== 'change') return () => undefined;
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
      'solana:signTransaction': {
        version: '1.0.0',
        supportedTransactionVersions: ['legacy', 0],
        signTransaction: async (...inputs: { account: Account; transaction: Uint8Array }[]) => {
          state.signTransactionCalls += 1;
          if (state.hold) await held();
          if (state.reject) throw rejection();
          const outputs: { signedTransaction: Uint8Array }[] = [];
          for (const input of inputs) {
            state.requested.push(toBase64(input.transaction));
            const signedTransaction = await signWire(args.computeBudget ? rewriteComputeBudget(input.transaction, args.computeBudget) : input.transaction);
            state.signed.push(toBase64(signedTransaction));
            outputs.push({ signedTransaction });
          }
          return outputs;
        },
      },
      'solana:signMessage': {
        version: '1.0.0',
        signMessage: async (...inputs: { account: Account; message: Uint8Array }[]) => {
          state.signMessageCalls += 1;
          if (state.reject) throw rejection();
          const key = await keyPromise;
          return Promise.all(
            inputs.map(async ({ message }) => ({ signedMessage: message, signature: new Uint8Array(await crypto.subtle.sign('Ed25519', key, Uint8Array.from(message))) })),
          );
        },
      },
    },
  };

  const register = (api: { register: (w: typeof wallet) => unknown }) => api.register(wallet);
  // The wallet-standard handshake both ways: apps that loaded first hear the event, apps loading later ask.
  window.addEventListener('wallet-standard:app-ready', (event) => register((event as CustomEvent<{ register: (w: typeof wallet) => unknown }>).detail));
  window.dispatchEvent(new CustomEvent('wallet-standard:register-wallet', { detail: register }));
}
