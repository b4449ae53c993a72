/**
 * The customer's region for the hotline directory: the host app's identity first (GET /me), else a
 * guess from the browser's time zone and language. The page lets the customer change it.
 */
const ZONE_REGIONS: Record<string, string> = {
  'Asia/Shanghai': 'CN',
  'Asia/Chongqing': 'CN',
  'Asia/Urumqi': 'CN',
  'Asia/Hong_Kong': 'HK',
  'Asia/Macau': 'MO',
  'Asia/Taipei': 'TW',
  'Asia/Singapore': 'SG',
  'Asia/Ho_Chi_Minh': 'VN',
  'Asia/Tokyo': 'JP',
  'Asia/Seoul': 'KR',
  'Europe/London': 'GB',
  'Europe/Madrid': 'ES',
  'Europe/Berlin': 'DE',
  'Europe/Paris': 'FR',
};

export function guessRegion(): string | null {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && ZONE_REGIONS[zone]) return ZONE_REGIONS[zone];
  if (zone?.startsWith('America/')) return 'US';
  for (const l of navigator.languages ?? [navigator.language]) {
    const m = /^[a-z]{2,3}-([A-Z]{2})$/.exec(l);
    if (m) return m[1]!;
  }
  return null;
}
