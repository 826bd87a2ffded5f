/**
 * The one rule for links in incidents: https only, on an allowlisted host (`OPS_LINK_HOSTS`, plus
 * the portal's own host), no credentials, no port other than 443. Pure, so the console, the API
 * and the tests share it. A link on a look-alike host would send worried holders to a phishing
 * page from the one place they trust.
 */

export type LinkCheck = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Checks and normalises an incident link.
 * @param allowedHosts lowercase host names; exact match only (a subdomain needs its own entry).
 */
export function checkIncidentLink(text: string, allowedHosts: readonly string[]): LinkCheck {
  const trimmed = text.trim();
  if (trimmed.length > 500) return { ok: false, reason: 'the link is longer than 500 characters' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, reason: 'the link is not a URL' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'the link must start with https://' };
  if (url.username || url.password) return { ok: false, reason: 'the link must not carry a user name or password' };
  if (url.port !== '') return { ok: false, reason: 'the link must not name a port' };
  const host = url.hostname.toLowerCase();
  if (!allowedHosts.includes(host)) {
    return { ok: false, reason: `links may only point to ${allowedHosts.join(', ')} (not ${host})` };
  }
  return { ok: true, url: url.toString() };
}
