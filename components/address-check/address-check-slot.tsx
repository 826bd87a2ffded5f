'use client';

import dynamic from 'next/dynamic';
import { useSyncExternalStore } from 'react';
import { subscribeWalletState, walletState, walletStateOnServer } from '@/components/wallet/connection-store';
import type { PublicMigrationParams } from '@/lib/migration/params';

// The check and what it imports (the error texts, the API client and its schemas) load only when it
// is shown, after the wallet code: the page shell stays small for phones (README "Pages and languages").
const AddressCheck = dynamic(() => import('@/components/address-check/address-check'), { ssr: false });

/**
 * Where `/migrate` shows "Check an address without connecting": below the wallet picker once it is
 * on screen (so nothing moves under the reader when the picker replaces the loading box) and until
 * a wallet is connected (components/wallet/connection-store.ts).
 */
export function AddressCheckSlot({ params }: { params: PublicMigrationParams }) {
  const wallet = useSyncExternalStore(subscribeWalletState, walletState, walletStateOnServer);
  return wallet === 'disconnected' ? <AddressCheck params={params} /> : null;
}
