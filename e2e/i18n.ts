/**
 * Checks shared by the specs that look at pages in both languages: text left untranslated on a
 * Korean page, axe-core's accessibility rules, horizontal overflow on a phone.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** The axe-core rule sets every public page must pass. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** axe-core's violations on the page as it is now, one line each (rule: elements). */
export async function axeViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Visible text outside elements marked `lang="en"` (ops text without Korean, language names), code and addresses. */
export async function untranslatedLines(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skip = (el: Element | null): boolean => {
      for (let e = el; e; e = e.parentElement) {
        if (e.getAttribute('lang') === 'en' && e.tagName !== 'HTML') return true;
        if (['CODE', 'PRE', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TITLE'].includes(e.tagName) || e.classList.contains('font-mono')) return true;
      }
      return false;
    };
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      if (!text || skip(n.parentElement)) continue;
      const el = n.parentElement;
      if (el && (el.closest('[hidden]') || getComputedStyle(el).display === 'none')) continue;
      // Three or more English words in a row is a sentence nobody translated (names such as
      // "AI16Z", "Phantom", "Ledger" or "Solana Explorer" stay as they are).
      if (/\b[A-Za-z][a-z]+\s+[a-z]{2,}\s+[a-z]{2,}\b/.test(text)) found.push(text);
    }
    return found;
  });
}

/** How many CSS pixels the page is wider than its viewport (0 when nothing overflows). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth));
}
