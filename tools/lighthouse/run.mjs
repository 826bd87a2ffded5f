/**
 * `npm run lighthouse -- [--url http://127.0.0.1:3000] [--pages /,/status,/faq] [--runs 1] [--assert]`:
 * Lighthouse (mobile: its default emulation and simulated throttling) against a running portal
 * (`npm run demo`, or the e2e stack), one line per page with performance, accessibility, best
 * practices and SEO, plus the metrics behind performance. Chromium: `CHROME_PATH`, else
 * /usr/bin/chromium. With `--runs N` each page is measured N times and the median is printed.
 * `--assert` exits 1 below the bar the issue sets (performance ≥ 95, accessibility and best
 * practices 100). Plain Node, not tsx: tsx's keep-names helper (`__name`) leaks into the functions
 * Lighthouse runs inside the page, which then throw "__name is not defined".
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
    pages: { type: 'string', default: '/,/status,/faq' },
    runs: { type: 'string', default: '1' },
    assert: { type: 'boolean', default: false },
  },
});
const runs = Math.max(1, Number.parseInt(values.runs, 10) || 1);
const chromePath = process.env.CHROME_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];
const BAR = { performance: 95, accessibility: 100, 'best-practices': 100 };

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;

async function measure(url, port) {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const scores = {};
  for (const c of CATEGORIES) scores[c] = Math.round((lhr.categories[c]?.score ?? 0) * 100);
  const metrics = {};
  for (const m of METRICS) metrics[m] = lhr.audits[m]?.displayValue ?? '?';
  // Audits that cost points outside performance: what to fix.
  const failing = Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
    .map((a) => a.id);
  return { scores, metrics, failing };
}

async function main() {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  let belowBar = false;
  try {
    console.log(`[lighthouse] ${values.url} · mobile (Lighthouse defaults) · ${runs} run(s) per page, median · Chromium ${chromePath ?? '(chrome-launcher default)'}`);
    for (const path of values.pages.split(',').map((p) => p.trim()).filter(Boolean)) {
      const url = new URL(path, values.url).toString();
      const all = [];
      for (let i = 0; i < runs; i++) all.push(await measure(url, chrome.port));
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(all.map((r) => r.scores[c] ?? 0))]));
      const last = all[all.length - 1];
      console.log(
        `${path.padEnd(16)} performance ${scores.performance}  accessibility ${scores.accessibility}  best-practices ${scores['best-practices']}  seo ${scores.seo}` +
          `  (runs: ${all.map((r) => r.scores.performance).join('/')}; ${METRICS.map((m) => `${m.replace(/-/g, ' ')} ${last?.metrics[m]}`).join(', ')})`,
      );
      if (last && last.failing.length > 0) console.log(`${''.padEnd(16)} failing audits: ${last.failing.join(', ')}`);
      for (const [category, min] of Object.entries(BAR)) if ((scores[category] ?? 0) < min) belowBar = true;
    }
  } finally {
    await chrome.kill();
  }
  if (values.assert && belowBar) {
    console.error(`[lighthouse] below the bar (performance ≥ ${BAR.performance}, accessibility ${BAR.accessibility}, best practices ${BAR['best-practices']})`);
    process.exit(1);
  }
}

void main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
