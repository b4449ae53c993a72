/**
 * Keeps the newest of the chat in view as it grows. With the checklist open below the conversation
 * (a tall form on a phone) the page stops where the conversation and its status (queue position,
 * "正在为你服务") end, with the form's heading peeking in, so the form never pushes the agent's reply
 * off the screen; while the customer is typing in the form the page does not move at all (the
 * chat log announces the new message instead).
 */
export function followChat() {
  const form = document.querySelector<HTMLElement>('form.chat-checklist');
  const end = document.documentElement.scrollHeight;
  if (!form) {
    window.scrollTo(0, end);
    return;
  }
  if (form.contains(document.activeElement)) return;
  const PEEK = 96;
  const formTop = form.getBoundingClientRect().top + window.scrollY;
  window.scrollTo(0, Math.max(0, Math.min(end, formTop + PEEK - window.innerHeight)));
}
