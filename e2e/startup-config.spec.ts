/**
 * The production server refuses to start on a bad environment, naming each bad variable and what
 * it should look like, before it answers a single request (instrumentation-node.ts).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { appEnvForLocalnet } from '@/scripts/lib/app-env';
import { appServerCommand } from '@/scripts/lib/app-server';
import { e2eConfig } from '@/e2e/wallet/helpers';

const ROOT = path.resolve(__dirname, '..');

function startWith(overrides: Record<string, string>): { status: number | null; output: string } {
  const env = { ...process.env, ...appEnvForLocalnet(e2eConfig(), { appUrl: 'http://localhost:3999', databaseUrl: 'memory://' }), ...overrides };
  const server = appServerCommand(3999, env);
  const result = spawnSync(server.command, server.args, { cwd: ROOT, env: server.env, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test('a malformed variable stops the server with a message naming it', () => {
  const { status, output } = startWith({ MIGRATION_RATIO: 'six', TREASURY_TOKEN_ACCOUNT: 'not-an-address' });
  expect(status).toBe(1);
  expect(output).toContain('Invalid configuration (see .env.example)');
  expect(output).toContain('MIGRATION_RATIO must be a positive integer (ELIZAOS per AI16Z), e.g. 6');
  expect(output).toContain('TREASURY_TOKEN_ACCOUNT must be');
});

test('a mint that differs from the chain stops the server with a message naming it', () => {
  const { status, output } = startWith({ ELIZAOS_DECIMALS: '6' });
  expect(status).toBe(1);
  expect(output).toContain('The chain does not match the configuration');
  expect(output).toMatch(/ELIZAOS_DECIMALS: the mint \w+ has 9 decimals, but 6 are configured/);
});
