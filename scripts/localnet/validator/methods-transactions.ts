/**
 * Transaction methods: sendTransaction, simulateTransaction, getSignatureStatuses, getTransaction
 * and getSignaturesForAddress.
 */
import { z } from 'zod';
import { encodeAccount } from '@/scripts/localnet/validator/account-encoding';
import { RpcError, RpcErrorCode, invalidParams } from '@/scripts/localnet/validator/errors';
import { accountEncoding, commitment, contextConfig, optionalConfig, parseParams, pubkey, signature } from '@/scripts/localnet/validator/params';
import { commitmentLevel } from '@/scripts/localnet/validator/chain';
import { checkMinContextSlot, withContext, type RpcHandler } from '@/scripts/localnet/validator/rpc-context';
import { innerInstructionsJson, returnDataJson, signatureStatusJson, transactionJson } from '@/scripts/localnet/validator/tx-format';
import { decodeBinary, decodeTransaction } from '@/scripts/localnet/validator/wire';

const MAX_SIGNATURE_STATUSES = 256;
const MAX_SIGNATURES_FOR_ADDRESS = 1000;

const binaryEncoding = z.enum(['base58', 'base64']);

const sendConfig = contextConfig.extend({
  encoding: binaryEncoding.optional(),
  skipPreflight: z.boolean().optional(),
  preflightCommitment: commitment.optional(),
  maxRetries: z.number().int().nonnegative().optional(),
});

const simulateConfig = contextConfig.extend({
  encoding: binaryEncoding.optional(),
  sigVerify: z.boolean().optional(),
  replaceRecentBlockhash: z.boolean().optional(),
  innerInstructions: z.boolean().optional(),
  accounts: z.object({ encoding: accountEncoding.optional(), addresses: z.array(pubkey) }).optional(),
});

const transactionEncoding = z.enum(['json', 'jsonParsed', 'base64', 'base58', 'binary']);
const getTransactionConfig = z.union([
  transactionEncoding.transform((encoding) => ({ encoding, commitment: undefined, maxSupportedTransactionVersion: undefined })),
  z.object({ encoding: transactionEncoding.optional(), commitment: commitment.optional(), maxSupportedTransactionVersion: z.number().int().nonnegative().optional() }),
]);

/** Decodes a client-sent transaction; the RPC's default encoding is base58. */
function readTransaction(text: string, encoding: 'base58' | 'base64' | undefined) {
  return decodeTransaction(decodeBinary(text, encoding ?? 'base58'));
}

export const transactionMethods: Record<string, RpcHandler> = {
  sendTransaction: (params, { chain }) => {
    const [text, config] = parseParams(z.tuple([z.string(), optionalConfig(sendConfig)]), params);
    checkMinContextSlot(chain, config);
    return chain.sendTransaction(readTransaction(text, config?.encoding), config?.skipPreflight ?? false);
  },
  simulateTransaction: (params, { chain }) => {
    const [text, config] = parseParams(z.tuple([z.string(), optionalConfig(simulateConfig)]), params);
    checkMinContextSlot(chain, config);
    const accountsEncoding = config?.accounts?.encoding ?? 'base64';
    // Agave refuses binary encodings for simulation accounts.
    if (accountsEncoding === 'binary' || accountsEncoding === 'base58') throw invalidParams('base58 encoding not supported', true);
    const options = { encoding: accountsEncoding, dataSlice: undefined };
    const tx = readTransaction(text, config?.encoding);
    const addresses = config?.accounts?.addresses ?? [];
    const outcome = chain.simulate(tx, { sigVerify: config?.sigVerify ?? false, replaceRecentBlockhash: config?.replaceRecentBlockhash ?? false, accountAddresses: addresses });
    const reader = (key: string) => chain.readAccount(key);
    return withContext(chain, {
      accounts: config?.accounts === undefined ? null : outcome.accounts.map((account, index) => (account === null ? null : encodeAccount(addresses[index] ?? '', account, options, reader))),
      err: outcome.err,
      innerInstructions: config?.innerInstructions === true ? innerInstructionsJson(outcome.innerInstructions, outcome.accountKeys, true) : null,
      logs: outcome.logs,
      replacementBlockhash: outcome.replacementBlockhash,
      returnData: returnDataJson(outcome.returnData),
      unitsConsumed: outcome.unitsConsumed,
    });
  },
  getSignatureStatuses: (params, { chain }) => {
    const [signatures] = parseParams(z.tuple([z.array(signature), optionalConfig(z.object({ searchTransactionHistory: z.boolean().optional() }))]), params);
    if (signatures.length > MAX_SIGNATURE_STATUSES) throw invalidParams(`Too many inputs provided; max ${MAX_SIGNATURE_STATUSES}`, true);
    // The whole history is kept, so searchTransactionHistory changes nothing.
    return withContext(
      chain,
      signatures.map((sig) => {
        const record = chain.history.get(sig);
        return record === undefined ? null : signatureStatusJson(record, chain.slot, chain.finalizedSlot);
      }),
    );
  },
  getTransaction: (params, { chain }) => {
    const [sig, config] = parseParams(z.tuple([signature, optionalConfig(getTransactionConfig)]), params);
    if (config?.commitment === 'processed') throw invalidParams('Method does not support commitment below `confirmed`', true);
    const record = chain.history.get(sig);
    if (record === undefined || !chain.reached(record, commitmentLevel(config?.commitment))) return null;
    const maxVersion = config?.maxSupportedTransactionVersion;
    const version = record.tx.message.version;
    if (version !== 'legacy' && (maxVersion === undefined || version > maxVersion)) {
      throw new RpcError(
        RpcErrorCode.UnsupportedTransactionVersion,
        `Transaction version (${version}) is not supported by the requesting client. Please try the request again with the following configuration parameter: "maxSupportedTransactionVersion": ${version}`,
      );
    }
    return transactionJson(record, config?.encoding ?? 'json', maxVersion !== undefined);
  },
  getSignaturesForAddress: (params, { chain }) => {
    const queryConfig = contextConfig.extend({ limit: z.number().int().min(1).optional(), before: signature.optional(), until: signature.optional() });
    const [address, config] = parseParams(z.tuple([pubkey, optionalConfig(queryConfig)]), params);
    checkMinContextSlot(chain, config);
    const limit = config?.limit ?? MAX_SIGNATURES_FOR_ADDRESS;
    if (limit > MAX_SIGNATURES_FOR_ADDRESS) throw invalidParams(`Invalid limit; max ${MAX_SIGNATURES_FOR_ADDRESS}`, true);
    if (config?.commitment === 'processed') throw invalidParams('Method does not support commitment below `confirmed`', true);
    const level = commitmentLevel(config?.commitment);
    // At `finalized` the newest entries are the ones not yet rooted: skip past them, then page.
    const visible = (record: { slot: bigint }) => chain.reached(record, level);
    return chain.history.forAddress(address, { before: config?.before, until: config?.until, limit, visible }).map((record) => ({
      blockTime: record.blockTime,
      confirmationStatus: signatureStatusJson(record, chain.slot, chain.finalizedSlot).confirmationStatus,
      err: record.err,
      memo: record.memo,
      signature: record.signature,
      slot: record.slot,
    }));
  },
};
