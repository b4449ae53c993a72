import { useApi } from '../shell/use-api.ts';
import './incident-banner.css';

/**
 * The desk's live incident notices ("TRC20 withdrawals are delayed; we are on it"), in the
 * reader's language: a customer who sees their problem here need not write at all.
 */
export function IncidentBanner() {
  const banners = useApi<{ items: Array<{ text: string; since: string }> }>('/incidents/banner');
  const items = banners.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <div className="incident-banner" role="status" data-testid="incident-banner">
      {items.map((b) => (
        <p key={b.since + b.text}>{b.text}</p>
      ))}
    </div>
  );
}
