import { createNavigation } from 'next-intl/navigation';
import { routing } from '@/lib/i18n/routing';

/**
 * Locale-aware `Link`, `redirect`, `usePathname`, `useRouter`: `/faq` becomes `/ko/faq` in Korean.
 * Client components link with components/ui/client-locale-link.tsx (this `Link`, no prefetch),
 * server components with components/ui/locale-link.tsx.
 */
export const { Link, redirect, usePathname, useRouter, getPathname } = createNavigation(routing);
