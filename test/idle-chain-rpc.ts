/**
 * A JSON-RPC endpoint for the database suites that exercise submit without a chain: a node that
 * answers `getBlockHeight` (a fixed height, below every test build's last valid block height),
 * accepts `sendTransaction` (answers the transaction's first signature, as a node does) and never
 * lands anything. Every other method answers JSON-RPC -32601, so a test that reaches further
 * into the chain fails loudly instead of silently.
 *
 * Submit reads the confirmed block height before it co-signs (lib/migration/submit.ts): with no
 * endpoint at all it answers RPC_UNAVAILABLE and co-signs nothing, which these suites do not test.
 * Follows https://solana.com/docs/rpc/http/getblockheight and /sendtransaction.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import bs58 from 'bs58';

export type IdleChainRpc = { url: string; sends: number; close: () => Promise<void> };

/** @param height the block height `getBlockHeight` answers at any commitment. */
export async function startIdleChainRpc(height = 1): Promise<IdleChainRpc> {
  const state = { sends: 0 };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const request = JSON.parse(body) as { id: unknown; method: string; params?: unknown[] };
      const answer = (payload: object) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ jsonrpc: '2.0', id: request.id, ...payload }));
      };
      if (request.method === 'getBlockHeight') return answer({ result: height });
      if (request.method === 'sendTransaction') {
        state.sends += 1;
        // The wire format starts with the signature count (1 byte for < 128), then 64-byte signatures.
        const wire = Buffer.from(String(request.params?.[0]), 'base64');
        return answer({ result: bs58.encode(wire.subarray(1, 65)) });
      }
      answer({ error: { code: -32601, message: `Method not found (the idle test chain answers getBlockHeight and sendTransaction only): ${request.method}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get sends() {
      return state.sends;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
