/**
 * Source comments cite docs sections (README "…", docs/DESIGN.md "…", docs/ARCHITECTURE.md), never
 * issue numbers: an issue is gone once it is closed, and a newcomer with only the repo cannot
 * follow it (docs/ARCHITECTURE.md "Conventions"). This test runs `git grep` over every tracked and
 * untracked (not ignored) file but this one (its samples are citations), so a new citation fails before it is committed.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// Written in pieces so that this file does not match itself.
const ISSUE_CITATION = ['\\b', 'issues? ', '(#?[0-9]|"|§|part [0-9])'].join('');

function citationsInTree(): string[] {
  try {
    return execFileSync('git', ['grep', '-nIiE', '--untracked', ISSUE_CITATION, '--', '.', ':(exclude)test/doc-citations.test.ts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      .split('\n')
      .filter((line) => line !== '');
  } catch (error) {
    // git grep exits 1 when nothing matched; anything else (no git, not a checkout) is a failure.
    if ((error as { status?: number }).status === 1) return [];
    throw error;
  }
}

describe('source comments cite docs sections, not issues', () => {
  it('the pattern finds the citation shapes seen before (so the tree check can fail)', () => {
    const pattern = new RegExp(ISSUE_CITATION, 'i');
    for (const text of ['(issue 7, part 6)', '(issue "Ops console…" §5)', '(issue §5)', 'Issue 8 part 4:', 'see issue #12']) expect(pattern.test(text), text).toBe(true);
    for (const text of ['result.error.issues.map((issue) => {', 'the message has fields this portal does not issue', 'no double issue: at most one']) expect(pattern.test(text), text).toBe(false);
  });

  it('no tracked or new file cites an issue', () => {
    expect(citationsInTree()).toEqual([]);
  });
});
