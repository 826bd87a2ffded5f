import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatRelative, formatTime } from '@/lib/format';

describe('formatDateTime', () => {
  it('reads as a date and a 24-hour UTC time, the same for every reader', () => {
    expect(formatDateTime(new Date('2026-12-01T00:00:00Z'))).toBe('December 1, 2026 at 00:00 UTC');
    expect(formatDateTime(new Date('2027-03-01T13:05:00Z'), 'ko')).toMatch(/^2027년 3월 1일 .*13:05.*UTC$/);
  });
});

describe('formatDate', () => {
  it('gives the UTC date', () => {
    expect(formatDate(new Date('2026-11-20T23:59:59Z'))).toBe('November 20, 2026');
  });
});

describe('formatTime', () => {
  it('gives the 24-hour UTC time with its zone, in both languages', () => {
    expect(formatTime(new Date('2026-12-06T09:05:59Z'))).toBe('09:05 UTC');
    expect(formatTime(new Date('2026-12-06T19:45:00Z'), 'ko')).toBe('19:45 UTC');
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
