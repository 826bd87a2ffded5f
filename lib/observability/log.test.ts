/**
 * The one logger in a fresh process each time (its level and destination are fixed when it is
 * first used): a server writes JSON lines to stdout with the request id; a command-line tool
 * (logForCommandLine) keeps stdout for its answer and logs warnings and worse to stderr.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function run(code: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const lines = (text: string) =>
    text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { stdout: result.stdout, stderr: result.stderr, out: () => lines(result.stdout), err: () => lines(result.stderr) };
}

const IMPORT = "const m = await import('./lib/observability/log.ts'); const { log, logForCommandLine, withRequestContext } = m.default ?? m;";

describe('the logger', () => {
  it('server: one JSON line per event on stdout, with the request id, the level by name, and secrets redacted', () => {
    const r = run(`${IMPORT}
      withRequestContext({ requestId: 'req-1' }, () => log('migration').info({ event: 'migration.submitted', id: 'm1', wallet: 'W', signature: 'S', secretKey: 'KEY', body: 'ticket text' }, 'co-signed'));
      log('server').debug({ event: 'hidden' }, 'below info');`);
    expect(r.stderr).toBe('');
    const [line, ...rest] = r.out();
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ level: 'info', component: 'migration', requestId: 'req-1', event: 'migration.submitted', id: 'm1', wallet: 'W', signature: 'S', secretKey: '[redacted]', body: '[redacted]', msg: 'co-signed' });
    expect(typeof line?.time).toBe('string');
  });

  it('LOG_LEVEL sets the level', () => {
    expect(run(`${IMPORT} log('x').info({ event: 'a' }, 'a'); log('x').warn({ event: 'b' }, 'b');`, { LOG_LEVEL: 'warn' }).out().map((l) => l.event)).toEqual(['b']);
    expect(run(`${IMPORT} log('x').error({ event: 'a' }, 'a');`, { LOG_LEVEL: 'silent' }).stdout).toBe('');
  });

  it('command line: stdout stays the answer; warnings and worse go to stderr, info only when LOG_LEVEL asks', () => {
    const code = `${IMPORT} logForCommandLine(); log('db').info({ event: 'quiet' }, 'info'); log('db').warn({ event: 'loud' }, 'warn'); console.log('{"answer":1}');`;
    const tool = run(code);
    expect(JSON.parse(tool.stdout)).toEqual({ answer: 1 });
    expect(tool.err().map((l) => l.event)).toEqual(['loud']);
    expect(run(code, { LOG_LEVEL: 'info' }).err().map((l) => l.event)).toEqual(['quiet', 'loud']);
  });
});
