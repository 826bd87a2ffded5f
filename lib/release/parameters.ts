/**
 * The runtime half of the deployment manifest: the public migration parameters, taken from the
 * deployment's configuration (environment) and the snapshot commitment in its database, and the
 * assembly of the whole unsigned manifest. Pure: the server (lib/release/served.ts) and
 * `npm run manifest` both call it, so the manifest signed offline and the one a server would sign
 * for itself are byte-for-byte the same document.
 */
import type { AppConfig } from '@/lib/config/env';
import type { BuildRecord } from '@/lib/release/build-files';
import { type DeploymentManifest, MANIFEST_FORMAT, type ManifestParameters } from '@/lib/release/manifest';
import { MERKLE_ENCODING } from '@/lib/snapshot/merkle';
import { POLICY_VERSION } from '@/lib/solana/constants';
import { manifestFieldsOf, officialParamsFromConfig } from '@/lib/solana/official-params';

/** The snapshot commitment as the manifest states it (lib/snapshot/commitment.ts). */
export type CommittedSnapshot = { merkleRoot: string; holders: number; total: bigint | string };

/** The public parameters of a deployment: every value is public on chain or on the status page. */
export function manifestParameters(config: AppConfig, snapshot: CommittedSnapshot | null): ManifestParameters {
  return {
    cluster: config.cluster,
    origin: config.appUrl,
    ...manifestFieldsOf(officialParamsFromConfig(config), config.vault.owner.toBase58()),
    window: { opensAt: config.window.opensAt.toISOString(), closesAt: config.window.closesAt.toISOString() },
    snapshotTakenAt: config.snapshotTakenAt.toISOString(),
    policyVersion: POLICY_VERSION,
    snapshot: snapshot ? { merkleRoot: snapshot.merkleRoot, holders: snapshot.holders, totalBaseUnits: snapshot.total.toString(), encoding: MERKLE_ENCODING } : null,
  };
}

/** The unsigned manifest: the build's file list and record, plus the runtime parameters. */
export function assembleManifest(record: BuildRecord, parameters: ManifestParameters): DeploymentManifest {
  return { format: MANIFEST_FORMAT, build: record.build, files: record.files, parameters };
}
