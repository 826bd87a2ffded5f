'use client';

import { useSyncExternalStore } from 'react';
import { AddressCheck } from '@/components/address-check/address-check';
import { subscribeWalletState, walletState, walletStateOnServer } from '@/components/wallet/connection-store';
import type { PublicMigrationParams } from '@/lib/migration/params';

/**
 * Where `/migrate` shows "Check an address without connecting": below the wallet picker, rendered
 * with the page (so nothing moves under the reader once it loads), until a wallet is connected
 * (components/wallet/connection-store.ts).
 */
export function AddressCheckSlot({ params }: { params: PublicMigrationParams }) {
  const wallet = useSyncExternalStore(subscribeWalletState, walletState, walletStateOnServer);
  return wallet === 'connected' ? null : <AddressCheck params={params} />;
}
