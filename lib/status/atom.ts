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

const STATE_LABEL = { investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved' } as const;

function entryText(incident: Incident): string {
  const lines: string[] = [];
  for (const update of incident.updates) {
    lines.push(`${update.at.toISOString()} ${STATE_LABEL[update.state]}: ${update.body.en}`);
    if (update.body.ko) lines.push(`(한국어) ${update.body.ko}`);
  }
  if (incident.nextUpdateBy && !incident.resolvedAt) lines.push(`Next update by ${incident.nextUpdateBy.toISOString()}.`);
  if (incident.link) lines.push(`More: ${incident.link}`);
  return lines.join('\n\n');
}

/**
 * The feed document. `appUrl` is the portal's origin; the feed's self link is
 * `${appUrl}/api/v1/status/incidents.atom` and every entry links to `${appUrl}/status`.
 */
export function incidentsAtomFeed(incidents: readonly Incident[], options: { appUrl: string; now: Date }): string {
  const statusUrl = `${options.appUrl}/status`;
  const selfUrl = `${options.appUrl}/api/v1/status/incidents.atom`;
  const updated = incidents.reduce((latest, i) => (i.updatedAt > latest ? i.updatedAt : latest), new Date(0));
  const feedUpdated = incidents.length > 0 ? updated : options.now;
  const entries = incidents.map((incident) => {
    const title = `[${incident.severity}] ${incident.title.en}${incident.resolvedAt ? ' (resolved)' : ''}`;
    return [
      '  <entry>',
      `    <id>urn:uuid:${xmlEscape(incident.id)}</id>`,
      `    <title type="text">${xmlEscape(title)}</title>`,
      `    <published>${incident.startedAt.toISOString()}</published>`,
      `    <updated>${incident.updatedAt.toISOString()}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(`${statusUrl}#incident-${incident.id}`)}"/>`,
      `    <category term="${xmlEscape(incident.severity)}"/>`,
      `    <content type="text">${xmlEscape(entryText(incident))}</content>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `  <id>${xmlEscape(statusUrl)}</id>`,
    '  <title type="text">AI16Z to ELIZAOS migration: incidents</title>',
    `  <updated>${feedUpdated.toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(statusUrl)}"/>`,
    '  <author><name>Migration portal operations</name></author>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
