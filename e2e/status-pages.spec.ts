/**
 * The canonical status pages (README "Pages and languages", "Script-free status pages"), in both locales:
 * - an incident posted by the ops CLI appears in the banner of every public page, in /status, in
 *   the status JSON and in the Atom feed, in English and in Korean;
 * - every public page answers 200 with its `lang`, hreflang alternates and no untranslated text
 *   in Korean, has 0 axe-core violations, no horizontal overflow on a phone, and is screenshotted;
 * - the whole migration works with the keyboard alone.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { toUiString } from '@/lib/solana/amounts';
import { runOpsCli } from '@/e2e/ops/helpers';
import { axeViolations, horizontalOverflow, untranslatedLines } from '@/e2e/i18n';
import { apiEligibility, e2eConfig, gotoOpen, screenshot } from '@/e2e/wallet/helpers';
import { DEFAULT_TEST_WALLET_NAME, installTestWallet, readTestWallet } from '@/e2e/wallet/test-wallet';
import en from '@/messages/en.json';
import ko from '@/messages/ko.json';

test.describe.configure({ mode: 'serial' });

const LOCALES = ['en', 'ko'] as const;
type Locale = (typeof LOCALES)[number];
/** What shows a page with scripts has hydrated (components/ui/hydration-marker.tsx). */
const HYDRATED = 'html[data-hydrated="true"]';
/**
 * Public pages (unprefixed path → screenshot name, and what shows it is ready). The canonical
 * status pages carry no script (lib/http/script-free-pages.ts): loaded is ready. The others wait
 * for hydration; /migrate for its lazily loaded picker.
 */
const PAGES = [
  { path: '/', name: 'home' },
  { path: '/status', name: 'status' },
  { path: '/faq', name: 'faq' },
  { path: '/guides/ledger', name: 'ledger-guide' },
  { path: '/security', name: 'security' },
  { path: '/check', name: 'check', ready: HYDRATED },
  { path: '/migrate', name: 'migrate', ready: '[data-testid="wallet-picker"]' },
  { path: '/support', name: 'support', ready: HYDRATED },
  { path: '/maintenance', name: 'maintenance', ready: HYDRATED },
] as const;
const at = (locale: Locale, path: string) => (locale === 'en' ? path : path === '/' ? '/ko' : `/ko${path}`);

async function ready(page: Page, selector = 'main#content'): Promise<void> {
  await expect(page.locator(selector).first()).toBeAttached({ timeout: 30_000 });
}

/** The desktop exchange table: how far it overflows its box, and the exchange names broken over several lines. */
async function exchangeTableLayout(page: Page): Promise<{ overflow: number; wrappedNames: string[] }> {
  return page.getByTestId('exchange-table').evaluate((table) => {
    const box = table.parentElement ?? table;
    const wrappedNames = [...table.querySelectorAll('[data-testid="exchange-name"]')].filter((name) => {
      const range = document.createRange();
      range.selectNodeContents(name);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
    });
    return { overflow: box.scrollWidth - box.clientWidth, wrappedNames: wrappedNames.map((n) => n.textContent ?? '') };
  });
}

test('an incident posted with the CLI is in the banner of every page, in /status, the JSON and the Atom feed, in both languages', async ({ page, request }) => {
  test.setTimeout(240_000);
  const title = `Delayed confirmations ${Date.now()}`;
  const titleKo = '전환 확정 지연';
  const posted = await runOpsCli([
    'incident', 'post', '--severity', 'warning', '--title', title, '--title-ko', titleKo,
    '--body', 'Confirmations take longer than usual. Your allocation is safe.', '--body-ko', '확정이 평소보다 오래 걸리고 있습니다. 배정량은 안전합니다.',
    '--next-update-in', '30m', '--link', 'https://github.com/elizaos',
  ]);
  expect(posted.code, posted.stderr).toBe(0);
  const id = /incident posted: ([0-9a-f-]{36})/.exec(posted.stdout)?.[1] ?? '';
  expect(id).not.toBe('');
  try {
    for (const locale of LOCALES) {
      for (const p of PAGES) {
        const response = await page.goto(at(locale, p.path));
        expect(response?.status(), p.path).toBe(200);
        const item = page.getByTestId('incident-banner').getByTestId('incident-banner-item').filter({ hasText: locale === 'en' ? title : titleKo });
        await expect(item, `${locale} ${p.path}`).toHaveCount(1);
        await expect(item).toHaveAttribute('data-severity', 'warning');
        await expect(item.getByTestId('incident-banner-next')).toContainText(locale === 'en' ? 'Next update by' : '다음 업데이트');
        await expect(item.getByRole('link')).toHaveAttribute('href', `${at(locale, '/status')}#incident-${id}`);
      }
      await page.goto(at(locale, '/status'));
      const entry = page.locator(`#incident-${id}`);
      await expect(entry).toContainText(locale === 'en' ? title : titleKo);
      await expect(entry.getByTestId('incident-update')).toContainText(locale === 'en' ? 'Your allocation is safe.' : '배정량은 안전합니다.');
      await expect(entry.getByRole('link', { name: locale === 'en' ? 'More information' : '추가 정보' })).toHaveAttribute('href', 'https://github.com/elizaos');
      await page.screenshot({ path: `e2e/screenshots/${locale}-status-incident.png`, fullPage: true });
    }
    const status = (await (await request.get('/api/v1/status')).json()) as { incidents: { id: string; title: { en: string; ko: string | null } }[] };
    expect(status.incidents.find((i) => i.id === id)?.title).toEqual({ en: title, ko: titleKo });
    const atom = await (await request.get('/api/v1/status/incidents.atom')).text();
    expect(atom).toContain(`<id>urn:uuid:${id}</id>`);
    expect(atom).toContain(title);
    const atomKo = await (await request.get('/api/v1/status/incidents.atom?lang=ko')).text();
    expect(atomKo).toContain('xml:lang="ko"');
    expect(atomKo).toContain(`[warning] ${titleKo}`);
    expect(atomKo).toContain('배정량은 안전합니다.');
    const badLang = await request.get('/api/v1/status/incidents.atom?lang=fr');
    expect(badLang.status()).toBe(400);
    expect(((await badLang.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
  } finally {
    const resolved = await runOpsCli(['incident', 'resolve', id, '--body', 'Confirmations are back to normal.', '--body-ko', '확정 속도가 정상으로 돌아왔습니다.']);
    expect(resolved.code, resolved.stderr).toBe(0);
  }
  // Resolved: out of every banner, still in the history.
  await page.goto('/faq');
  await expect(page.getByTestId('incident-banner-item').filter({ hasText: title })).toHaveCount(0);
  await page.goto('/status');
  await expect(page.locator(`#incident-${id}`)).toHaveAttribute('data-state', 'resolved');
});

for (const locale of LOCALES) {
  test(`every public page in ${locale}: lang, hreflang, 0 axe violations, no overflow on a phone, translated, screenshotted`, async ({ browser, baseURL }) => {
    test.setTimeout(300_000);
    // axe-core needs pages of a context opened with browser.newContext().
    const browserLocale = locale === 'ko' ? 'ko-KR' : 'en-US';
    const desktopContext = await browser.newContext({ baseURL, locale: browserLocale });
    const phoneContext = await browser.newContext({ baseURL, viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, locale: browserLocale });
    const desktop = await desktopContext.newPage();
    const phone = await phoneContext.newPage();
    for (const p of PAGES) {
      const url = at(locale, p.path);
      const response = await gotoOpen(desktop, url);
      expect(response?.status(), url).toBe(200);
      await ready(desktop, 'ready' in p ? p.ready : undefined);
      await expect(desktop.locator('html')).toHaveAttribute('lang', locale);
      await expect(desktop.locator('link[rel="alternate"][hreflang="ko"]')).toHaveAttribute('href', new RegExp(`${at('ko', p.path).replace(/\//g, '\\/')}$`));
      await expect(desktop.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute('href', new RegExp(`${(p.path === '/' ? '' : p.path).replace(/\//g, '\\/')}/?$`));
      expect(await axeViolations(desktop), `axe on ${url}`).toEqual([]);
      if (locale === 'ko') expect(await untranslatedLines(desktop), `untranslated text on ${url}`).toEqual([]);
      if (p.path === '/status') expect(await exchangeTableLayout(desktop), `exchange table on ${url}`).toEqual({ overflow: 0, wrappedNames: [] });
      await desktop.screenshot({ path: `e2e/screenshots/${locale}-${p.name}.png`, fullPage: true });

      await gotoOpen(phone, url);
      await ready(phone, 'ready' in p ? p.ready : undefined);
      expect(await horizontalOverflow(phone), `horizontal overflow on a phone at ${url}`).toBe(0);
      await phone.screenshot({ path: `e2e/screenshots/${locale}-${p.name}-phone.png`, fullPage: true });
    }
    await desktopContext.close();
    await phoneContext.close();
  });
}

/** The page's address exactly (origin, then `path`): `/faq` must not match `/ko/faq`. */
const exactly = (path: string) => new RegExp(`^https?://[^/]+${path.replace(/\//g, '\\/')}$`);

/** The switch on a page that hydrates (Next's router is running) and, without JavaScript, on a script-free one. */
const SWITCH_CASES = [
  { javaScript: true, path: '/check', en: 'Is this transaction official?', ko: '이 트랜잭션은 공식 트랜잭션인가요?' },
  { javaScript: false, path: '/faq', en: 'Frequently asked questions', ko: '자주 묻는 질문' },
] as const;

for (const { javaScript, path, en, ko } of SWITCH_CASES) {
  test(`the language switcher keeps the page and remembers the choice (${path}, ${javaScript ? 'hydrated' : 'without JavaScript'})`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, javaScriptEnabled: javaScript });
    const page = await context.newPage();
    const localeCookie = async () => (await context.cookies()).find((c) => c.name === 'NEXT_LOCALE')?.value;
    await page.goto(path);
    if (javaScript) await ready(page, HYDRATED);
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: '한국어' }).click();
    await expect(page).toHaveURL(exactly(`/ko${path}`));
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ko);
    expect(await localeCookie()).toBe('ko');
    // Remembered: an unprefixed address now opens in Korean.
    await page.goto('/status');
    await expect(page).toHaveURL(exactly('/ko/status'));
    await page.goto(`/ko${path}`);
    if (javaScript) await ready(page, HYDRATED);
    await page.getByRole('navigation', { name: '언어' }).getByRole('link', { name: 'English' }).click();
    await expect(page).toHaveURL(exactly(path));
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en);
    expect(await localeCookie()).toBe('en');
    await page.goto('/status');
    await expect(page).toHaveURL(exactly('/status'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Status');
    await context.close();
  });
}

test('the switch is answered by the server; a plain visit to a /ko page changes nothing; no page prefetches a link that could undo it', async ({ page, request }) => {
  // The switcher's English link: a redirect to the unprefixed page that sets the cookie.
  const english = await request.get('/en/faq?locale=en', { headers: { Cookie: 'NEXT_LOCALE=ko' }, maxRedirects: 0 });
  expect(english.status()).toBe(303);
  expect(english.headers()['location']).toBe('/faq');
  expect(english.headers()['set-cookie']).toMatch(/^NEXT_LOCALE=en;/);
  const korean = await request.get('/ko/faq?locale=ko', { headers: { Cookie: 'NEXT_LOCALE=en' }, maxRedirects: 0 });
  expect(korean.status()).toBe(303);
  expect(korean.headers()['location']).toBe('/ko/faq');
  expect(korean.headers()['set-cookie']).toMatch(/^NEXT_LOCALE=ko;/);
  // A visit to a /ko page (a shared link, a prefetch) shows Korean and leaves the choice alone.
  const visit = await request.get('/ko/faq', { headers: { Cookie: 'NEXT_LOCALE=en' }, maxRedirects: 0 });
  expect(visit.status()).toBe(200);
  expect(visit.headers()['set-cookie'] ?? '').not.toMatch(/NEXT_LOCALE/);
  // A parameter naming another locale than the page's is no switch.
  const mismatch = await request.get('/ko/faq?locale=en', { headers: { Cookie: 'NEXT_LOCALE=en' }, maxRedirects: 0 });
  expect(mismatch.headers()['set-cookie'] ?? '').not.toMatch(/NEXT_LOCALE/);
  const prefetches: string[] = [];
  page.on('request', (r) => {
    if (r.headers()['next-router-prefetch']) prefetches.push(r.url());
  });
  // The script-free pages cannot prefetch (no router runs there); /ko/check has the router.
  for (const [path, shown] of [['/ko', undefined], ['/ko/faq', undefined], ['/ko/status', undefined], ['/ko/check', HYDRATED]] as const) {
    await page.goto(path);
    await ready(page, shown);
    await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link').first().hover();
    await page.waitForTimeout(1_000);
  }
  await gotoOpen(page, '/ko/migrate');
  await ready(page, '[data-testid="wallet-picker"]');
  await page.getByTestId('ledger-hint').locator('summary').click();
  await page.getByTestId('ledger-guide-link').hover();
  await page.waitForTimeout(1_000);
  expect(prefetches).toEqual([]);
});

test('an English session stays English on unprefixed addresses after a visit to a /ko page', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { 'Accept-Language': 'en-US,en;q=0.9' } });
  const page = await context.newPage();
  await page.goto('/faq');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // A shared Korean link, followed and read.
  await page.goto('/ko/status');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  expect((await context.cookies()).find((c) => c.name === 'NEXT_LOCALE')).toBeUndefined();
  for (const path of ['/', '/status', '/faq', '/check']) {
    await page.goto(path);
    await expect(page).toHaveURL(exactly(path));
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  }
  await context.close();
});

test('times: the reader’s own zone with its name and UTC beside it, on the script-free pages once a page with scripts has run; before, the locale’s zone (UTC in English, KST in Korean)', async ({ browser, baseURL }) => {
  const ZONED_UTC = /\d{2}:\d{2} UTC\)/;
  for (const [timezoneId, zone, prefix] of [
    ['America/New_York', /E[SD]T/, ''],
    ['Europe/Berlin', /GMT\+[12]|CES?T/, ''],
    // Korean has no abbreviation for New York's zone: Intl writes its offset (GMT-5, GMT-4 in summer).
    ['America/New_York', /GMT-[45]/, '/ko'],
  ] as const) {
    const context = await browser.newContext({ baseURL, timezoneId });
    const page = await context.newPage();
    // First visit: the script-free home page cannot know the reader's zone.
    await page.goto(`${prefix}/`);
    const when = page.getByTestId('window-when');
    if (prefix) await expect(when).toContainText(/\d{2}:\d{2} KST \((?:\d{1,2}월 \d{1,2}일 )?\d{2}:\d{2} UTC\)/);
    else await expect(when).toContainText(/\d{2}:\d{2} UTC/);
    await expect(when).not.toContainText(zone);
    // A page with scripts (support: its exchange note is a client component, in the reader's zone).
    await page.goto(`${prefix}/support`);
    await expect(page.locator(HYDRATED)).toBeAttached();
    await page.getByLabel(prefix ? ko.supportForm.locations.exchange : en.supportForm.locations.exchange).check();
    await page.getByTestId('exchange-select').selectOption('bithumb');
    const next = page.getByTestId('exchange-next-check-in');
    await expect(next).toContainText(zone);
    await expect(next).toContainText(ZONED_UTC);
    expect((await context.cookies()).find((c) => c.name === 'reader_tz')?.value).toBe(timezoneId);
    // Now the script-free pages know it too.
    await page.goto(`${prefix}/`);
    await expect(when).toContainText(zone);
    await expect(when).toContainText(ZONED_UTC);
    await page.goto(`${prefix}/faq`);
    await expect(page.locator('main')).toContainText(zone);
    if (timezoneId === 'Europe/Berlin') await screenshot(page, 'times-faq-berlin');
    if (prefix) {
      await page.goto(`${prefix}/`);
      await screenshot(page, 'times-home-ko-new-york');
    }
    await context.close();
  }
  // What the cookie says is checked: anything but a known zone is the locale's zone, never an error.
  for (const value of ['Mars/Olympus_Mons', '<script>', 'Asia/Seoul/../../x', 'a'.repeat(80)]) {
    const context = await browser.newContext({ baseURL });
    await context.addCookies([{ name: 'reader_tz', value, url: baseURL ?? '' }]);
    const page = await context.newPage();
    expect((await page.goto('/'))?.status(), value).toBe(200);
    await expect(page.getByTestId('window-when')).toContainText(/\d{2}:\d{2} UTC/);
    await context.close();
  }
});

test('a Korean browser is sent to /ko on its first visit', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: 'ko-KR', extraHTTPHeaders: { 'Accept-Language': 'ko-KR,ko;q=0.9' } });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(/\/ko$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('AI16Z를 ELIZAOS로 전환하세요');
  await context.close();
});

/** Presses Tab until `target` has the focus (fails after `max` presses). */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${String(target)}`);
}

test('the whole migration works with the keyboard alone (Korean)', async ({ page }) => {
  test.setTimeout(120_000);
  const config = e2eConfig();
  const wallet = config.demoWallets.eligible;
  const eligibility = await apiEligibility(page.request, wallet.publicKey);
  expect(eligibility.eligible).toBe(true);
  const unit = 10n ** BigInt(config.mints.ai16z.decimals);
  const amountIn = BigInt(eligibility.maxAmount) >= 2n * unit ? unit : BigInt(eligibility.maxAmount) / 2n;

  await installTestWallet(page, { publicKey: wallet.publicKey, secretKey: wallet.secretKey });
  await page.goto('/ko/migrate');
  const connect = page.getByRole('button', { name: new RegExp(DEFAULT_TEST_WALLET_NAME) });
  await expect(connect).toBeVisible();
  await tabTo(page, connect);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('connected-address')).toHaveText(wallet.publicKey);
  await expect(page.getByTestId('eligibility')).toHaveAttribute('aria-busy', 'false');

  const input = page.getByTestId('amount-input');
  await tabTo(page, input);
  await page.keyboard.type(toUiString(amountIn, config.mints.ai16z.decimals));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('preview')).toBeVisible();
  await expect(page.getByTestId('signing-ledger-hint')).toContainText('블라인드 서명');
  const sign = page.getByTestId('sign-button');
  await expect(sign).toBeEnabled({ timeout: 30_000 });
  await page.screenshot({ path: 'e2e/screenshots/ko-migrate-preview.png', fullPage: true });
  await tabTo(page, sign);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('done')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('done')).toContainText('전환이 확정되었습니다');
  expect((await readTestWallet(page)).signTransactionCalls).toBe(1);
  await page.screenshot({ path: 'e2e/screenshots/ko-migrate-done.png', fullPage: true });

  const receipt = page.getByTestId('receipt-link');
  await tabTo(page, receipt);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/ko\/receipt\//);
  await expect(page.getByTestId('receipt-state')).toHaveText('확정됨');
  expect(await axeViolations(page), 'axe on the receipt').toEqual([]);
  await page.screenshot({ path: 'e2e/screenshots/ko-receipt.png', fullPage: true });
});
