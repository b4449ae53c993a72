import type { MessageKey } from '../lib/i18n.ts';

export type ChannelKind = 'telegram' | 'wechat' | 'weibo' | 'webhook';
export const CHANNEL_KINDS: ChannelKind[] = ['telegram', 'wechat', 'weibo', 'webhook'];

/** One input of a channel's form: a setting (shown back) or a secret (write-only, shown once). */
export interface FieldDef {
  key: string;
  where: 'settings' | 'secrets';
  label: MessageKey;
  /** Needed when the channel is added (a secret stays set afterwards unless replaced). */
  required?: boolean;
  /** Kefu makes one when left empty (it is then shown once, like a token). */
  generated?: boolean;
  type?: 'text' | 'url' | 'checkbox' | 'mode';
  /** Rarely needed (a local API server, a stand-in): kept under "more". */
  advanced?: boolean;
}

const privateLink: FieldDef = {
  key: 'privateLink',
  where: 'settings',
  label: 'channels.field.privateLink',
  type: 'url',
  advanced: true,
};

/** What each platform asks for, as the server's adapters check it (server/src/channels/<kind>). */
export const FIELDS: Record<ChannelKind, FieldDef[]> = {
  telegram: [
    { key: 'botToken', where: 'secrets', label: 'channels.field.botToken', required: true },
    { key: 'mode', where: 'settings', label: 'channels.field.mode', type: 'mode' },
    { key: 'supportGroup', where: 'settings', label: 'channels.field.supportGroup' },
    { key: 'apiRoot', where: 'settings', label: 'channels.field.apiRoot', type: 'url', advanced: true },
    privateLink,
  ],
  wechat: [
    { key: 'appId', where: 'settings', label: 'channels.field.appId', required: true },
    { key: 'appSecret', where: 'secrets', label: 'channels.field.appSecret', required: true },
    { key: 'token', where: 'secrets', label: 'channels.field.token', generated: true },
    { key: 'encodingAESKey', where: 'secrets', label: 'channels.field.encodingAESKey' },
    { key: 'account', where: 'settings', label: 'channels.field.account' },
    { key: 'welcomeText', where: 'settings', label: 'channels.field.welcomeText' },
    { key: 'apiRoot', where: 'settings', label: 'channels.field.apiRoot', type: 'url', advanced: true },
    privateLink,
  ],
  weibo: [
    { key: 'appSecret', where: 'secrets', label: 'channels.field.appSecret', required: true },
    { key: 'accessToken', where: 'secrets', label: 'channels.field.accessToken', required: true },
    { key: 'account', where: 'settings', label: 'channels.field.account' },
    { key: 'apiRoot', where: 'settings', label: 'channels.field.apiRoot', type: 'url', advanced: true },
    {
      key: 'openApiRoot',
      where: 'settings',
      label: 'channels.field.openApiRoot',
      type: 'url',
      advanced: true,
    },
    privateLink,
  ],
  webhook: [
    { key: 'outboundUrl', where: 'settings', label: 'channels.field.outboundUrl', type: 'url' },
    { key: 'signingSecret', where: 'secrets', label: 'channels.field.signingSecret', generated: true },
    {
      key: 'allowPrivateAddresses',
      where: 'settings',
      label: 'channels.field.allowPrivateAddresses',
      type: 'checkbox',
      advanced: true,
    },
    privateLink,
  ],
};

export interface ChannelHealth {
  lastInAt: string | null;
  lastOutAt: string | null;
  lastError: { at: string; text: string } | null;
}

export interface Channel {
  id: string;
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  secretsSet: string[];
  /** Stored under another APP_SECRET: they must be entered again. */
  secretsUnreadable: boolean;
  inboundUrl: string;
  health: ChannelHealth;
}

/** What a new channel's answer adds: the secrets Kefu generated, shown this once. */
export interface CreatedChannel extends Channel {
  generatedSecrets: Record<string, string>;
}
