import { describe, expect, it } from 'vitest';
import { checkIncidentLink } from '@/lib/status/incident-link';

const hosts = ['x.com', 'github.com', 'migrate.example.org'];

describe('checkIncidentLink', () => {
  it.each([
    ['https://x.com/elizaos/status/1', 'https://x.com/elizaos/status/1'],
    ['  https://GitHub.com/elizaos  ', 'https://github.com/elizaos'],
    ['https://migrate.example.org/status', 'https://migrate.example.org/status'],
  ])('accepts %s', (input, normalised) => {
    expect(checkIncidentLink(input, hosts)).toEqual({ ok: true, url: normalised });
  });

  it.each([
    ['http (not https)', 'http://x.com/a'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a host not on the list', 'https://evil.example/x'],
    ['a look-alike host', 'https://x.com.evil.example/'],
    ['a subdomain not listed', 'https://gist.github.com/x'],
    ['credentials in the URL', 'https://x.com@evil.example/'],
    ['user info on an allowed host', 'https://user:pass@x.com/'],
    ['a port', 'https://x.com:8443/'],
    ['not a URL', 'x.com/elizaos'],
    ['an over-long URL', `https://x.com/${'a'.repeat(600)}`],
  ])('refuses %s', (_name, input) => {
    expect(checkIncidentLink(input, hosts).ok).toBe(false);
  });
});
