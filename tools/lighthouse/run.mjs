/**
 * `npm run lighthouse -- [--url http://127.0.0.1:3000] [--pages /,/status,/faq] [--runs 1] [--throttling simulate|devtools] [--assert]`:
 * Lighthouse (mobile: its default emulation and simulated throttling) against a running portal
 * (`npm run demo`, or the e2e stack), one line per page with performance, accessibility, best
 * practices and SEO, plus the metrics behind performance (FCP, LCP, TBT, CLS, SI) and the
 * machine's load average, which inflates TBT. Chromium: `CHROME_PATH`, else /usr/bin/chromium.
 * With `--runs N` each page is measured N times and the medians are printed (each score and each
 * metric on its own). A run Lighthouse itself fails (NO_NAVSTART and the like, seen on a loaded
 * machine) is retried twice.
 * `--throttling devtools` throttles for real instead (Lighthouse's `throttlingMethod`: the same 4×
 * CPU and 150 ms / 1.6 Mbps network applied while the page loads, not simulated afterwards), so
 * the page's own timings are throttled too: the line then gives "picker ready", the median of
 * the `wallet-picker-ready` mark `/migrate` sets once its wallet list can be clicked
 * (components/wallet/shell-picker.tsx). Under simulation that mark is the unthrottled moment.
 * `--assert` exits 1 below the bar README "Commands" states (performance ≥ 95, accessibility and best
 * practices 100). Plain Node, not tsx: tsx's keep-names helper (`__name`) leaks into the functions
 * Lighthouse runs inside the page, which then throw "__name is not defined".
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
    pages: { type: 'string', default: '/,/status,/faq' },
    runs: { type: 'string', default: '1' },
    throttling: { type: 'string', default: 'simulate' },
    assert: { type: 'boolean', default: false },
  },
});
if (!['simulate', 'devtools'].includes(values.throttling)) {
  console.error('--throttling is simulate or devtools');
  process.exit(2);
}
/** The user-timing mark of `/migrate`'s wallet list (components/wallet/shell-picker.tsx PICKER_READY_MARK). */
const PICKER_READY_MARK = 'wallet-picker-ready';
const runs = Math.max(1, Number.parseInt(values.runs, 10) || 1);
const chromePath = process.env.CHROME_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
/** Lighthouse metric → the label printed, and how its numeric value is shown. */
const METRICS = {
  'first-contentful-paint': ['FCP', (v) => `${Math.round(v)} ms`],
  'largest-contentful-paint': ['LCP', (v) => `${Math.round(v)} ms`],
  'total-blocking-time': ['TBT', (v) => `${Math.round(v)} ms`],
  'cumulative-layout-shift': ['CLS', (v) => v.toFixed(3)],
  'speed-index': ['SI', (v) => `${Math.round(v)} ms`],
};
const RETRIES = 2;
const BAR = { performance: 95, accessibility: 100, 'best-practices': 100 };

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;

async function measure(url, port) {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES], throttlingMethod: values.throttling });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const scores = {};
  for (const c of CATEGORIES) scores[c] = Math.round((lhr.categories[c]?.score ?? 0) * 100);
  const metrics = {};
  for (const m of Object.keys(METRICS)) metrics[m] = lhr.audits[m]?.numericValue ?? Number.NaN;
  // Audits that cost points outside performance: what to fix.
  const failing = Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
    .map((a) => a.id);
  const mark = (lhr.audits['user-timings']?.details?.items ?? []).find((item) => item.name === PICKER_READY_MARK);
  return { scores, metrics, failing, pickerReady: mark ? mark.startTime : null };
}

async function measureWithRetries(url, port) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await measure(url, port);
    } catch (error) {
      if (attempt >= RETRIES) throw error;
      console.log(`${''.padEnd(16)} retrying: ${error instanceof Error ? error.message : error}`);
    }
  }
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function main() {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  let belowBar = false;
  try {
    console.log(`[lighthouse] ${values.url} · mobile (Lighthouse defaults, ${values.throttling} throttling) · ${runs} run(s) per page, median · Chromium ${chromePath ?? '(chrome-launcher default)'} · load average ${load()}`);
    for (const path of values.pages.split(',').map((p) => p.trim()).filter(Boolean)) {
      const url = new URL(path, values.url).toString();
      const all = [];
      for (let i = 0; i < runs; i++) all.push(await measureWithRetries(url, chrome.port));
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(all.map((r) => r.scores[c] ?? 0))]));
      const metrics = Object.entries(METRICS).map(([id, [label, show]]) => `${label} ${show(median(all.map((r) => r.metrics[id])))}`);
      const last = all[all.length - 1];
      const ready = all.map((r) => r.pickerReady).filter((v) => v !== null);
      const pickerReady = values.throttling === 'devtools' && ready.length > 0 ? `; picker ready ${Math.round(median(ready))} ms (runs ${ready.map(Math.round).join('/')})` : '';
      console.log(
        `${path.padEnd(16)} performance ${scores.performance}  accessibility ${scores.accessibility}  best-practices ${scores['best-practices']}  seo ${scores.seo}` +
          `  (runs: ${all.map((r) => r.scores.performance).join('/')}; median ${metrics.join(', ')}; TBT per run ${all.map((r) => Math.round(r.metrics['total-blocking-time'])).join('/')} ms${pickerReady}; load average ${load()})`,
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
