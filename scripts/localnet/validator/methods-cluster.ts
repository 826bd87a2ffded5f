/**
 * Cluster, block and fee methods: version, identity, slots and epochs, blockhashes, fees, rent,
 * block times, performance samples, supply and the faucet (requestAirdrop).
 */
import { z } from 'zod';
import { RpcError, RpcErrorCode, invalidParams } from '@/scripts/localnet/validator/errors';
import { commitmentLevel } from '@/scripts/localnet/validator/chain';
import { contextConfig, optionalConfig, parseParams, pubkey, u64 } from '@/scripts/localnet/validator/params';
import { FEATURE_SET, SOLANA_CORE_VERSION, checkMinContextSlot, withContext, type RpcHandler } from '@/scripts/localnet/validator/rpc-context';
import { decodeBinary, decodeMessage, feeForMessage } from '@/scripts/localnet/validator/wire';

/** What getSupply reports, in lamports: the faucet's genesis balance is the whole supply. */
const TOTAL_SUPPLY = 500_000_000n * 1_000_000_000n;
/** The stake program's minimum delegation, in lamports (1 SOL on current clusters). */
const STAKE_MINIMUM_DELEGATION = 1_000_000_000n;
const MAX_PERFORMANCE_SAMPLES = 720;

const configOnly = z.tuple([optionalConfig(contextConfig)]);
const noParams = z.tuple([]);

/** Methods answering the current slot-like number with an optional context config (and its commitment level). */
function slotLike(read: (context: Parameters<RpcHandler>[1], level: ReturnType<typeof commitmentLevel>) => unknown): RpcHandler {
  return (params, context) => {
    const [config] = parseParams(configOnly, params);
    checkMinContextSlot(context.chain, config);
    return read(context, commitmentLevel(config?.commitment));
  };
}

export const clusterMethods: Record<string, RpcHandler> = {
  getVersion: (params) => {
    parseParams(noParams, params);
    return { 'feature-set': FEATURE_SET, 'solana-core': SOLANA_CORE_VERSION };
  },
  getHealth: () => 'ok',
  getIdentity: (_params, { chain }) => ({ identity: chain.identity }),
  getGenesisHash: (_params, { chain }) => chain.genesisHash,
  getSlot: slotLike(({ chain }, level) => chain.slotAt(level)),
  getBlockHeight: slotLike(({ chain }, level) => chain.blockHeightAt(level)),
  getTransactionCount: slotLike(({ chain }) => chain.transactionCount),
  getSlotLeader: slotLike(({ chain }) => chain.identity),
  getMaxRetransmitSlot: (_params, { chain }) => chain.slot,
  getMaxShredInsertSlot: (_params, { chain }) => chain.slot,
  getFirstAvailableBlock: () => 0,
  minimumLedgerSlot: () => 0,
  getHighestSnapshotSlot: () => {
    throw new RpcError(RpcErrorCode.NoSnapshot, 'No snapshot');
  },
  getVoteAccounts: () => ({ current: [], delinquent: [] }),
  getEpochInfo: slotLike(({ chain }) => {
    const position = chain.epochPosition(chain.slot);
    return {
      absoluteSlot: chain.slot,
      blockHeight: chain.blockHeight,
      epoch: position.epoch,
      slotIndex: position.slotIndex,
      slotsInEpoch: position.slotsInEpoch,
      transactionCount: chain.transactionCount,
    };
  }),
  getEpochSchedule: (_params, { chain }) => {
    const schedule = chain.schedule;
    return {
      firstNormalEpoch: schedule.firstNormalEpoch,
      firstNormalSlot: schedule.firstNormalSlot,
      leaderScheduleSlotOffset: schedule.leaderScheduleSlotOffset,
      slotsPerEpoch: schedule.slotsPerEpoch,
      warmup: schedule.warmup,
    };
  },
  getLatestBlockhash: (params, { chain }) => {
    const [config] = parseParams(configOnly, params);
    checkMinContextSlot(chain, config);
    return withContext(chain, chain.latestBlockhashAt(commitmentLevel(config?.commitment)));
  },
  isBlockhashValid: (params, { chain }) => {
    const [blockhash, config] = parseParams(z.tuple([z.string(), optionalConfig(contextConfig)]), params);
    checkMinContextSlot(chain, config);
    return withContext(chain, chain.isBlockhashValid(blockhash));
  },
  getFeeForMessage: (params, { chain }) => {
    const [encoded, config] = parseParams(z.tuple([z.string(), optionalConfig(contextConfig)]), params);
    checkMinContextSlot(chain, config);
    let message;
    try {
      message = decodeMessage(decodeBinary(encoded, 'base64'));
    } catch (error) {
      if (error instanceof RpcError) throw error;
      throw invalidParams(`invalid transaction message: ${error instanceof Error ? error.message : String(error)}`, true);
    }
    // A message whose blockhash has left the window (or never existed) has no fee: null.
    return withContext(chain, chain.isBlockhashValid(message.recentBlockhash) ? feeForMessage(message) : null);
  },
  getMinimumBalanceForRentExemption: (params, { chain }) => {
    const [size, config] = parseParams(z.tuple([z.number().int().nonnegative(), optionalConfig(contextConfig)]), params);
    checkMinContextSlot(chain, config);
    return chain.svm.minimumBalanceForRentExemption(BigInt(size));
  },
  getBlockTime: (params, { chain }) => {
    const [slot] = parseParams(z.tuple([z.number().int().nonnegative()]), params);
    const time = chain.blockTime(BigInt(slot));
    if (time === undefined) throw new RpcError(RpcErrorCode.BlockNotAvailable, `Block not available for slot ${slot}`);
    return time;
  },
  getRecentPrioritizationFees: (params) => {
    parseParams(z.tuple([z.array(pubkey).max(128).optional()]), params);
    return [];
  },
  getRecentPerformanceSamples: (params, { chain }) => {
    const [limit] = parseParams(z.tuple([z.number().int().nonnegative().optional()]), params);
    if (limit !== undefined && limit > MAX_PERFORMANCE_SAMPLES) throw invalidParams(`Invalid limit; max ${MAX_PERFORMANCE_SAMPLES}`, true);
    return chain.performanceSamples(limit ?? MAX_PERFORMANCE_SAMPLES);
  },
  getSupply: (params, { chain }) => {
    const [config] = parseParams(z.tuple([optionalConfig(contextConfig.extend({ excludeNonCirculatingAccountsList: z.boolean().optional() }))]), params);
    checkMinContextSlot(chain, config);
    return withContext(chain, { circulating: TOTAL_SUPPLY, nonCirculating: 0n, nonCirculatingAccounts: [], total: TOTAL_SUPPLY });
  },
  getStakeMinimumDelegation: (params, { chain }) => {
    const [config] = parseParams(configOnly, params);
    checkMinContextSlot(chain, config);
    return withContext(chain, STAKE_MINIMUM_DELEGATION);
  },
  requestAirdrop: (params, { chain }) => {
    const [recipient, lamports] = parseParams(z.tuple([pubkey, u64, optionalConfig(contextConfig)]), params);
    return chain.requestAirdrop(recipient, lamports);
  },
};
