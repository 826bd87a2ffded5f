import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { ScriptIntegrityPlugin, type SriAlgorithm } from './build/sri-plugin';

const SRI_ALGORITHM: SriAlgorithm = 'sha384';
const CROSS_ORIGIN = 'anonymous';

/** The parts of webpack's configuration object this file changes (Next types it `any`). */
type WebpackConfig = { plugins: unknown[]; output: { crossOriginLoading?: string | false } };

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // server.ts compresses (the `compression` package, outside its script remover); `npm run dev`
  // goes uncompressed.
  compress: false,
  // No streaming metadata: every page arrives whole, with its <head> in place, and without the
  // extra inline scripts that move streamed tags (React's $RC/$RV runtime, Next's icon mover),
  // so `npm run verify` can insist that every inline script is Next's own data payload.
  // https://nextjs.org/docs/app/api-reference/config/next-config-js/htmlLimitedBots
  htmlLimitedBots: /.*/,
  // `npm test` runs ESLint and tsc over the whole repository first; a second pass inside every
  // `next build` (demo, e2e) would only repeat it.
  eslint: { ignoreDuringBuilds: true },
  typescript: { ignoreBuildErrors: true },
  // Build with webpack (`next build`, not --turbopack): Subresource Integrity needs it on 15.5.
  experimental: { sri: { algorithm: SRI_ALGORITHM } },
  crossOrigin: CROSS_ORIGIN,
  // Server-only packages that must not be bundled: native addon / WASM with files beside it; the
  // logger and the metrics registry, which server.ts shares with the route handlers (one instance
  // per process); bigint-buffer, loaded once instead of once per bundle (lib/observability/quiet-start.ts).
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'pino', 'prom-client', 'bigint-buffer'],
  webpack(config: WebpackConfig, { webpack, isServer, dev, nextRuntime }) {
    // `experimental.sri` covers only the scripts Next renders itself; the plugin gives the route
    // chunks and every lazily loaded chunk an integrity too (build/sri-plugin.ts). Client
    // compilation of production builds only: the server and edge bundles are never sent to a
    // browser, and `next dev` hot updates carry no hashes.
    if (!isServer && nextRuntime === undefined && !dev) {
      config.output.crossOriginLoading = CROSS_ORIGIN;
      config.plugins.push(new ScriptIntegrityPlugin(webpack, { algorithm: SRI_ALGORITHM, crossOrigin: CROSS_ORIGIN }));
    }
    return config;
  },
};

// next-intl: the per-request locale and messages (lib/i18n/request.ts).
const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

export default withNextIntl(nextConfig);
