/** Drafts survive a reload: kept in this browser's localStorage per ticket and mode. */
const PREFIX = 'kefu.draft.';

export function loadDraft(ticketId: string, mode: string): string {
  try {
    return localStorage.getItem(`${PREFIX}${ticketId}.${mode}`) ?? '';
  } catch {
    return '';
  }
}

export function saveDraft(ticketId: string, mode: string, body: string) {
  try {
    if (body) localStorage.setItem(`${PREFIX}${ticketId}.${mode}`, body);
    else localStorage.removeItem(`${PREFIX}${ticketId}.${mode}`);
  } catch {
    // Private mode or a full quota: the draft lives only in the page then.
  }
}
