/** Shapes shared by the validator's modules. Addresses are base58 strings throughout. */

/** An account as stored in the SVM. `lamports` are base units (1 SOL = 10^9). */
export type StoredAccount = {
  lamports: bigint;
  data: Uint8Array;
  owner: string;
  executable: boolean;
};

/** Reads an account by address; null when it does not exist (or holds zero lamports). */
export type AccountReader = (address: string) => StoredAccount | null;
