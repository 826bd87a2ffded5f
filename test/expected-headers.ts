/**
 * The security headers every answer must carry, as the tests expect them (DESIGN.md "Components":
 * CSP nonce + security headers): written here once for the unit test of lib/security/headers.ts
 * and the e2e check of the running server, and not taken from the module they test.
 */
export const EXPECTED_COMMON_HEADERS = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
};
