import { createNavigation } from 'next-intl/navigation';
import { routing } from '@/lib/i18n/routing';

/** Locale-aware `Link`, `redirect`, `usePathname`, `useRouter`: `/faq` becomes `/ko/faq` in Korean. */
export const { Link, redirect, usePathname, useRouter, getPathname } = createNavigation(routing);
