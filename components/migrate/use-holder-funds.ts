import { useConnection } from '@solana/wallet-adapter-react';
import { PublicKey } from '@solana/web3.js';
import { useCallback, useEffect, useState } from 'react';
import type { PublicMigrationParams } from '@/lib/migration/params';
import { associatedTokenAccountSize, solNeededForMigration, type SolNeeded } from '@/lib/solana/sol-needed';
import { holderTokenAccount } from '@/components/migrate/simulate';

/** The holder's SOL and ELIZAOS account as the chain shows them now, and what a migration needs of it. */
export type HolderFunds = { lamports: bigint; elizaosAccountExists: boolean; sol: SolNeeded };
export type HolderFundsState = { status: 'loading' } | { status: 'loaded'; funds: HolderFunds } | { status: 'error'; error: unknown };

/**
 * Reads, through the RPC proxy, what the SOL check of the build step reads (lib/solana/sol-needed.ts),
 * so the page tells a holder without enough SOL, and a holder whose migration costs more than it
 * brings, before any transaction is built or any wallet prompt. `reload` after a top-up or a migration.
 */
export function useHolderFunds(holder: PublicKey, params: Pick<PublicMigrationParams, 'elizaos'>) {
  const { connection } = useConnection();
  const [state, setState] = useState<HolderFundsState>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    const elizaosProgram = new PublicKey(params.elizaos.programId);
    Promise.all([
      connection.getMultipleAccountsInfo([holder, holderTokenAccount(holder, params.elizaos)], 'confirmed'),
      connection.getMinimumBalanceForRentExemption(associatedTokenAccountSize(elizaosProgram), 'confirmed'),
      connection.getMinimumBalanceForRentExemption(0, 'confirmed'),
    ]).then(
      ([[wallet, elizaos], ataRent, walletRent]) => {
        if (!live) return;
        const lamports = BigInt(wallet?.lamports ?? 0);
        const elizaosAccountExists = elizaos !== null && elizaos !== undefined;
        const sol = solNeededForMigration({ lamports, elizaosAccountExists, ataRentLamports: BigInt(ataRent), walletRentLamports: BigInt(walletRent) });
        setState({ status: 'loaded', funds: { lamports, elizaosAccountExists, sol } });
      },
      (error: unknown) => live && setState({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [connection, holder, params.elizaos, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { state, reload };
}
