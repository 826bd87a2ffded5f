import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_ROUTES, routeLabel } from '@/lib/observability/metrics';

/** Every `app/**\/route.ts` as a route template (`[param]` → `:id`). */
function routeTemplates(): string[] {
  const root = path.join(process.cwd(), 'app');
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => path.basename(file) === 'route.ts')
    .map((file) => `/${path.dirname(file).split(path.sep).join('/')}`.replace(/\[[^\]]+\]/g, ':id'));
}

describe('route labels', () => {
  it('API_ROUTES lists every route handler of app/', () => {
    const templates = routeTemplates();
    expect(templates.length).toBeGreaterThan(30);
    expect([...templates].sort()).toEqual([...API_ROUTES].sort());
  });

  it('deposit paths get their templates, never the raw signature', () => {
    const signature = '5'.repeat(88);
    expect(routeLabel(`/api/v1/deposits/${signature}`)).toBe('/api/v1/deposits/:id');
    expect(routeLabel('/api/v1/deposits')).toBe('/api/v1/deposits');
    expect(routeLabel(`/ko/deposit/${signature}`)).toBe('page:/deposit/:id');
    expect(routeLabel('/api/v1/ops/deposits/abc/refund/submit')).toBe('/api/v1/ops/deposits/:id/refund/submit');
  });
});
