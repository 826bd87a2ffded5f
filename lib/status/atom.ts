/**
 * The incidents as an Atom 1.0 feed (RFC 4287): one entry per incident, its updates as the
 * entry's text content, newest first. Text only: every ops-written string is XML-escaped and
 * characters XML 1.0 cannot carry are dropped, so a title like `</title><script>` stays text.
 * Pure (no I/O): the route handler passes the incidents in.
 */
import type { Incident } from '@/lib/status/incidents';

// XML 1.0 allows tab, LF, CR and U+0020 and above except surrogates, U+FFFE and U+FFFF.
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes text for XML element content and attribute values. */
export function xmlEscape(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** The feed's own words, in the feed's language (the route reads them from messages/{locale}.json `atom`). */
export type AtomLabels = {
  feedTitle: string;
  resolved: string;
  nextUpdateBy: string;
  more: string;
  states: Record<Incident['state'], string>;
};

export const ENGLISH_ATOM_LABELS: AtomLabels = {
  feedTitle: 'AI16Z to ELIZAOS migration: incidents',
  resolved: '(resolved)',
  nextUpdateBy: 'Next update by',
  more: 'More',
  states: { investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved' },
};

function entryText(incident: Incident, locale: 'en' | 'ko', labels: AtomLabels): string {
  const lines: string[] = [];
  for (const update of incident.updates) {
    // Korean feed: the Korean text when ops wrote one, else the English. English feed: both.
    const primary = locale === 'ko' && update.body.ko ? update.body.ko : update.body.en;
    lines.push(`${update.at.toISOString()} ${labels.states[update.state]}: ${primary}`);
    if (locale === 'en' && update.body.ko) lines.push(`(한국어) ${update.body.ko}`);
  }
  if (incident.nextUpdateBy && !incident.resolvedAt) lines.push(`${labels.nextUpdateBy} ${incident.nextUpdateBy.toISOString()}.`);
  if (incident.link) lines.push(`${labels.more}: ${incident.link}`);
  return lines.join('\n\n');
}

/**
 * The feed document. `appUrl` is the portal's origin; the feed's self link is
 * `${appUrl}/api/v1/status/incidents.atom` (`?lang=ko` for the Korean feed) and every entry links
 * to `${appUrl}/status` (`/ko/status`). `locale` picks the titles and texts (Korean when ops wrote
 * them, else English); `labels` are the feed's own words in that language.
 */
export function incidentsAtomFeed(
  incidents: readonly Incident[],
  options: { appUrl: string; now: Date; locale?: 'en' | 'ko'; labels?: AtomLabels },
): string {
  const locale = options.locale ?? 'en';
  const labels = options.labels ?? ENGLISH_ATOM_LABELS;
  const statusUrl = `${options.appUrl}${locale === 'ko' ? '/ko' : ''}/status`;
  const selfUrl = `${options.appUrl}/api/v1/status/incidents.atom${locale === 'ko' ? '?lang=ko' : ''}`;
  const updated = incidents.reduce((latest, i) => (i.updatedAt > latest ? i.updatedAt : latest), new Date(0));
  const feedUpdated = incidents.length > 0 ? updated : options.now;
  const entries = incidents.map((incident) => {
    const name = locale === 'ko' && incident.title.ko ? incident.title.ko : incident.title.en;
    const title = `[${incident.severity}] ${name}${incident.resolvedAt ? ` ${labels.resolved}` : ''}`;
    return [
      '  <entry>',
      `    <id>urn:uuid:${xmlEscape(incident.id)}</id>`,
      `    <title type="text">${xmlEscape(title)}</title>`,
      `    <published>${incident.startedAt.toISOString()}</published>`,
      `    <updated>${incident.updatedAt.toISOString()}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(`${statusUrl}#incident-${incident.id}`)}"/>`,
      `    <category term="${xmlEscape(incident.severity)}"/>`,
      `    <content type="text">${xmlEscape(entryText(incident, locale, labels))}</content>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">`,
    `  <id>${xmlEscape(statusUrl)}</id>`,
    `  <title type="text">${xmlEscape(labels.feedTitle)}</title>`,
    `  <updated>${feedUpdated.toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(statusUrl)}"/>`,
    '  <author><name>Migration portal operations</name></author>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
