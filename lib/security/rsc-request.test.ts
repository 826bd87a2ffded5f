import { describe, expect, it } from 'vitest';
import { routerStateError } from '@/lib/security/rsc-request';

const tree = (value: unknown) => encodeURIComponent(JSON.stringify(value));

describe('routerStateError', () => {
  it('refuses what Next cannot parse, on RSC requests', () => {
    for (const state of ['x', '%ZZ', tree([]), tree({ children: 1 }), tree(['', {}, null, 'bogus']), tree([['p', 'v', 'x'], {}]), `${'['.repeat(50)}${']'.repeat(50)}`]) {
      const error = routerStateError(new Headers({ rsc: '1', 'next-router-state-tree': state }));
      expect(error?.code, state).toBe('BAD_REQUEST');
      expect(error?.status).toBe(400);
      expect(error?.details).toEqual({ header: 'Next-Router-State-Tree' });
    }
  });

  it('passes a state Next can parse, and any request that is not an RSC request', () => {
    for (const state of [tree(['', {}]), tree(['', { children: ['__PAGE__', {}] }, null, null, true]), tree([['locale', 'ko', 'd'], { children: ['migrate', {}] }, '/ko/migrate', 'refetch'])]) {
      expect(routerStateError(new Headers({ rsc: '1', 'next-router-state-tree': state }))).toBeNull();
    }
    expect(routerStateError(new Headers({ rsc: '1' }))).toBeNull();
    expect(routerStateError(new Headers({ 'next-router-state-tree': 'x' }))).toBeNull();
    expect(routerStateError(new Headers({ rsc: '0', 'next-router-state-tree': 'x' }))).toBeNull();
  });
});
