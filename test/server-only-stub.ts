// Stand-in for the 'server-only' guard in unit tests (Vitest is not a React server bundle).
export {};
