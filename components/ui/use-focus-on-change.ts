import { useEffect, useRef } from 'react';

/**
 * Moves keyboard and screen-reader focus to the element (a step's heading, `tabIndex={-1}`) when
 * it appears and whenever `key` changes: the button the person pressed is often gone by then, and
 * focus would otherwise fall back to `<body>`. Pass `active: false` to leave focus where it is.
 */
export function useFocusOnChange<T extends HTMLElement>(key: unknown, active = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (active) ref.current?.focus({ preventScroll: false });
  }, [key, active]);
  return ref;
}
