/**
 * Every string of the support form page (`/support`), English for now, kept in one place so they
 * can move into next-intl messages (messages/en.json, ko.json) without touching the components.
 */
export const SUPPORT_FORM_MESSAGES = {
  title: 'Support',
  intro: 'Tell us what went wrong. You get a private link to follow your ticket; replies appear there and nowhere else.',
  neverAsk: 'We never ask for your recovery phrase (seed phrase) or private key, and we never message you first. Anyone who does is not us. Never type them here or anywhere else.',
  walletLabel: 'Your wallet address',
  walletHint: 'The Solana address you migrate from (public; never a private key).',
  locationLabel: 'Where are (or were) your AI16Z tokens?',
  locations: { self_custody: 'In my own wallet (Phantom, Solflare, Backpack, Ledger…)', exchange: 'On an exchange', unsure: "I'm not sure" },
  exchangeLabel: 'Which exchange?',
  exchangeOther: 'Another exchange',
  exchangeOtherLabel: 'Name of the exchange',
  signaturesLabel: 'Transaction signatures',
  signaturesHint: 'Up to 10, one per line: the long base58 ids from your wallet or an explorer.',
  descriptionLabel: 'What happened?',
  descriptionHint: 'What you did, what you expected, and what you saw (error messages help).',
  contactLabel: 'How to reach you',
  contactHint: 'Optional, e.g. an email address. We still reply on your ticket page; we never DM first.',
  languageLabel: 'Language for replies',
  languages: { en: 'English', ko: '한국어 (Korean)' },
  optional: '(optional)',
  submit: 'Send ticket',
  sending: 'Sending…',
  refusedTitle: 'Not sent: this looks like a secret',
  createdTitle: 'Your ticket is open',
  createdBody: 'Save this private link: it is the only way to see replies, and we cannot show it again.',
  createdLink: 'Open your ticket',
  drainerWarning:
    'An address in your ticket is a known drainer. Never send anything to it, and revoke any approval you gave it from your wallet.',
  networkError: 'The portal could not be reached. Nothing was sent; try again.',
} as const;
