import Link from 'next/link';
import { formatDateTime, formatRelative } from '@/lib/format';

/** Support lives on its own page; texts name it because fake "support" accounts harvest seed phrases. */
export const SUPPORT_PATH = '/support';

/** What `/migrate` shows instead of the wallet flow when no wallet should connect (server component). */
export function FlowUnavailable({ kind, opensAt, closesAt, now }: { kind: 'maintenance' | 'scheduled' | 'closed'; opensAt: Date; closesAt: Date; now: Date }) {
  const content = {
    maintenance: {
      title: 'The migration is paused for maintenance',
      body: <>Your allocation is safe and nothing is lost while the portal is paused. The home page shows the latest status; come back when the pause is lifted.</>,
    },
    scheduled: {
      title: 'The migration has not opened yet',
      body: (
        <>
          It opens {formatRelative(opensAt, now)}, on <time dateTime={opensAt.toISOString()}>{formatDateTime(opensAt)}</time>, and stays open until{' '}
          <time dateTime={closesAt.toISOString()}>{formatDateTime(closesAt)}</time>. Nobody can migrate early, whatever a message or a website says.
        </>
      ),
    },
    closed: {
      title: 'The migration is closed',
      body: (
        <>
          The migration window closed on <time dateTime={closesAt.toISOString()}>{formatDateTime(closesAt)}</time>. The portal no longer builds migration
          transactions. If you could not migrate in time, open a ticket on the <Link href={SUPPORT_PATH} className="font-medium underline">support page</Link>.
        </>
      ),
    },
  }[kind];
  return (
    <section role="status" data-testid={`flow-${kind}`} className="rounded-xl border border-amber-300 bg-amber-50 p-6 text-amber-950">
      <h2 className="text-lg font-semibold">{content.title}</h2>
      <p className="mt-2">{content.body}</p>
      <p className="mt-3 text-sm">
        Support never asks for your seed phrase and never contacts you first. Use only the <Link href={SUPPORT_PATH} className="underline">support page</Link>{' '}
        of this site.
      </p>
    </section>
  );
}
