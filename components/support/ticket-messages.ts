import { useMessages } from 'next-intl';
import type en from '@/messages/en.json';

/** Every string of the ticket page (`/support/tickets/{id}`): messages/{en,ko}.json `ticket`. */
export type TicketMessages = (typeof en)['ticket'];

/** The ticket page's strings in the page's locale (the page passes the `ticket` namespace to the client, <ClientMessages>). */
export function useTicketMessages(): TicketMessages {
  return useMessages().ticket as TicketMessages;
}
