import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { putSaved } from './cache.ts';

/** A read the test answers by hand, to order it against a save. */
function slowRead<T>() {
  let answer: (value: T) => void = () => {};
  const queryFn = () => new Promise<T>((resolve) => (answer = resolve));
  return { queryFn, answer: (value: T) => answer(value) };
}

describe('putSaved', () => {
  it('keeps the saved value when a read sent before the save lands after it', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const key = ['admin', 'rule'];
    client.setQueryData(key, { roles: ['admin'] });
    const read = slowRead<{ roles: string[] }>();
    // A page is showing the rule, and its refresh is on its way.
    const observer = new QueryObserver(client, { queryKey: key, queryFn: read.queryFn, staleTime: 0 });
    const unsubscribe = observer.subscribe(() => {});
    void client.refetchQueries({ queryKey: key });
    expect(client.getQueryState(key)?.fetchStatus).toBe('fetching');

    await putSaved(client, key, { roles: ['admin', 'agent'] });
    // The old read answers now, with the rule as it was before the save.
    read.answer({ roles: ['admin'] });
    await new Promise((r) => setTimeout(r, 10));

    expect(client.getQueryData(key)).toEqual({ roles: ['admin', 'agent'] });
    unsubscribe();
    client.clear();
  });

  it('takes an updater, as setQueryData does', async () => {
    const client = new QueryClient();
    const key = ['tickets', 'detail', 'KF-1'];
    client.setQueryData(key, { status: 'open', customer: { name: 'A' } });
    await putSaved<{ status: string; customer: { name: string } }>(client, key, (old) =>
      old ? { ...old, status: 'solved' } : old,
    );
    expect(client.getQueryData(key)).toEqual({ status: 'solved', customer: { name: 'A' } });
    client.clear();
  });
});
