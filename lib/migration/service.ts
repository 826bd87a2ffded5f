/**
 * The migration flow's public functions, one module per step (kept as one import for callers
 * written before the split):
 *
 * | step | module |
 * |---|---|
 * | input parsing | lib/migration/input.ts |
 * | eligibility and allocation checks | lib/migration/eligibility.ts |
 * | build (the unsigned transaction) | lib/migration/build.ts |
 * | submit (co-sign, record, send) | lib/migration/submit.ts |
 * | view (`GET /api/v1/migrations/{id}`) | lib/migration/view.ts |
 * | settlement from the chain | lib/migration/settlement.ts |
 * | every state change of a `migrations` row | lib/migration/transitions.ts |
 *
 * New code imports the step's module.
 */
export { buildMigration, expectedMigration } from '@/lib/migration/build';
export { getEligibility } from '@/lib/migration/eligibility';
export { parseAmount, parseWallet } from '@/lib/migration/input';
export { reconcileMigrations } from '@/lib/migration/settlement';
export { submitMigration } from '@/lib/migration/submit';
export { expireStaleBuilds } from '@/lib/migration/transitions';
export { getMigrationView } from '@/lib/migration/view';
