/**
 * Helpers for this folder's tests: a validator on random free ports, a web3.js Connection to it,
 * raw JSON-RPC calls and funded keypairs. Not imported by the validator itself.
 */
import { Connection, Keypair, LAMPORTS_PER_SOL } from '@solana/web3.js';
import { startLocalValidator, type LocalValidator } from '@/scripts/localnet/validator';

export type TestValidator = { validator: LocalValidator; connection: Connection; startupMs: number };

/** A random high port pair (RPC even, pubsub = RPC + 1) well away from the demo's and e2e's. */
export function randomPorts(): { rpcPort: number; wsPort: number } {
  const rpcPort = 20_000 + 2 * Math.floor(Math.random() * 15_000);
  return { rpcPort, wsPort: rpcPort + 1 };
}

/**
 * Starts a validator on random ports, retrying when a port is taken.
 * @param options.blockTimeMs its block clock (default 400 ms); a test that counts blocks itself
 *   sets it far beyond the test's length, so no block is produced behind its back.
 */
export async function startTestValidator(options: { blockTimeMs?: number } = {}): Promise<TestValidator> {
  for (let attempt = 0; ; attempt += 1) {
    const started = performance.now();
    try {
      const validator = await startLocalValidator({ ...randomPorts(), ...options });
      const startupMs = performance.now() - started;
      const connection = new Connection(validator.rpcUrl, { commitment: 'confirmed', wsEndpoint: validator.wsUrl });
      return { validator, connection, startupMs };
    } catch (error) {
      if (attempt < 10 && error instanceof Error && error.message.includes('already in use')) continue;
      throw error;
    }
  }
}

export type JsonRpcResponse = { jsonrpc: string; id: number | string | null; result?: unknown; error?: { code: number; message: string; data?: unknown } };

/** POSTs a raw body and returns the parsed answer (null for an empty 204). */
export async function postRaw(url: string, body: string): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  return text === '' ? null : (JSON.parse(text) as unknown);
}

/** One JSON-RPC call, returning the whole response object. */
export async function rpc(url: string, method: string, params?: unknown[]): Promise<JsonRpcResponse> {
  return (await postRaw(url, JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }))) as JsonRpcResponse;
}

/** A new keypair holding `sol` SOL (airdropped and confirmed). */
export async function fundedKeypair(connection: Connection, sol = 10): Promise<Keypair> {
  const keypair = Keypair.generate();
  const signature = await connection.requestAirdrop(keypair.publicKey, sol * LAMPORTS_PER_SOL);
  await connection.confirmTransaction({ signature, ...(await connection.getLatestBlockhash()) });
  return keypair;
}
