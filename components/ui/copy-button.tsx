'use client';

import { useState } from 'react';

/**
 * Copies `text` to the clipboard and says so (in the button and to screen readers). Where the
 * clipboard is unavailable (an insecure context, a refused permission), it selects `selectId`'s
 * text instead so the person can copy it themselves.
 */
export function CopyButton({ text, label, copiedLabel, selectId, testId, onCopied, className }: { text: string; label: string; copiedLabel: string; selectId?: string; testId?: string; onCopied?: () => void; className?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      onCopied?.();
    } catch {
      const target = selectId ? document.getElementById(selectId) : null;
      if (target) {
        const range = document.createRange();
        range.selectNodeContents(target);
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
      }
    }
  };
  return (
    <button
      type="button"
      onClick={() => void copy()}
      className={className ?? 'rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand'}
      data-testid={testId}
      data-copied={copied ? 'true' : 'false'}
    >
      <span aria-live="polite">{copied ? copiedLabel : label}</span>
    </button>
  );
}
