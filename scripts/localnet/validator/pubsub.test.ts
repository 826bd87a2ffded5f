import { Keypair, LAMPORTS_PER_SOL, SystemProgram, Transaction, type AccountInfo, type Connection } from '@solana/web3.js';
import bs58 from 'bs58';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { fundedKeypair, rpc, startTestValidator, type TestValidator } from '@/scripts/localnet/validator/test-support';

let harness: TestValidator;
let connection: Connection;
let payer: Keypair;

type Message = { id?: number; result?: unknown; error?: { code: number; message: string }; method?: string; params?: { result: unknown; subscription: number } };

/** A raw pubsub client: requests by id, notifications collected by method. */
class PubsubClient {
  private nextId = 1;
  private readonly waiting = new Map<number, (message: Message) => void>();
  private readonly notifications: Message[] = [];
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as Message;
      if (message.id !== undefined) this.waiting.get(message.id)?.(message);
      else {
        this.notifications.push(message);
        for (const listener of this.listeners) listener();
      }
    });
  }

  static async open(url: string): Promise<PubsubClient> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new PubsubClient(socket);
  }

  request(method: string, params: unknown[] = []): Promise<Message> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  async subscribe(method: string, params: unknown[] = []): Promise<number> {
    const answer = await this.request(method, params);
    if (typeof answer.result !== 'number') throw new Error(`${method} failed: ${JSON.stringify(answer.error)}`);
    return answer.result;
  }

  /** Resolves with the first notification for `subscription` (already received or future). */
  notification(subscription: number, timeoutMs = 3000): Promise<Message> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const index = this.notifications.findIndex((message) => message.params?.subscription === subscription);
        if (index < 0) return false;
        const [message] = this.notifications.splice(index, 1);
        if (message !== undefined) resolve(message);
        return true;
      };
      if (check()) return;
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no notification for subscription ${subscription}`));
      }, timeoutMs);
      const listener = (): void => {
        if (check()) {
          clearTimeout(timer);
          this.listeners.delete(listener);
        }
      };
      this.listeners.add(listener);
    });
  }

  close(): void {
    this.socket.close();
  }
}

let client: PubsubClient;

beforeAll(async () => {
  harness = await startTestValidator();
  connection = harness.connection;
  payer = await fundedKeypair(connection, 50);
  client = await PubsubClient.open(harness.validator.wsUrl);
});

afterAll(async () => {
  client.close();
  await harness.validator.close();
});

async function signedTransfer(to = Keypair.generate().publicKey): Promise<{ wire: Buffer; signature: string }> {
  const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash();
  const tx = new Transaction({ feePayer: payer.publicKey, blockhash, lastValidBlockHeight }).add(SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: to, lamports: LAMPORTS_PER_SOL }));
  tx.sign(payer);
  const wire = tx.serialize();
  return { wire, signature: bs58.encode(tx.signature ?? new Uint8Array(64)) };
}

describe('signatureSubscribe', () => {
  it('notifies when the transaction lands, then ends the subscription', async () => {
    const { wire, signature } = await signedTransfer();
    const subscription = await client.subscribe('signatureSubscribe', [signature, { commitment: 'confirmed' }]);
    await connection.sendRawTransaction(wire);
    const message = await client.notification(subscription);
    expect(message).toEqual({ jsonrpc: '2.0', method: 'signatureNotification', params: { result: { context: { slot: expect.any(Number) }, value: { err: null } }, subscription } });
    // Auto-unsubscribed, as on a real node.
    expect((await client.request('signatureUnsubscribe', [subscription])).error).toEqual({ code: -32602, message: 'Invalid subscription id.' });
  });

  it('at `finalized` (the default) notifies once the slot of the transaction is rooted, 32 blocks later', async () => {
    const { wire, signature } = await signedTransfer();
    const subscription = await client.subscribe('signatureSubscribe', [signature]);
    await connection.sendRawTransaction(wire);
    await expect(client.notification(subscription, 300)).rejects.toThrow(/no notification/); // landed, not rooted
    for (let i = 0; i < 32; i += 1) harness.validator.produceBlock();
    expect((await client.notification(subscription)).params?.result).toMatchObject({ value: { err: null } });
    const landedSlot = (await connection.getSignatureStatuses([signature])).value[0]?.slot ?? 0;
    expect(await connection.getSlot('finalized')).toBeGreaterThanOrEqual(landedSlot);
  });

  it('sends receivedSignature first when asked to', async () => {
    const { wire, signature } = await signedTransfer();
    const subscription = await client.subscribe('signatureSubscribe', [signature, { commitment: 'confirmed', enableReceivedNotification: true }]);
    await connection.sendRawTransaction(wire);
    expect((await client.notification(subscription)).params?.result).toMatchObject({ value: 'receivedSignature' });
    expect((await client.notification(subscription)).params?.result).toMatchObject({ value: { err: null } });
  });

  it('notifies at once for a transaction that already landed', async () => {
    const { wire, signature } = await signedTransfer();
    await connection.sendRawTransaction(wire);
    const subscription = await client.subscribe('signatureSubscribe', [signature, { commitment: 'confirmed' }]);
    expect((await client.notification(subscription)).params?.result).toMatchObject({ value: { err: null } });
  });

  it('reports the error of a failed transaction', async () => {
    const owner = await fundedKeypair(connection, 1);
    const { blockhash } = await connection.getLatestBlockhash();
    const tx = new Transaction({ feePayer: owner.publicKey, blockhash, lastValidBlockHeight: 0 }).add(
      SystemProgram.transfer({ fromPubkey: owner.publicKey, toPubkey: Keypair.generate().publicKey, lamports: 5 * LAMPORTS_PER_SOL }),
    );
    tx.sign(owner);
    const signature = await connection.sendRawTransaction(tx.serialize(), { skipPreflight: true });
    const subscription = await client.subscribe('signatureSubscribe', [signature, { commitment: 'confirmed' }]);
    expect((await client.notification(subscription)).params?.result).toMatchObject({ value: { err: { InstructionError: [0, { Custom: 1 }] } } });
  });
});

describe('accountSubscribe and programSubscribe', () => {
  it('notifies account changes in the requested encoding', async () => {
    const watched = Keypair.generate().publicKey;
    const subscription = await client.subscribe('accountSubscribe', [watched.toBase58(), { encoding: 'base64', commitment: 'confirmed' }]);
    const { wire } = await signedTransfer(watched);
    await connection.sendRawTransaction(wire);
    const message = await client.notification(subscription);
    expect(message.method).toBe('accountNotification');
    expect(message.params?.result).toMatchObject({
      context: { slot: expect.any(Number) },
      value: { lamports: LAMPORTS_PER_SOL, owner: SystemProgram.programId.toBase58(), data: ['', 'base64'], executable: false, space: 0 },
    });
    expect((await client.request('accountUnsubscribe', [subscription])).result).toBe(true);
  });

  it('notifies programSubscribe for accounts the program owns', async () => {
    const target = Keypair.generate().publicKey;
    const subscription = await client.subscribe('programSubscribe', [SystemProgram.programId.toBase58(), { encoding: 'base64', filters: [{ dataSize: 0 }] }]);
    const { wire } = await signedTransfer(target);
    await connection.sendRawTransaction(wire);
    let message = await client.notification(subscription);
    // The payer changes too; wait for the target's notification.
    while ((message.params?.result as { value: { pubkey: string } }).value.pubkey !== target.toBase58()) message = await client.notification(subscription);
    expect(message.params?.result).toMatchObject({ context: { slot: expect.any(Number) }, value: { pubkey: target.toBase58(), account: { lamports: LAMPORTS_PER_SOL } } });
    expect((await client.request('programUnsubscribe', [subscription])).result).toBe(true);
  });

  it('works with web3.js onAccountChange', async () => {
    const watched = Keypair.generate().publicKey;
    let listener = 0;
    const changed = new Promise<AccountInfo<Buffer>>((resolve) => {
      listener = connection.onAccountChange(watched, (info) => resolve(info), { commitment: 'confirmed' });
    });
    // Give web3.js time to open its socket and subscribe before the change happens.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await connection.requestAirdrop(watched, 3 * LAMPORTS_PER_SOL);
    expect((await changed).lamports).toBe(3 * LAMPORTS_PER_SOL);
    await connection.removeAccountChangeListener(listener);
  });
});

describe('slots, roots and logs', () => {
  it('sends slotNotification and rootNotification for each block', async () => {
    const slotSubscription = await client.subscribe('slotSubscribe');
    const rootSubscription = await client.subscribe('rootSubscribe');
    harness.validator.produceBlock();
    const slot = (await client.notification(slotSubscription)).params?.result as { slot: number; parent: number; root: number };
    expect(slot.slot).toBe(slot.parent + 1);
    expect(slot.root).toBe(slot.slot - 32); // the root trails by FINALITY_DEPTH
    expect(typeof (await client.notification(rootSubscription)).params?.result).toBe('number');
    expect((await client.request('slotUnsubscribe', [slotSubscription])).result).toBe(true);
    expect((await client.request('rootUnsubscribe', [rootSubscription])).result).toBe(true);
  });

  it('advances on its own every ~400 ms (web3.js onSlotChange)', async () => {
    const started = Date.now();
    const slots: number[] = [];
    await new Promise<void>((resolve) => {
      const id = connection.onSlotChange((info) => {
        slots.push(info.slot);
        if (slots.length === 2) {
          void connection.removeSlotChangeListener(id);
          resolve();
        }
      });
    });
    expect(slots[1]).toBe((slots[0] ?? 0) + 1);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('sends logsNotification for transactions mentioning an address', async () => {
    const target = Keypair.generate().publicKey;
    const subscription = await client.subscribe('logsSubscribe', [{ mentions: [target.toBase58()] }, { commitment: 'processed' }]);
    const { wire, signature } = await signedTransfer(target);
    await connection.sendRawTransaction(wire);
    expect((await client.notification(subscription)).params?.result).toEqual({
      context: { slot: expect.any(Number) },
      value: { signature, err: null, logs: ['Program 11111111111111111111111111111111 invoke [1]', 'Program 11111111111111111111111111111111 success'] },
    });
    expect((await client.request('logsUnsubscribe', [subscription])).result).toBe(true);
  });

  it('answers unknown methods and bad params with JSON-RPC errors', async () => {
    expect((await client.request('fooSubscribe')).error?.code).toBe(-32601);
    expect((await client.request('accountSubscribe', ['not-a-key'])).error?.code).toBe(-32602);
    expect((await client.request('slotUnsubscribe', [987654])).error).toEqual({ code: -32602, message: 'Invalid subscription id.' });
    // The HTTP side does not know pubsub methods.
    expect((await rpc(connection.rpcEndpoint, 'slotSubscribe')).error?.code).toBe(-32601);
  });
});
