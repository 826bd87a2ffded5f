import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { writeFileSync } from 'node:fs';
const url = process.argv[2]; const out = process.argv[3];
const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const r = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
  writeFileSync(out, r.report);
  const a = r.lhr.audits;
  console.log('perf', r.lhr.categories.performance.score, 'TBT', a['total-blocking-time'].numericValue, 'CLS', a['cumulative-layout-shift'].numericValue, 'TTI', a['interactive']?.numericValue);
  for (const i of a['bootup-time'].details.items.slice(0, 8)) console.log('bootup', i.url, Math.round(i.total), Math.round(i.scripting), Math.round(i.scriptParseCompile));
  for (const i of (a['long-tasks']?.details?.items ?? []).slice(0, 12)) console.log('long', i.url, Math.round(i.startTime), Math.round(i.duration));
  for (const i of (a['layout-shifts']?.details?.items ?? []).slice(0, 5)) console.log('shift', JSON.stringify(i.node?.snippet ?? i.node?.selector), i.score);
  for (const i of (a['network-requests']?.details?.items ?? [])) if (i.resourceType==='Script') console.log('script', i.url.slice(-60), i.transferSize);
} finally { await chrome.kill(); }
