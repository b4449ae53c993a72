import type { FormField } from '../contact/types.ts';

/** Problems a checklist answer can have while the customer types; the server checks again. */
export type FieldProblem =
  | 'required'
  | 'txid_evm'
  | 'txid_hex'
  | 'txid_sol'
  | 'txid_any'
  | 'in_future'
  | 'bad_date'
  | 'not_number'
  | 'bad_uid'
  | 'too_long';

const HEX64 = /^[0-9a-fA-F]{64}$/;
const EVM = /^0x[0-9a-fA-F]{64}$/;
const BASE58 = /^[1-9A-HJ-NP-Za-km-z]{32,100}$/;
const EVM_NETWORKS = new Set(['ERC20', 'BEP20', 'Arbitrum One', 'Polygon']);

/** A TXID's shape for the chosen network (BTC and TRON: 64 hex; EVM chains: 0x + 64 hex; Solana: base58). */
export function txidProblem(value: string, network: string | undefined): FieldProblem | null {
  const v = value.trim();
  if (network === 'BTC' || network === 'TRC20') return HEX64.test(v) ? null : 'txid_hex';
  if (network && EVM_NETWORKS.has(network)) return EVM.test(v) ? null : 'txid_evm';
  if (network === 'SOL') return BASE58.test(v) && v.length >= 64 ? null : 'txid_sol';
  return HEX64.test(v) || EVM.test(v) || BASE58.test(v) ? null : 'txid_any';
}

export function fieldProblem(
  field: FormField,
  raw: string,
  answers: Record<string, string>,
  now = Date.now(),
): FieldProblem | null {
  const value = raw.trim();
  if (!value) return field.required ? 'required' : null;
  if (value.length > (field.maxLength ?? 5000)) return 'too_long';
  switch (field.type) {
    case 'txid':
      return txidProblem(value, answers.network);
    case 'datetime': {
      const t = Date.parse(value);
      if (Number.isNaN(t)) return 'bad_date';
      return t > now + 60_000 ? 'in_future' : null;
    }
    case 'number':
      return Number.isFinite(Number(value)) ? null : 'not_number';
    case 'uid':
      return /^[A-Za-z0-9_-]{1,64}$/.test(value) ? null : 'bad_uid';
    default:
      return null;
  }
}

/** The answers as the server wants them: dates as instants, empty answers left out. */
export function answersForServer(fields: FormField[], answers: Record<string, string>) {
  const out: Record<string, string | number> = {};
  for (const f of fields) {
    const v = answers[f.key]?.trim();
    if (!v) continue;
    out[f.key] = f.type === 'datetime' ? new Date(v).toISOString() : f.type === 'number' ? Number(v) : v;
  }
  return out;
}
