import { describe, expect, it } from 'vitest';
import { customaryTimeZone, formatCountdown, formatDate, formatDateTime, formatRelative, formatTime, timeZoneLabel, validTimeZone } from '@/lib/format';

describe('formatDateTime', () => {
  it('English server pages: a date and a 24-hour UTC time, the same for every reader', () => {
    expect(formatDateTime(new Date('2026-12-01T00:00:00Z'))).toBe('December 1, 2026 at 00:00 UTC');
    expect(formatDateTime(new Date('2026-12-01T00:00:00Z'), 'en', { withUtc: true })).toBe('December 1, 2026 at 00:00 UTC');
  });

  it('Korean server pages: Korean time (KST), with UTC beside it where ops publish times', () => {
    expect(formatDateTime(new Date('2027-03-01T13:05:00Z'), 'ko')).toBe('2027년 3월 1일 22:05 KST');
    expect(formatDateTime(new Date('2027-03-01T13:05:00Z'), 'ko', { withUtc: true })).toBe('2027년 3월 1일 22:05 KST (13:05 UTC)');
    // The UTC date differs: it is named.
    expect(formatDateTime(new Date('2027-03-01T20:30:00Z'), 'ko', { withUtc: true })).toBe('2027년 3월 2일 05:30 KST (3월 1일 20:30 UTC)');
  });

  it("client components: the reader's own zone with its name", () => {
    expect(formatDateTime(new Date('2026-12-01T00:00:00Z'), 'en', { timeZone: 'Asia/Seoul', withUtc: true })).toBe('December 1, 2026 at 09:00 KST (00:00 UTC)');
    expect(formatDateTime(new Date('2026-12-01T00:00:00Z'), 'en', { timeZone: 'America/New_York', withUtc: true })).toBe('November 30, 2026 at 19:00 EST (Dec 1 00:00 UTC)');
    expect(formatDateTime(new Date('2026-12-01T00:00:00Z'), 'ko', { timeZone: 'UTC', withUtc: true })).toBe('2026년 12월 1일 00:00 UTC');
  });
});

describe('customaryTimeZone and timeZoneLabel', () => {
  it('Korean readers are assumed in Seoul, English ones shown UTC', () => {
    expect(customaryTimeZone('ko')).toBe('Asia/Seoul');
    expect(customaryTimeZone('en')).toBe('UTC');
    expect(timeZoneLabel('Asia/Seoul', 'en')).toBe('KST');
    expect(timeZoneLabel('Etc/UTC', 'ko')).toBe('UTC');
    expect(timeZoneLabel('Europe/Berlin', 'en', new Date('2026-12-01T00:00:00Z'))).toBe('GMT+1');
  });
});

describe('formatDate', () => {
  it('gives the date in the zone', () => {
    expect(formatDate(new Date('2026-11-20T23:59:59Z'))).toBe('November 20, 2026');
    expect(formatDate(new Date('2026-11-20T23:59:59Z'), 'ko')).toBe('2026년 11월 21일');
  });
});

describe('formatTime', () => {
  it('gives the 24-hour time with its zone, in both languages', () => {
    expect(formatTime(new Date('2026-12-06T09:05:59Z'))).toBe('09:05 UTC');
    expect(formatTime(new Date('2026-12-06T09:45:00Z'), 'ko', { withUtc: true })).toBe('18:45 KST (09:45 UTC)');
  });
});

describe('formatRelative', () => {
  it('picks the largest whole unit', () => {
    const now = new Date('2026-11-23T00:00:00Z');
    expect(formatRelative(new Date('2027-02-21T00:00:00Z'), now)).toBe('in 90 days');
    expect(formatRelative(new Date('2026-11-23T03:00:00Z'), now)).toBe('in 3 hours');
    expect(formatRelative(new Date('2026-11-22T23:59:30Z'), now)).toBe('30 seconds ago');
  });
});

describe('formatCountdown', () => {
  it('counts down in m:ss, rounding up, never below zero', () => {
    expect(formatCountdown(59_001)).toBe('1:00');
    expect(formatCountdown(42_000)).toBe('0:42');
    expect(formatCountdown(65_000)).toBe('1:05');
    expect(formatCountdown(-5)).toBe('0:00');
  });
});

describe('validTimeZone (what the reader_tz cookie may hold)', () => {
  it('takes the IANA zones this runtime knows', () => {
    for (const zone of ['UTC', 'Asia/Seoul', 'America/New_York', 'America/Argentina/Buenos_Aires', 'Etc/GMT+9']) expect(validTimeZone(zone), zone).toBe(zone);
  });
  it('refuses anything else, without throwing', () => {
    for (const value of [undefined, '', 'Mars/Olympus_Mons', '<script>', 'Asia/Seoul/../../x', '../etc/passwd', 'a'.repeat(80), 'Asia/Seoul; Path=/', '%41sia/Seoul']) expect(validTimeZone(value), String(value)).toBeUndefined();
  });
});
