/**
 * `npm run ops -- …`: the ops CLI. Signs in through the portal's HTTP API with an ops keypair
 * (the same SIWS sign-in as the console) and calls the same ops API, so every action is checked,
 * audited and answered exactly as from the console.
 *
 *   npm run ops -- [--url URL] (--keypair FILE | --localnet [config.json]) [--json] COMMAND …
 *
 * Exit codes: 0 done, 1 refused or failed (the API's error code and message on stderr), 2 usage,
 * 3 `alerts`: at least one alert fires (README "Alerts").
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type AlertsAnswer, formatAlerts } from '@/lib/observability/alerts';
import { logForCommandLine } from '@/lib/observability/log';
import { readLocalnetConfig } from '@/scripts/localnet/config-schema';
import { KeypairError, keypairFromText, OpsCliError, OpsClient, type OpsKeypair, readKeypairFile } from '@/scripts/lib/ops-client';
import { depositList, depositRefund, depositRefundSubmit, depositReject } from '@/scripts/lib/ops-deposits';

const USAGE = `Usage: npm run ops -- [options] <command>

Options:
  --url URL              the portal (default http://localhost:3000)
  --keypair FILE         ops keypair: Solana CLI JSON byte array, or base58 of the 64-byte secret key
  --localnet [FILE]      use ops[0] of a localnet config (default .localnet/config.json)
  --origin ORIGIN        the portal's public origin, if --url reaches it by another name
  --json                 print the API's JSON answer

Commands:
  whoami
  alerts                 what ops should page on, as the instance that answers sees it now;
                         exit 3 when one fires (--json: {at, firing, alerts: [{name, severity, firing, message, value, threshold}]})
  maintenance status
  maintenance on --reason "…" [--reason-ko "…"]
  maintenance off
  incident list
  incident post --severity info|warning|critical --title "…" --body "…" [--title-ko "…"] [--body-ko "…"]
                [--state investigating|identified|monitoring] [--next-update-in 30m] [--link https://…]
  incident update ID --state investigating|identified|monitoring --body "…" [--body-ko "…"] [--severity …] [--next-update-in 1h]
  incident resolve ID --body "…" [--body-ko "…"]
  incident next-update ID (--in 30m | --at ISO-8601 | --clear)
  exchange list
  exchange set SLUG [--state not_started|in_progress|completed|not_supported] [--holder-action "…"] [--holder-action-ko "…"]
                    [--next-check-in 6h|ISO-8601|none] [--name "…"] [--name-ko "…"] [--who exchange|holder]
  drainer list
  drainer add ADDRESS --label "…"
  drainer remove ADDRESS
  migration search WALLET|SIGNATURE|ID
  migration reconcile [ID]
  ticket list [--status active|all|open|in_progress|waiting_for_holder|resolved|closed]
  ticket status ID --status STATUS [--note "…"]
  ticket resolve ID --note "…"
  deposit list [--filter refund_pending|open|all]     deposits (default: refunds waiting for ops)
  deposit refund ID [--owner-keypair FILE | --unsigned-out FILE]
                              back to the source token account only; the portal signs when it holds the
                              deposit owner's key, else this CLI signs with --owner-keypair (after checking
                              the transaction) or writes it for an offline signer
  deposit refund-submit ID --signed FILE
  deposit reject ID --note "…"
  audit list [--limit N]
  audit export [--out FILE]   CSV; to redirect stdout use npm run -s (npm prints a banner otherwise):
                              npm run -s ops -- --localnet audit export > audit.csv
`;

/** A command line the CLI cannot run: printed with the usage, exit code 2. */
export class UsageError extends Error {}

type Parsed = { positionals: string[]; options: Map<string, string | true> };

/** Every option the commands read: all take a value except the flags. */
const VALUE_OPTIONS = [
  'url', 'keypair', 'origin', 'reason', 'severity', 'title', 'body', 'title-ko', 'body-ko', 'state', 'next-update-in', 'link', 'in', 'at',
  'holder-action', 'holder-action-ko', 'next-check-in', 'name', 'name-ko', 'reason-ko', 'who', 'label', 'status', 'note', 'limit', 'out',
  'filter', 'owner-keypair', 'unsigned-out', 'signed',
] as const;
const FLAG_OPTIONS = ['json', 'clear', 'help'] as const;

/**
 * Splits argv into positionals and options with `node:util` parseArgs (strict: an unknown option
 * or a missing value is a usage error). `--localnet` takes an optional config file, which
 * parseArgs cannot express: a `.json` argument right after it (or `--localnet=FILE`) is that file.
 *
 * @throws UsageError naming the unknown option or the missing value.
 */
export function parseArgv(argv: string[]): Parsed {
  let localnet: string | true | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--localnet') {
      const next = argv[i + 1];
      localnet = next?.endsWith('.json') ? next : true;
      if (localnet !== true) i++;
    } else if (arg.startsWith('--localnet=')) localnet = arg.slice('--localnet='.length);
    else rest.push(arg);
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries([
        ...VALUE_OPTIONS.map((name) => [name, { type: 'string' as const }]),
        ...FLAG_OPTIONS.map((name) => [name, { type: 'boolean' as const }]),
      ]),
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error));
  }
  const options = new Map<string, string | true>();
  for (const [name, value] of Object.entries(parsed.values)) if (typeof value === 'string' || value === true) options.set(name, value === true ? true : value);
  if (localnet !== undefined) options.set('localnet', localnet);
  return { positionals: parsed.positionals, options };
}

function text(parsed: Parsed, name: string, required: true): string;
function text(parsed: Parsed, name: string, required?: false): string | undefined;
function text(parsed: Parsed, name: string, required = false): string | undefined {
  const value = parsed.options.get(name);
  if (value === undefined) {
    if (required) throw new UsageError(`--${name} is required`);
    return undefined;
  }
  if (value === true) throw new UsageError(`--${name} needs a value`);
  return value;
}

/** `30m`, `2h`, `1d`, `90s` → minutes (at least 1). */
export function parseDurationMinutes(value: string): number {
  const match = /^(\d+)\s*(s|m|h|d)$/.exec(value.trim());
  if (!match) throw new UsageError(`"${value}" is not a duration such as 30m, 2h or 1d`);
  const n = Number(match[1]);
  const minutes = match[2] === 's' ? n / 60 : match[2] === 'm' ? n : match[2] === 'h' ? n * 60 : n * 1_440;
  return Math.max(1, Math.ceil(minutes));
}

function keypairFrom(parsed: Parsed): OpsKeypair {
  const file = parsed.options.get('keypair');
  const localnet = parsed.options.get('localnet');
  if (file && localnet) throw new UsageError('give either --keypair or --localnet, not both');
  if (typeof file === 'string') return readKeypairFile(file);
  if (localnet) {
    const configFile = typeof localnet === 'string' ? localnet : path.resolve(__dirname, '..', '.localnet', 'config.json');
    const ops = readLocalnetConfig(configFile).ops[0];
    if (!ops) throw new OpsCliError('KEYPAIR', `${configFile} has no ops keypair`);
    return keypairFromText(ops.secretKey, `ops[0] of ${configFile}`);
  }
  throw new UsageError('sign in with --keypair FILE or --localnet [config.json]');
}

type Print = (summary: string, json: unknown) => void;

/** Exit code when `alerts` finds one firing (0 done, 1 failed, 2 usage). */
export const EXIT_ALERT_FIRING = 3;

/** Runs the command; returns the exit code of a command that succeeded (0, or {@link EXIT_ALERT_FIRING}). */
async function run(parsed: Parsed, client: OpsClient, print: Print): Promise<number | void> {
  const [group, action, arg] = parsed.positionals;
  const command = `${group ?? ''} ${action ?? ''}`.trim();
  const need = (what: string) => {
    if (!arg) throw new UsageError(`${command} needs ${what}`);
    return encodeURIComponent(arg);
  };
  switch (command) {
    case 'whoami': {
      const me = (await client.get('/api/v1/ops/session')) as { wallet: string; expiresAt: string };
      return print(`signed in as ${me.wallet} until ${me.expiresAt}`, me);
    }
    case 'alerts': {
      const r = (await client.get('/api/v1/ops/alerts')) as AlertsAnswer;
      print(formatAlerts(r), r);
      return r.firing > 0 ? EXIT_ALERT_FIRING : 0;
    }
    case 'maintenance status': {
      const s = (await client.get('/api/v1/ops/maintenance')) as { deployLayer: boolean; flag: { on: boolean; reason: string | null; since: string | null } };
      return print(
        `wallet flow: ${s.deployLayer || s.flag.on ? 'STOPPED' : 'open'}\n  deploy layer (MIGRATION_KILL_SWITCH): ${s.deployLayer ? 'on' : 'off'}\n  runtime flag: ${s.flag.on ? `on since ${s.flag.since} (${s.flag.reason})` : 'off'}`,
        s,
      );
    }
    case 'maintenance on': {
      const r = await client.post('/api/v1/ops/maintenance', { on: true, reason: text(parsed, 'reason', true), ...(text(parsed, 'reason-ko') ? { reasonKo: text(parsed, 'reason-ko') } : {}) });
      return print('maintenance ON: the wallet flow is stopped', r);
    }
    case 'maintenance off': {
      const r = (await client.post('/api/v1/ops/maintenance', { on: false })) as { effective: { on: boolean; source: string | null } };
      return print(r.effective.on ? `runtime flag off, but the wallet flow stays stopped (${r.effective.source} layer)` : 'maintenance OFF: the wallet flow is open', r);
    }
    case 'incident list': {
      const r = (await client.get('/api/v1/ops/incidents')) as { incidents: { id: string; severity: string; state: string; title: { en: string }; nextUpdateBy: string | null }[] };
      return print(r.incidents.map((i) => `${i.id}  ${i.severity.padEnd(8)} ${i.state.padEnd(13)} ${i.title.en}${i.nextUpdateBy ? `  (next update by ${i.nextUpdateBy})` : ''}`).join('\n') || 'no incidents', r);
    }
    case 'incident post': {
      const nextIn = text(parsed, 'next-update-in');
      const r = (await client.post('/api/v1/ops/incidents', {
        severity: text(parsed, 'severity', true),
        title: { en: text(parsed, 'title', true), ko: text(parsed, 'title-ko') ?? null },
        body: { en: text(parsed, 'body', true), ko: text(parsed, 'body-ko') ?? null },
        ...(text(parsed, 'state') ? { state: text(parsed, 'state') } : {}),
        ...(nextIn ? { nextUpdateInMinutes: parseDurationMinutes(nextIn) } : {}),
        ...(text(parsed, 'link') ? { link: text(parsed, 'link') } : {}),
      })) as { id: string };
      return print(`incident posted: ${r.id}`, r);
    }
    case 'incident update': {
      const id = need('an incident id');
      const nextIn = text(parsed, 'next-update-in');
      const r = await client.post(`/api/v1/ops/incidents/${id}/updates`, {
        state: text(parsed, 'state', true),
        body: { en: text(parsed, 'body', true), ko: text(parsed, 'body-ko') ?? null },
        ...(text(parsed, 'severity') ? { severity: text(parsed, 'severity') } : {}),
        ...(nextIn ? { nextUpdateInMinutes: parseDurationMinutes(nextIn) } : {}),
      });
      return print(`incident ${arg} updated`, r);
    }
    case 'incident resolve': {
      const id = need('an incident id');
      const r = await client.post(`/api/v1/ops/incidents/${id}/resolve`, { body: { en: text(parsed, 'body', true), ko: text(parsed, 'body-ko') ?? null } });
      return print(`incident ${arg} resolved`, r);
    }
    case 'incident next-update': {
      const id = need('an incident id');
      const inText = text(parsed, 'in');
      const at = text(parsed, 'at');
      const body = parsed.options.get('clear') ? { nextUpdateBy: null } : inText ? { nextUpdateInMinutes: parseDurationMinutes(inText) } : at ? { nextUpdateBy: at } : null;
      if (!body) throw new UsageError('incident next-update needs --in DURATION, --at ISO-8601 or --clear');
      const r = (await client.post(`/api/v1/ops/incidents/${id}/next-update`, body)) as { nextUpdateBy: string | null };
      return print(`incident ${arg}: next update ${r.nextUpdateBy ? `by ${r.nextUpdateBy}` : 'not promised'}`, r);
    }
    case 'exchange list': {
      const r = (await client.get('/api/v1/ops/exchanges')) as { exchanges: { slug: string; name: string; state: string; whoMigrates: string }[] };
      return print(r.exchanges.map((e) => `${e.slug.padEnd(12)} ${e.name.padEnd(12)} ${e.state.padEnd(14)} migrated by ${e.whoMigrates}`).join('\n'), r);
    }
    case 'exchange set': {
      const slug = need('an exchange slug');
      const checkIn = text(parsed, 'next-check-in');
      const holderAction = text(parsed, 'holder-action');
      const r = await client.put(`/api/v1/ops/exchanges/${slug}`, {
        ...(text(parsed, 'name') ? { name: text(parsed, 'name') } : {}),
        ...(text(parsed, 'name-ko') ? { nameKo: text(parsed, 'name-ko') } : {}),
        ...(text(parsed, 'state') ? { state: text(parsed, 'state') } : {}),
        ...(text(parsed, 'who') ? { whoMigrates: text(parsed, 'who') } : {}),
        ...(holderAction ? { holderAction: { en: holderAction, ko: text(parsed, 'holder-action-ko') ?? null } } : {}),
        ...(checkIn === undefined ? {} : checkIn === 'none' ? { nextCheckIn: null } : /^\d+\s*[smhd]$/.test(checkIn) ? { nextCheckInMinutes: parseDurationMinutes(checkIn) } : { nextCheckIn: checkIn }),
      });
      return print(`exchange ${arg} updated`, r);
    }
    case 'drainer list': {
      const r = (await client.get('/api/v1/ops/drainers')) as { drainers: { address: string; label: string }[] };
      return print(r.drainers.map((d) => `${d.address}  ${d.label}`).join('\n') || 'no known drainers', r);
    }
    case 'drainer add': {
      if (!arg) throw new UsageError('drainer add needs an address');
      const r = await client.post('/api/v1/ops/drainers', { address: arg, label: text(parsed, 'label', true) });
      return print(`known drainer added: ${arg}`, r);
    }
    case 'drainer remove': {
      const address = need('an address');
      const r = await client.delete(`/api/v1/ops/drainers/${address}`);
      return print(`known drainer removed: ${arg}`, r);
    }
    case 'migration search': {
      const q = need('a wallet, signature or migration id');
      const r = (await client.get(`/api/v1/ops/migrations?q=${q}`)) as { migrations: { id: string; wallet: string; amount: string; state: string; signature: string | null }[] };
      return print(r.migrations.map((m) => `${m.id}  ${m.state.padEnd(9)} ${m.amount.padStart(22)} base units  ${m.wallet}  ${m.signature ?? ''}`).join('\n') || 'no migrations found', r);
    }
    case 'migration reconcile': {
      const r = (await client.post('/api/v1/ops/migrations/reconcile', arg ? { id: arg } : {})) as { counts: Record<string, number> };
      return print(`reconciled: ${Object.entries(r.counts).map(([k, v]) => `${v} ${k}`).join(', ')}`, r);
    }
    case 'ticket list': {
      const status = text(parsed, 'status') ?? 'active';
      const r = (await client.get(`/api/v1/ops/tickets?status=${encodeURIComponent(status)}`)) as { tickets: { id: string; status: string; updatedAt: string; description: string }[] };
      return print(r.tickets.map((t) => `${t.id}  ${t.status.padEnd(18)} ${t.updatedAt}  ${t.description.replace(/\s+/g, ' ').slice(0, 60)}`).join('\n') || 'no tickets', r);
    }
    case 'ticket status':
    case 'ticket resolve': {
      const id = need('a ticket id');
      const status = action === 'resolve' ? 'resolved' : text(parsed, 'status', true);
      const note = action === 'resolve' ? text(parsed, 'note', true) : text(parsed, 'note');
      const r = await client.post(`/api/v1/ops/tickets/${id}/status`, { status, ...(note ? { note } : {}) });
      return print(`ticket ${arg} is now ${status}`, r);
    }
    case 'audit list': {
      const r = (await client.get(`/api/v1/ops/audit?limit=${Number(text(parsed, 'limit') ?? '50')}`)) as { entries: { id: number; at: string; wallet: string; action: string; target: string | null }[] };
      return print(r.entries.map((e) => `${String(e.id).padStart(6)}  ${e.at}  ${e.wallet}  ${e.action}  ${e.target ?? ''}`).join('\n') || 'the audit log is empty', r);
    }
    case 'deposit list': {
      const out = await depositList(client, text(parsed, 'filter') ?? 'refund_pending');
      return print(out.summary, out.json);
    }
    case 'deposit refund': {
      need('a deposit id');
      const keyFile = text(parsed, 'owner-keypair');
      const unsignedOut = text(parsed, 'unsigned-out');
      if (keyFile && unsignedOut) throw new UsageError('give either --owner-keypair or --unsigned-out, not both');
      const out = await depositRefund(client, arg ?? '', { ownerKeypair: keyFile ? readKeypairFile(keyFile) : undefined, unsignedOut });
      return print(out.summary, out.json);
    }
    case 'deposit refund-submit': {
      need('a deposit id');
      const out = await depositRefundSubmit(client, arg ?? '', text(parsed, 'signed', true));
      return print(out.summary, out.json);
    }
    case 'deposit reject': {
      need('a deposit id');
      const out = await depositReject(client, arg ?? '', text(parsed, 'note', true));
      return print(out.summary, out.json);
    }
    case 'audit export': {
      const csv = await client.getText('/api/v1/ops/audit?format=csv');
      const out = text(parsed, 'out');
      if (out) {
        writeFileSync(out, csv);
        console.error(`audit log written to ${out}`);
      } else process.stdout.write(csv);
      return;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  }
}

async function main(): Promise<number> {
  logForCommandLine();
  let parsed: Parsed;
  try {
    parsed = parseArgv(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`ops: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.options.has('help') || parsed.positionals.length === 0) {
    process.stdout.write(USAGE);
    return parsed.options.has('help') ? 0 : 2;
  }
  const json = parsed.options.has('json');
  const print: Print = (summary, answer) => console.log(json ? JSON.stringify(answer, null, 2) : summary);
  try {
    const url = text(parsed, 'url') ?? 'http://localhost:3000';
    const client = new OpsClient(url, { origin: text(parsed, 'origin') });
    const keypair = keypairFrom(parsed);
    await client.signIn(keypair);
    return (await run(parsed, client, print)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`ops: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof KeypairError) {
      console.error(`ops: ${error.code}: ${error.message}`);
      return 1;
    }
    if (error instanceof OpsCliError) {
      const detail = error.details && Object.keys(error.details).length > 0 ? `\n  details: ${JSON.stringify(error.details)}` : '';
      console.error(`ops: ${error.code}${error.status ? ` (HTTP ${error.status})` : ''}: ${error.message}${detail}`);
      return 1;
    }
    console.error(`ops: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (require.main === module) {
  main().then((code) => process.exit(code));
}
