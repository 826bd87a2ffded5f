import { useMessages } from 'next-intl';
import type en from '@/messages/en.json';

/** Every string of the support form page (`/support`): messages/{en,ko}.json `supportForm`. */
export type SupportFormMessages = (typeof en)['supportForm'];

/**
 * The support form's strings in the page's locale (the page passes the `supportForm` namespace
 * to the client). The key-parity test keeps ko.json's shape equal to en.json's.
 */
export function useSupportFormMessages(): SupportFormMessages {
  return useMessages().supportForm as SupportFormMessages;
}
