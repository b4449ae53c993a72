import { useEffect, useRef } from 'react';

/** True when the key went to something the agent is typing into. */
function isTyping(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Single-key shortcuts (j, k, r, n, e, /, ?) for the screen that registers them; ignored while the
 * agent types in a field and when a modifier is held, so they never eat text.
 */
export function useShortcuts(handlers: Record<string, () => void>) {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      // Named keys are registered in lower case ("enter", "escape"), single characters as typed.
      const handler = ref.current[event.key.length > 1 ? event.key.toLowerCase() : event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
