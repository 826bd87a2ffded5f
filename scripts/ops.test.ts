import { Keypair } from '@solana/web3.js';
import bs58 from 'bs58';
import { describe, expect, it } from 'vitest';
import { KeypairError, keypairFromText } from '@/scripts/lib/ops-client';
import { parseArgv, parseDurationMinutes, UsageError } from '@/scripts/ops';

describe('ops CLI arguments', () => {
  it('splits commands, options with values and flags', () => {
    const parsed = parseArgv(['--url', 'http://localhost:4100', '--localnet', 'incident', 'post', '--title', 'RPC slow', '--json', '--next-update-in=30m']);
    expect(parsed.positionals).toEqual(['incident', 'post']);
    expect(Object.fromEntries(parsed.options)).toEqual({ url: 'http://localhost:4100', localnet: true, title: 'RPC slow', json: true, 'next-update-in': '30m' });
  });

  it('takes a config file after --localnet only when it names a .json file', () => {
    expect(parseArgv(['--localnet', '.localnet/e2e/config.json', 'maintenance', 'off']).options.get('localnet')).toBe('.localnet/e2e/config.json');
    expect(parseArgv(['--localnet', 'maintenance', 'off']).positionals).toEqual(['maintenance', 'off']);
  });

  it('refuses an unknown option, a missing value and a flag given a value', () => {
    expect(() => parseArgv(['--localnet', 'maintenance', 'on', '--reasn', 'typo'])).toThrow(UsageError);
    expect(() => parseArgv(['--localnet', 'maintenance', 'on', '--reason'])).toThrow(/--reason/);
    expect(() => parseArgv(['--json=yes', 'whoami'])).toThrow(UsageError);
  });

  it('takes --localnet=FILE too', () => {
    expect(parseArgv(['--localnet=cfg.json', 'whoami']).options.get('localnet')).toBe('cfg.json');
  });

  it('reads durations', () => {
    expect(parseDurationMinutes('30m')).toBe(30);
    expect(parseDurationMinutes('2h')).toBe(120);
    expect(parseDurationMinutes('1d')).toBe(1_440);
    expect(parseDurationMinutes('90s')).toBe(2);
    expect(() => parseDurationMinutes('soon')).toThrow();
  });
});

describe('keypair files', () => {
  const keypair = Keypair.generate();
  it('reads a Solana CLI JSON byte array and a base58 secret key', () => {
    expect(keypairFromText(JSON.stringify(Array.from(keypair.secretKey)), 'f').publicKey).toBe(keypair.publicKey.toBase58());
    expect(keypairFromText(`${bs58.encode(keypair.secretKey)}\n`, 'f').publicKey).toBe(keypair.publicKey.toBase58());
  });

  it('refuses a file whose halves do not belong together, or of the wrong size', () => {
    const mixed = Uint8Array.from([...keypair.secretKey.subarray(0, 32), ...Keypair.generate().publicKey.toBytes()]);
    expect(() => keypairFromText(JSON.stringify(Array.from(mixed)), 'f')).toThrow(KeypairError);
    expect(() => keypairFromText(bs58.encode(keypair.publicKey.toBytes()), 'f')).toThrow(/64-byte/);
    expect(() => keypairFromText('not a key', 'f')).toThrow(KeypairError);
  });
});
