/**
 * Events for the host app that opened the page: a React Native webview gets them through
 * `window.ReactNativeWebView.postMessage` (a string), an iframe through `window.parent.postMessage`.
 * See docs/embedding.md. Nothing personal beyond ids travels this way.
 */
export type HostEvent =
  | { type: 'ticket_created'; ticketId: string; number: string }
  | { type: 'ticket_updated'; ticketId: string; status: string }
  /** Posted by the chat page (its own feature) when a live chat ends. */
  | { type: 'chat_ended'; chatId: string };

interface NativeBridge {
  postMessage(message: string): void;
}

export function postToHost(event: HostEvent): void {
  const message = { source: 'kefu', ...event };
  const native = (window as unknown as { ReactNativeWebView?: NativeBridge }).ReactNativeWebView;
  if (native) native.postMessage(JSON.stringify(message));
  // The host's origin is not known to us: the events carry ids only, never text or tokens.
  if (window.parent !== window) window.parent.postMessage(message, '*');
}
