import { describe, expect, it, vi } from 'vitest';
import {
  buildApiCsp,
  buildPageCsp,
  createNonce,
  CSP_REPORT_MAX_BYTES,
  parseSecurityReports,
  readBodyUpTo,
  isSecureRequest,
  violationLogLine,
} from '@/lib/security/csp';
import { MWA_STYLE_ATTRIBUTE_HASHES, MWA_STYLE_ELEMENT_HASHES } from '@/lib/security/mwa-styles';

/** Directive name → its source list, from a serialized policy. */
function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('createNonce', () => {
  it('is base64 of 16 random bytes, different every call', () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => createNonce()));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
    }
  });

  it('takes its bytes from the Web Crypto CSPRNG', () => {
    const spy = vi.spyOn(crypto, 'getRandomValues');
    createNonce();
    expect(spy).toHaveBeenCalledOnce();
    spy.mockRestore();
  });
});

describe('buildPageCsp', () => {
  const nonce = 'cPafi1WdcJCpYI+HVWDWTQ==';

  it('is the exact production policy', () => {
    expect(buildPageCsp({ nonce, development: false, secure: true })).toBe(
      "default-src 'self'; script-src 'self' 'nonce-cPafi1WdcJCpYI+HVWDWTQ==' 'strict-dynamic'; " +
        "style-src 'self' 'nonce-cPafi1WdcJCpYI+HVWDWTQ=='; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests; " +
        'report-uri /api/v1/csp-report; report-to csp',
    );
  });

  it('over plain http: no upgrade-insecure-requests, and report-uri alone (Chromium drops report-to there)', () => {
    const d = directives(buildPageCsp({ nonce, development: false, secure: false }));
    expect(d.has('upgrade-insecure-requests')).toBe(false);
    expect(d.has('report-to')).toBe(false);
    expect(d.get('report-uri')).toEqual(['/api/v1/csp-report']);
  });

  it('never allows inline code or styles without the nonce, nor eval in production', () => {
    const policy = buildPageCsp({ nonce, development: false, secure: false });
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toContain('*');
    expect(policy).not.toMatch(/https?:/);
    const d = directives(policy);
    expect(d.get('script-src')).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(d.get('style-src')).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
  });

  it("relaxes only for next dev: 'unsafe-eval' for scripts, inline <style> elements without the nonce", () => {
    const d = directives(buildPageCsp({ nonce, development: true, secure: false }));
    expect(d.get('script-src')).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", "'unsafe-eval'"]);
    // With a nonce in the list browsers ignore 'unsafe-inline', so dev must not send one.
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('refuses a nonce that could inject directives', () => {
    expect(() => buildPageCsp({ nonce: "abc'; script-src *", development: false, secure: true })).toThrow(/base64/);
    expect(() => buildPageCsp({ nonce: '', development: false, secure: true })).toThrow(/base64/);
  });
});

describe('buildPageCsp on the wallet-flow pages (Mobile Wallet Adapter)', () => {
  const nonce = 'cPafi1WdcJCpYI+HVWDWTQ==';
  const plain = directives(buildPageCsp({ nonce, development: false, secure: true }));
  const flow = directives(buildPageCsp({ nonce, development: false, secure: true, walletFlow: true }));

  it("adds exactly ws://localhost:* to connect-src, and nothing else to it", () => {
    expect(flow.get('connect-src')).toEqual(["'self'", 'ws://localhost:*']);
    expect(plain.get('connect-src')).toEqual(["'self'"]);
  });

  it("adds only hashes to style-src (MWA's dialog styles): no 'unsafe-inline', no host", () => {
    const added = (flow.get('style-src') ?? []).filter((source) => !(plain.get('style-src') ?? []).includes(source));
    expect(added).toEqual([...MWA_STYLE_ELEMENT_HASHES, "'unsafe-hashes'", ...MWA_STYLE_ATTRIBUTE_HASHES]);
    for (const source of added) expect(source).toMatch(/^'(sha256-[A-Za-z0-9+/]{43}=|unsafe-hashes)'$/);
  });

  it('changes no other directive', () => {
    for (const [name, values] of plain) if (name !== 'connect-src' && name !== 'style-src') expect(flow.get(name)).toEqual(values);
    expect([...flow.keys()]).toEqual([...plain.keys()]);
  });

  it("in next dev keeps 'unsafe-inline' working for styles (a hash would switch it off)", () => {
    const dev = directives(buildPageCsp({ nonce, development: true, secure: false, walletFlow: true }));
    expect(dev.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:*']);
  });
});

describe('buildApiCsp', () => {
  it('lets JSON answers load nothing and be framed nowhere', () => {
    const d = directives(buildApiCsp());
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
  });
});

describe('isSecureRequest', () => {
  it('is true for https, directly or behind a TLS proxy', () => {
    expect(isSecureRequest(new URL('https://migrate.example.org/'), null)).toBe(true);
    expect(isSecureRequest(new URL('http://10.0.0.5:3000/'), 'https')).toBe(true);
    expect(isSecureRequest(new URL('http://10.0.0.5:3000/'), 'HTTPS, http')).toBe(true);
  });

  it('is false for plain http, loopback or not', () => {
    expect(isSecureRequest(new URL('http://localhost:3100/'), null)).toBe(false);
    expect(isSecureRequest(new URL('http://192.0.2.2:3000/'), 'http')).toBe(false);
  });
});

describe('parseSecurityReports', () => {
  const legacy = {
    'csp-report': {
      'document-uri': 'https://migrate.example.org/migrate',
      referrer: '',
      'violated-directive': 'script-src-elem',
      'effective-directive': 'script-src-elem',
      'original-policy': "default-src 'self'; script-src 'nonce-abc'",
      disposition: 'enforce',
      'blocked-uri': 'https://evil.example/x.js',
      'line-number': 12,
      'column-number': 3,
      'source-file': 'https://migrate.example.org/migrate',
      'status-code': 200,
      'script-sample': '',
    },
  };

  it('reads a report-uri body (application/csp-report)', () => {
    const parsed = parseSecurityReports('application/csp-report', JSON.stringify(legacy));
    expect(parsed).toEqual({
      ok: true,
      ignored: 0,
      violations: [
        {
          kind: 'csp',
          documentUrl: 'https://migrate.example.org/migrate',
          blockedUrl: 'https://evil.example/x.js',
          directive: 'script-src-elem',
          disposition: 'enforce',
          sourceFile: 'https://migrate.example.org/migrate',
          line: 12,
          column: 3,
          sample: null,
        },
      ],
    });
  });

  it('reads a Reporting API batch with CSP and integrity violations, ignoring other types', () => {
    const batch = [
      {
        type: 'csp-violation',
        age: 10,
        url: 'https://migrate.example.org/',
        user_agent: 'x',
        body: { documentURL: 'https://migrate.example.org/', blockedURL: 'inline', effectiveDirective: 'style-src-attr', disposition: 'enforce', sample: 'color:red', lineNumber: 1, columnNumber: 2 },
      },
      { type: 'integrity-violation', body: { documentURL: 'https://migrate.example.org/', blockedURL: 'https://migrate.example.org/a.js', destination: 'script', reportOnly: false } },
      { type: 'deprecation', body: { id: 'x' } },
      'junk',
    ];
    const parsed = parseSecurityReports('application/reports+json; charset=utf-8', JSON.stringify(batch));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.ignored).toBe(2);
    expect(parsed.violations.map((v) => [v.kind, v.directive, v.blockedUrl, v.disposition])).toEqual([
      ['csp', 'style-src-attr', 'inline', 'enforce'],
      ['integrity', 'script', 'https://migrate.example.org/a.js', 'enforce'],
    ]);
  });

  it('truncates long fields and drops non-string or negative values', () => {
    const long = 'a'.repeat(5000);
    const parsed = parseSecurityReports(
      'application/csp-report',
      JSON.stringify({ 'csp-report': { 'blocked-uri': long, 'line-number': -1, 'column-number': 1.5, 'document-uri': 42 } }),
    );
    expect(parsed.ok && parsed.violations[0]).toMatchObject({ blockedUrl: 'a'.repeat(512), line: null, column: null, documentUrl: null });
  });

  it.each([
    ['application/json', JSON.stringify(legacy)],
    [null, JSON.stringify(legacy)],
    ['application/csp-report', '{not json'],
    ['application/csp-report', '[]'],
    ['application/csp-report', 'null'],
    ['application/csp-report', '{"csp-report": "x"}'],
    ['application/reports+json', '{}'],
    ['application/reports+json', JSON.stringify(Array.from({ length: 51 }, () => ({})))],
  ])('answers junk (%s, %s) with a reason and never throws', (contentType, body) => {
    const parsed = parseSecurityReports(contentType, body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason.length).toBeGreaterThan(0);
  });
});

describe('violationLogLine', () => {
  it('is one line of JSON', () => {
    const line = violationLogLine({
      kind: 'csp',
      documentUrl: 'https://x/\nforged log line',
      blockedUrl: null,
      directive: 'script-src-elem',
      disposition: 'enforce',
      sourceFile: null,
      line: null,
      column: null,
      sample: null,
    });
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toMatchObject({ event: 'security-violation', kind: 'csp', documentUrl: 'https://x/\nforged log line' });
  });
});

describe('readBodyUpTo', () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request('http://localhost/api/v1/csp-report', { method: 'POST', body, headers });

  it('reads a body within the limit', async () => {
    expect(await readBodyUpTo(post('{"a":1}'), CSP_REPORT_MAX_BYTES)).toBe('{"a":1}');
  });

  it('refuses a declared oversize body without reading it', async () => {
    expect(await readBodyUpTo(post('x', { 'content-length': String(CSP_REPORT_MAX_BYTES + 1) }), CSP_REPORT_MAX_BYTES)).toBeNull();
  });

  it('stops reading an undeclared stream as soon as it passes the limit', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const request = new Request('http://localhost/', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(await readBodyUpTo(request, CSP_REPORT_MAX_BYTES)).toBeNull();
    expect(pulled).toBeLessThan(12);
  });

  it('counts bytes, not characters', async () => {
    expect(await readBodyUpTo(post('é'.repeat(5)), 10)).toBe('é'.repeat(5));
    expect(await readBodyUpTo(post('é'.repeat(6)), 10)).toBeNull();
  });
});
