/**
 * The demo desk's brand: a fictional exchange. Every brand fact is a setting (the `brand` row of
 * `settings`); nothing about a real company is written anywhere in Kefu. `.example` domains are
 * reserved and can never belong to anyone.
 */
export const DEMO_BRAND = {
  name: 'Lumen Exchange',
  nameZh: '流明交易所',
  domains: ['lumen-exchange.example', 'help.lumen-exchange.example'],
  supportEmail: 'support@lumen-exchange.example',
  ticketPrefix: 'KF',
};
