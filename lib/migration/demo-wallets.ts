import 'server-only';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { getConfig } from '@/lib/config';

const demoFileSchema = z.object({
  demoWallets: z.record(z.string(), z.object({ publicKey: z.string(), secretKey: z.string() })),
});

/**
 * The localnet demo keypairs from `LOCALNET_CONFIG_FILE` (never set outside localnet; the config
 * refuses it). Returns `[]` when unset or unreadable: the demo wallet is a convenience, not a dependency.
 */
export function readLocalnetDemoWallets(): { label: string; publicKey: string; secretKey: string }[] {
  const config = getConfig();
  if (config.cluster !== 'localnet' || !config.localnetConfigFile) return [];
  try {
    const parsed = demoFileSchema.parse(JSON.parse(readFileSync(config.localnetConfigFile, 'utf8')));
    return Object.entries(parsed.demoWallets).map(([label, w]) => ({ label, publicKey: w.publicKey, secretKey: w.secretKey }));
  } catch {
    return [];
  }
}
