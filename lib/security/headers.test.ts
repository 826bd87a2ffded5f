import { describe, expect, it } from 'vitest';
import { apiSecurityHeaders, isApiPath, pageSecurityHeaders, PERMISSIONS_POLICY } from '@/lib/security/headers';
import { EXPECTED_COMMON_HEADERS } from '@/test/expected-headers';

const csp = "default-src 'self'";

function asObject(entries: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  const names = entries.map(([name]) => name.toLowerCase());
  expect(new Set(names).size).toBe(names.length);
  return Object.fromEntries(entries.map(([name, value]) => [name.toLowerCase(), value]));
}

describe('pageSecurityHeaders', () => {
  it('carries the page CSP, its reporting endpoint and every common header', () => {
    const h = asObject(pageSecurityHeaders({ csp, enforceScriptIntegrity: true, secure: true }));
    expect(h).toMatchObject(EXPECTED_COMMON_HEADERS);
    expect(h['content-security-policy']).toBe(csp);
    expect(h['reporting-endpoints']).toBe('csp="/api/v1/csp-report"');
    expect(h['integrity-policy']).toBe('blocked-destinations=(script), endpoints=(csp)');
    expect(h['permissions-policy']).toBe(PERMISSIONS_POLICY);
    expect(h['cache-control']).toMatch(/^no-store\b/);
  });

  it('leaves Integrity-Policy out when the build cannot honour it (next dev)', () => {
    expect(asObject(pageSecurityHeaders({ csp, enforceScriptIntegrity: false, secure: true }))).not.toHaveProperty('integrity-policy');
  });

  it('over plain http declares no Reporting API endpoint (Chromium delivers nothing there)', () => {
    const h = asObject(pageSecurityHeaders({ csp, enforceScriptIntegrity: true, secure: false }));
    expect(h).not.toHaveProperty('reporting-endpoints');
    expect(h['integrity-policy']).toBe('blocked-destinations=(script)');
    expect(h).toMatchObject(EXPECTED_COMMON_HEADERS);
  });
});

describe('apiSecurityHeaders', () => {
  it('gives API answers a load-nothing CSP, no-store and every common header', () => {
    const h = asObject(apiSecurityHeaders());
    expect(h).toMatchObject(EXPECTED_COMMON_HEADERS);
    expect(h['content-security-policy']).toMatch(/^default-src 'none';.*frame-ancestors 'none'/);
    expect(h['cache-control']).toMatch(/^no-store\b/);
  });
});

describe('PERMISSIONS_POLICY', () => {
  const entries = new Map(PERMISSIONS_POLICY.split(', ').map((e) => e.split('=') as [string, string]));

  it('keeps WebHID and WebUSB for this origin only (Ledger)', () => {
    expect(entries.get('hid')).toBe('(self)');
    expect(entries.get('usb')).toBe('(self)');
  });

  it('denies every other feature to everyone', () => {
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'serial', 'display-capture', 'publickey-credentials-get']) {
      expect(entries.get(feature)).toBe('()');
    }
    const allowed = [...entries].filter(([, allowlist]) => allowlist !== '()').map(([feature]) => feature);
    expect(allowed.sort()).toEqual(['hid', 'usb']);
  });

  it('is valid structured-field syntax', () => {
    for (const [feature, allowlist] of entries) {
      expect(feature).toMatch(/^[a-z][a-z-]*$/);
      expect(allowlist).toMatch(/^\((self)?\)$/);
    }
  });
});

describe('isApiPath', () => {
  it.each([
    ['/api/v1/status', true],
    ['/api', true],
    ['/api/', true],
    ['/apis', false],
    ['/migrate', false],
    ['/.well-known/migration-manifest.json', true],
    ['/.well-knownx', false],
    ['/', false],
  ])('%s → %s', (path, expected) => {
    expect(isApiPath(path)).toBe(expected);
  });
});
