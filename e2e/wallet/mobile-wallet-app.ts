/**
 * A wallet app for Mobile Wallet Adapter (MWA) tests: what Phantom or Solflare do on an Android
 * phone, played by the test process. The page (Android Chrome, emulated) launches the association
 * intent `solana-wallet:/v1/associate/local?association=…&port=…`; Playwright sees that navigation
 * as a request, and this "app" then does what the Android wallet app does: it takes the focus (the
 * page gets `blur`, which MWA waits for) and serves the MWA session on `ws://localhost:<port>`,
 * which the page reaches through its real WebSocket, under the page's real CSP.
 *
 * The session follows the MWA 2.0 protocol as `@solana-mobile/mobile-wallet-adapter-protocol`
 * implements it: HELLO_REQ (the page's P-256 ECDH key signed with the association key, checked
 * here), HELLO_RSP (our ECDH key + the encrypted session properties), then JSON-RPC encrypted with
 * AES-128-GCM under a key from ECDH + HKDF-SHA256 (salt: the association public key), each message
 * `sequence number ‖ IV ‖ ciphertext` with the sequence number as additional data. It answers
 * `authorize`, `get_capabilities`, `sign_transactions` (signing with a real keypair) and
 * `deauthorize`, and refuses `sign_and_send_transactions`, counting every call.
 * https://solana-mobile.github.io/mobile-wallet-adapter/spec/spec.html
 */
import { webcrypto } from 'node:crypto';
import type { Page } from '@playwright/test';
import { Keypair, Transaction } from '@solana/web3.js';
import bs58 from 'bs58';
import { WebSocketServer, type WebSocket } from 'ws';

const subtle = webcrypto.subtle;
const PROTOCOL = 'com.solana.mobilewalletadapter.v1';

export type MobileWalletAppOptions = {
  /** Base58 of the 64-byte secret key the app holds. */
  secretKey: string;
  /** Declare `solana:signTransactions` in the capabilities (MWA 2.x makes it optional). Default true. */
  signTransactions?: boolean;
};

/** What the app saw, for assertions. */
export type MobileWalletAppRecord = {
  /** Every JSON-RPC method the page called, in order. */
  calls: string[];
  /** The `identity` of each `authorize` (the app identity the wallet shows). */
  identities: unknown[];
  /** The chain each `authorize` asked for. */
  chains: unknown[];
  /** Base64 of every transaction it was asked to sign, and of what it returned. */
  requested: string[];
  signed: string[];
  sessions: number;
};

export type MobileWalletApp = { record: MobileWalletAppRecord; close: () => Promise<void> };

/** Listens for the page's association intents and plays the wallet app for each. */
export async function installMobileWalletApp(page: Page, options: MobileWalletAppOptions): Promise<MobileWalletApp> {
  const keypair = Keypair.fromSecretKey(bs58.decode(options.secretKey));
  const record: MobileWalletAppRecord = { calls: [], identities: [], chains: [], requested: [], signed: [], sessions: 0 };
  const servers: WebSocketServer[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('solana-wallet:')) return;
    void startSession(new URL(url)).catch((error: unknown) => console.error('[mobile-wallet-app]', error));
  });

  async function startSession(intent: URL): Promise<void> {
    const port = Number(intent.searchParams.get('port'));
    const association = Buffer.from(intent.searchParams.get('association') ?? '', 'base64url');
    if (!(port >= 49152 && port <= 65535) || association.length !== 65) throw new Error(`not an MWA local association: ${intent.href}`);
    record.sessions += 1;
    // The wallet app comes to the front: the page loses the focus, which MWA takes as "launched".
    await page.evaluate(() => window.dispatchEvent(new Event('blur'))).catch(() => undefined);
    const server = await listen(port);
    servers.push(server);
    server.on('connection', (socket) => void serve(socket, association).catch((error: unknown) => {
      console.error('[mobile-wallet-app] session failed:', error);
      socket.close();
    }));
  }

  async function serve(socket: WebSocket, associationKey: Buffer): Promise<void> {
    const association = await subtle.importKey('raw', associationKey, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    let key: webcrypto.CryptoKey | null = null;
    let outbound = 0;
    const send = async (message: unknown) => {
      if (!key) throw new Error('no session key');
      socket.send(await encrypt(JSON.stringify(message), ++outbound, key));
    };
    socket.on('message', (data: Buffer) => {
      void (async () => {
        const bytes = new Uint8Array(data);
        if (!key) {
          // HELLO_REQ: the page's ECDH public key (65 bytes) and its ECDSA signature by the association key.
          const ecdhPublic = bytes.slice(0, 65);
          const signature = bytes.slice(65);
          if (!(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, association, signature, ecdhPublic))) throw new Error('HELLO_REQ signature does not verify');
          const ours = (await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as webcrypto.CryptoKeyPair;
          const theirs = await subtle.importKey('raw', ecdhPublic, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
          const shared = await subtle.deriveBits({ name: 'ECDH', public: theirs }, ours.privateKey, 256);
          const hkdf = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
          key = await subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: associationKey, info: new Uint8Array() }, hkdf, { name: 'AES-GCM', length: 128 }, false, ['encrypt', 'decrypt']);
          const ourPublic = new Uint8Array(await subtle.exportKey('raw', ours.publicKey));
          const sessionProperties = await encrypt(JSON.stringify({ v: 'v1' }), ++outbound, key);
          socket.send(Buffer.concat([ourPublic, sessionProperties]));
          return;
        }
        const request = JSON.parse(await decrypt(bytes, key)) as { id: number; method: string; params: Record<string, unknown> };
        record.calls.push(request.method);
        const result = answer(request.method, request.params);
        await send(result instanceof Error ? { jsonrpc: '2.0', id: request.id, error: { code: -3, message: result.message } } : { jsonrpc: '2.0', id: request.id, result });
      })().catch((error: unknown) => {
        console.error('[mobile-wallet-app] message failed:', error);
        socket.close();
      });
    });
  }

  function answer(method: string, params: Record<string, unknown>): unknown {
    switch (method) {
      case 'authorize':
        record.identities.push(params.identity);
        record.chains.push(params.chain);
        return {
          auth_token: 'mobile-wallet-app-token',
          accounts: [{ address: Buffer.from(keypair.publicKey.toBytes()).toString('base64'), label: 'Mobile test wallet', chains: [params.chain] }],
        };
      case 'get_capabilities':
        return {
          max_transactions_per_request: 10,
          max_messages_per_request: 10,
          supported_transaction_versions: ['legacy', 0],
          features: options.signTransactions === false ? ['solana:signAndSendTransaction'] : ['solana:signTransactions', 'solana:signAndSendTransaction'],
        };
      case 'sign_transactions': {
        const payloads = (params.payloads as string[] | undefined) ?? [];
        return {
          signed_payloads: payloads.map((payload) => {
            record.requested.push(payload);
            const transaction = Transaction.from(Buffer.from(payload, 'base64'));
            // Kept as given, like a real wallet that adds nothing: only our signature is filled in.
            transaction.partialSign(keypair);
            const signed = transaction.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64');
            record.signed.push(signed);
            return signed;
          }),
        };
      }
      case 'deauthorize':
        return {};
      default:
        // sign_and_send_transactions above all: the portal must never let a wallet send.
        return new Error(`${method} is not offered by this test wallet`);
    }
  }

  return {
    record,
    close: async () => {
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}

/** A WebSocket server on the association port of loopback (IPv4, and IPv6 where the machine has it). */
async function listen(port: number): Promise<WebSocketServer> {
  const server = new WebSocketServer({ host: '127.0.0.1', port, handleProtocols: (protocols) => (protocols.has(PROTOCOL) ? PROTOCOL : false) });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  return server;
}

function sequence(n: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, n, false);
  return bytes;
}

async function encrypt(plaintext: string, seq: number, key: webcrypto.CryptoKey): Promise<Buffer> {
  const aad = sequence(seq);
  const iv = webcrypto.getRandomValues(new Uint8Array(12));
  const ciphertext = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, key, new TextEncoder().encode(plaintext)));
  return Buffer.concat([aad, iv, ciphertext]);
}

async function decrypt(message: Uint8Array, key: webcrypto.CryptoKey): Promise<string> {
  const plaintext = await subtle.decrypt({ name: 'AES-GCM', iv: message.slice(4, 16), additionalData: message.slice(0, 4), tagLength: 128 }, key, message.slice(16));
  return new TextDecoder().decode(plaintext);
}
