import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Build with webpack (`next build`, not --turbopack): Subresource Integrity needs it on 15.5.
  experimental: { sri: { algorithm: 'sha384' } },
  crossOrigin: 'anonymous',
  // Server-only packages that must not be bundled (native addon / WASM with files beside it).
  serverExternalPackages: ['@electric-sql/pglite', 'pg'],
};

export default nextConfig;
