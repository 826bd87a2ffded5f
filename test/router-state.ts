/**
 * Generated `Next-Router-State-Tree` header values for the fuzz suite and the e2e spec: router
 * states shaped like Next's (some valid, most subtly not), raw printable text, and deep nesting.
 * The oracle is Next's own parser, which its app renderer calls on every RSC request.
 */
import fc from 'fast-check';
import { parseAndValidateFlightRouterState } from 'next/dist/server/app-render/parse-and-validate-flight-router-state';

const segment = fc.oneof(fc.string({ maxLength: 12 }), fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), fc.constantFrom('c', 'ci', 'oc', 'd', 'di', 'x')));

/**
 * A router-state-like value: `[segment, {parallel routes}, url?, refresh marker?, is root?]`, or any
 * JSON. At most 4 levels (the first choice, a leaf, is what fast-check takes at the bottom).
 */
const tree: fc.Arbitrary<unknown> = fc.letrec<{ tree: unknown }>((tie) => {
  const children = fc.dictionary(fc.string({ maxLength: 10 }), tie('tree'), { maxKeys: 2, depthIdentifier: 'router-state' });
  return {
    tree: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'router-state', withCrossShrink: true },
      fc.oneof(fc.tuple(segment, fc.constant({})), fc.jsonValue({ maxDepth: 2 })),
      fc.tuple(segment, children),
      fc.tuple(segment, children, fc.option(fc.string({ maxLength: 20 })), fc.option(fc.constantFrom('refetch', 'refresh', 'inside-shared-layout', 'metadata-only', 'other')), fc.boolean()),
    ),
  };
}).tree;

const printable = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 200 });

/**
 * A header value (printable ASCII, as HTTP allows): mostly URI-encoded router states. Nesting
 * stops at 1,500 (~9 KB encoded), under Node's 16 KB limit of all request headers (a longer one is
 * a 431 before any of our code runs).
 */
export const routerStateHeader: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: tree.map((t) => encodeURIComponent(JSON.stringify(t))) },
  { weight: 2, arbitrary: tree.map((t) => JSON.stringify(t).replace(/[^\x21-\x7e]/g, '')) },
  { weight: 2, arbitrary: printable },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 1_500 }).map((n) => encodeURIComponent(`${'['.repeat(n)}""${']'.repeat(n)}`)) },
);

/** Whether Next's app renderer would throw on this header value (and so answer 500). */
export function nextRefusesRouterState(value: string): boolean {
  try {
    parseAndValidateFlightRouterState(value);
    return false;
  } catch {
    return true;
  }
}
