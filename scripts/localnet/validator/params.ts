/**
 * Parameter parsing for RPC methods: zod schemas for the positional `params` arrays and the
 * standard config objects (`commitment`, `encoding`, `minContextSlot`, `dataSlice`), with failures
 * turned into -32602 errors worded like Agave's.
 */
import bs58 from 'bs58';
import { z } from 'zod';
import { RpcError, RpcErrorCode } from '@/scripts/localnet/validator/errors';

/** Parses `params` (absent → `[]`) with `schema`. @throws RpcError -32602 describing the first problem. */
export function parseParams<T extends z.ZodType>(schema: T, params: unknown): z.output<T> {
  const result = schema.safeParse(params ?? []);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const message = issue?.message ?? 'invalid params';
  if (message.startsWith('Invalid param')) throw new RpcError(RpcErrorCode.InvalidParams, message);
  const where = issue !== undefined && issue.path.length > 0 ? ` (at params.${issue.path.join('.')})` : '';
  throw new RpcError(RpcErrorCode.InvalidParams, `Invalid params: ${message}${where}`);
}

/** A base58 public key, checked for 32 bytes (`Invalid param: WrongSize` / `Invalid`, as Agave says). */
export const pubkey = z.string().superRefine((value, ctx) => {
  let bytes: Uint8Array;
  try {
    bytes = bs58.decode(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'Invalid param: Invalid' });
    return;
  }
  if (bytes.length !== 32) ctx.addIssue({ code: 'custom', message: 'Invalid param: WrongSize' });
});

/** A base58 transaction signature (64 bytes). */
export const signature = z.string().superRefine((value, ctx) => {
  let bytes: Uint8Array | null = null;
  try {
    bytes = bs58.decode(value);
  } catch {
    bytes = null;
  }
  if (bytes === null || bytes.length !== 64) ctx.addIssue({ code: 'custom', message: 'Invalid param: Invalid' });
});

export const commitment = z.enum(['processed', 'confirmed', 'finalized', 'recent', 'single', 'singleGossip', 'root', 'max']);

const slotNumber = z.number().int().nonnegative();

/** `{commitment?, minContextSlot?}`: the base of every config object. Unknown members are ignored, as Agave does. */
export const contextConfig = z.object({ commitment: commitment.optional(), minContextSlot: slotNumber.optional() });

export const accountEncoding = z.enum(['binary', 'base58', 'base64', 'base64+zstd', 'jsonParsed']);
export const dataSlice = z.object({ offset: z.number().int().nonnegative(), length: z.number().int().nonnegative() });

/** getAccountInfo-style config. Agave's default encoding for accounts is `binary` (legacy base58 text). */
export const accountConfig = contextConfig.extend({ encoding: accountEncoding.optional(), dataSlice: dataSlice.optional() });

/** Config objects may be omitted or sent as null. */
export function optionalConfig<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => value ?? undefined);
}

/** A u64 amount sent as a JSON number (JSON.parse limits it to 2^53). */
export const u64 = z.number().int().nonnegative().transform((value) => BigInt(value));
