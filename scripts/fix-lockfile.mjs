// Adds the platform-specific optional packages this registry mirror does not serve
// (non-Linux builds of @next/swc-*, @tailwindcss/oxide-*, lightningcss-*, ...) to
// package-lock.json, marked optional with their os/cpu, so that `npm ci` sees the lock
// in sync and skips them on this platform. Idempotent; run after `npm install`.
// See ../shared/NOTES.md, "npm on this registry mirror".
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const packages = lock.packages;

/** Infers `os`/`cpu`/`libc` from a platform package name such as `@next/swc-darwin-arm64`. */
function platformOf(name) {
  const n = name.toLowerCase();
  const os = ['android', 'darwin', 'freebsd', 'linux', 'win32', 'openbsd', 'sunos', 'netbsd', 'aix'].find((o) => n.includes(o));
  const cpu = ['arm64', 'x64', 'ia32', 'arm', 'wasm32', 'riscv64', 'ppc64', 's390x', 'loong64'].find((c) =>
    new RegExp(`[-_]${c}([-_]|$)`).test(n),
  );
  const libc = n.includes('musl') ? 'musl' : n.includes('gnu') && os === 'linux' ? 'glibc' : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [path, meta] of Object.entries(packages)) {
  const optional = meta.optionalDependencies ?? {};
  for (const [dep, range] of Object.entries(optional)) {
    const base = path === '' ? '' : `${path}/`;
    const nested = `${base}node_modules/${dep}`;
    const hoisted = `node_modules/${dep}`;
    if (packages[nested] || packages[hoisted]) continue;
    const { os, cpu, libc } = platformOf(dep);
    if (!os && !cpu) continue; // not a platform package: leave it to npm
    const version = String(range).replace(/^[\^~=]/, '');
    packages[hoisted] = {
      version,
      optional: true,
      ...(os ? { os: [os] } : {}),
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(libc ? { libc: [libc] } : {}),
    };
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`fix-lockfile: ${added} platform package entr${added === 1 ? 'y' : 'ies'} added`);
