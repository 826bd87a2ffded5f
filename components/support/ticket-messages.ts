/**
 * Every string of the ticket lookup page (`/support/tickets/{id}`), English for now, in one place
 * so they can move into next-intl messages without touching the components.
 */
export const TICKET_PAGE_MESSAGES = {
  title: 'Your support ticket',
  keyMissing: 'This page needs the private key from the link you were given when you sent the ticket. Paste the whole link, or just the key:',
  keyLabel: 'Ticket key',
  open: 'Show my ticket',
  loading: 'Loading your ticket…',
  notFound: 'No ticket matches this link. Check that you opened the full link you were given.',
  statusLabel: 'Status',
  statuses: { open: 'Open', in_progress: 'In progress', waiting_for_holder: 'Waiting for you', resolved: 'Resolved', closed: 'Closed' },
  resolutionTitle: 'Resolution',
  historyTitle: 'Every change',
  opened: 'You opened the ticket',
  bySupport: 'Support',
  detailsTitle: 'What you sent',
  wallet: 'Wallet',
  location: 'Tokens',
  locations: { self_custody: 'In your own wallet', exchange: 'On an exchange', unsure: 'Not sure' },
  signatures: 'Transaction signatures',
  description: 'Description',
  contact: 'Contact',
  none: '(none)',
  drainerWarning: 'An address in your ticket is a known drainer. Never send anything to it, and revoke any approval you gave it.',
  neverAsk: 'Support never asks for your recovery phrase or private key, and never messages you first.',
  networkError: 'The portal could not be reached. Try again in a moment.',
} as const;
