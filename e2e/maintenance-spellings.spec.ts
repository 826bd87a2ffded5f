/**
 * The kill switch against every spelling of the wallet-flow page. Next (with next-intl's locale
 * routing) serves `/migrate` for more than one spelling of its path: a percent-encoded letter
 * (`/%6Digrate`), a trailing space or control character (`/migrate%20`, `/migrate%09`), a tab or
 * newline inside it, an encoded locale (`/%6B%6F/migrate`). While the flow is stopped, each of them
 * must answer what `/migrate` answers (503 and the maintenance page), never the wallet flow.
 */
import { expect, test } from '@playwright/test';
import { E2E_APP_URL } from '@/e2e/harness/ports';
import { opsApi } from '@/e2e/ops/helpers';

const WORD = 'migrate';
const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(2, '0');

/**
 * Spellings of `/migrate` and `/ko/migrate`: each letter percent-encoded (upper- and lower-case
 * hex), the whole word encoded, a trailing space or C0 control (the URL parser strips them when
 * next-intl rebuilds the URL), a tab, CR or LF inside the word (removed by the same parser), an
 * encoded locale, and a few that Next does not route to the page (which must not answer 200 either).
 */
function spellings(): string[] {
  const words = new Set<string>();
  for (let i = 0; i < WORD.length; i++) {
    const letter = WORD[i] ?? '';
    words.add(`${WORD.slice(0, i)}%${hex(letter).toUpperCase()}${WORD.slice(i + 1)}`);
    words.add(`${WORD.slice(0, i)}%${hex(letter)}${WORD.slice(i + 1)}`);
  }
  words.add([...WORD].map((c) => `%${hex(c)}`).join(''));
  for (const tail of ['%20', '%09', '%0A', '%0D', '%00', '%01', '%0B', '%0C', '%1F', '%20%20', '%09%20']) words.add(`${WORD}${tail}`);
  for (const inner of ['%09', '%0A', '%0D']) words.add(`mi${inner}grate`);
  words.add('%6Digrate%20');
  const paths = new Set<string>();
  for (const word of words) for (const prefix of ['', '/ko', '/en-US', '/%6B%6F', '/k%6F']) paths.add(`${prefix}/${word}`);
  for (const path of ['/%6B%6F/migrate', '/ko%09/migrate', '/MIGRATE', '/migrate%3B', '/migrate%2F', '/./%6Digrate', '/x/%2e%2e/%6Digrate']) paths.add(path);
  return [...paths];
}

test.describe.configure({ mode: 'serial' });

test.afterAll(async () => {
  await (await opsApi()).post('/api/v1/ops/maintenance', { on: false });
});

test('while stopped, every spelling of /migrate that Next serves answers 503 with the maintenance page', async ({ request }) => {
  test.setTimeout(120_000);
  const paths = spellings();
  // Node's fetch: no cookie jar (a NEXT_LOCALE cookie from a /ko spelling would turn the next
  // unprefixed one into a redirect), no redirects followed, and the path sent as written.
  const answer = async (path: string) => {
    const response = await fetch(`${E2E_APP_URL}${path}`, { redirect: 'manual' });
    const body = await response.text();
    return { status: response.status, flow: /<h1[^>]*>(Migrate AI16Z to ELIZAOS|AI16Z를 ELIZAOS로 전환하기)</.test(body) };
  };

  // Open: which spellings reach the wallet-flow page at all (the test means something only if some do).
  const served: string[] = [];
  for (const path of paths) if ((await answer(path)).status === 200) served.push(path);
  console.log(`[spellings] ${served.length} of ${paths.length} spellings serve the wallet-flow page while open: ${served.join(' ')}`);
  expect(served.length).toBeGreaterThan(5);

  const ops = await opsApi();
  await ops.post('/api/v1/ops/maintenance', { on: true, reason: 'Spellings drill' });
  await expect.poll(async () => (await request.get('/migrate')).status(), { timeout: 5_000 }).toBe(503);

  const leaks: string[] = [];
  for (const path of paths) {
    const { status, flow } = await answer(path);
    // Each spelling that Next serves as a page answers the maintenance page; the others stay a
    // redirect or an error, and none of them is the wallet flow.
    if (status === 200 || flow || (served.includes(path) && status !== 503)) leaks.push(`${path} → ${status}${flow ? ' (wallet flow)' : ''}`);
  }
  expect(leaks, 'spellings that escape the kill switch').toEqual([]);
  const encoded = await fetch(`${E2E_APP_URL}/%6Digrate`, { redirect: 'manual' });
  expect(encoded.status).toBe(503);
  expect(encoded.headers.get('retry-after')).toBe('300');
  expect(await encoded.text()).toContain('Spellings drill');
  const korean = await fetch(`${E2E_APP_URL}/%6B%6F/mi%67rate`, { redirect: 'manual' });
  expect(korean.status).toBe(503);
  expect(await korean.text()).toContain('전환이 일시 중단되었습니다');
});
