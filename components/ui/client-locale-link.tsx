import type { ComponentProps } from 'react';
import { Link } from '@/lib/i18n/navigation';

/**
 * next-intl's locale-aware `Link` (`/faq` becomes `/ko/faq` in Korean) for client components under
 * <ClientMessages>; server components use components/ui/locale-link.tsx. No prefetch unless asked:
 * the pages are rendered per request, so a prefetch brings only the route tree; and a prefetch of
 * a Korean page still in flight when the reader switches to English answers with NEXT_LOCALE=ko
 * and undoes the choice (the middleware cannot tell it from a visit: Next strips the router's
 * headers before the middleware runs).
 */
export function ClientLocaleLink({ prefetch = false, ...rest }: ComponentProps<typeof Link>) {
  return <Link prefetch={prefetch} {...rest} />;
}
