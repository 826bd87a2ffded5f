import 'server-only';
import { getConfig } from '@/lib/config';
import type { Cluster } from '@/lib/config/env';
import { officialParamsFromConfig, type OfficialParams } from '@/lib/solana/official-params';

/** The official parameters a pasted transaction is checked against (all public on chain), and the cluster name. */
export function getOfficialParams(): OfficialParams & { cluster: Cluster } {
  const config = getConfig();
  return { cluster: config.cluster, ...officialParamsFromConfig(config) };
}
