import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../lib/api.ts';
import { useT } from '../lib/i18n.ts';
import { CHANNEL_KINDS, type Channel, type ChannelKind, type CreatedChannel, FIELDS } from './kinds.ts';

type Values = Record<string, string | boolean>;

function initialValues(channel: Channel | null): Values {
  if (!channel) return { mode: 'webhook' };
  const values: Values = {};
  for (const field of FIELDS[channel.kind]) {
    if (field.where !== 'settings') continue;
    const v = channel.settings[field.key];
    if (typeof v === 'string' || typeof v === 'boolean') values[field.key] = v;
  }
  return values;
}

/**
 * Adds a channel (`channel` null) or edits one. Secrets are write-only: an edit shows that one is
 * set and sends only the ones typed anew; a setting emptied in an edit is sent as null, which
 * removes it (left out, the server would keep the old value).
 */
export function ChannelForm({
  channel,
  onSaved,
  onCancel,
}: {
  channel: Channel | null;
  onSaved(saved: Channel | CreatedChannel): void;
  onCancel(): void;
}) {
  const t = useT();
  const [kind, setKind] = useState<ChannelKind>(channel?.kind ?? 'telegram');
  const [name, setName] = useState(channel?.name ?? '');
  const [values, setValues] = useState<Values>(() => initialValues(channel));
  const save = useMutation({
    mutationFn: () => {
      const settings: Record<string, unknown> = {};
      const secrets: Record<string, string> = {};
      for (const field of FIELDS[kind]) {
        const v = values[field.key];
        if (v === undefined || v === '') {
          if (channel && field.where === 'settings' && channel.settings[field.key] !== undefined)
            settings[field.key] = null;
          continue;
        }
        if (field.where === 'secrets') secrets[field.key] = String(v).trim();
        else settings[field.key] = typeof v === 'string' ? v.trim() : v;
      }
      const body = { name: name.trim(), settings, ...(Object.keys(secrets).length ? { secrets } : {}) };
      return channel
        ? api<Channel>('PATCH', `/channels/${channel.id}`, body)
        : api<CreatedChannel>('POST', '/channels', { kind, ...body });
    },
    onSuccess: onSaved,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  const set = (key: string, value: string | boolean) => setValues((v) => ({ ...v, [key]: value }));

  return (
    <form
      onSubmit={submit}
      className="admin-form channel-form"
      aria-label={channel ? t('channels.edit', { name: channel.name }) : t('channels.add')}
    >
      <h2>{channel ? t('channels.edit', { name: channel.name }) : t('channels.add')}</h2>
      <label>
        {t('channels.kind')}
        <select
          name="kind"
          value={kind}
          disabled={channel !== null}
          onChange={(e) => setKind(e.target.value as ChannelKind)}
        >
          {CHANNEL_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`channels.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('channels.name')}
        <input name="name" required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      {channel?.secretsUnreadable && (
        <p className="error wide" role="alert">
          {t('channels.secretsUnreadable')}
        </p>
      )}
      {FIELDS[kind].map((field) => {
        const isSet = channel?.secretsSet.includes(field.key) ?? false;
        const value = values[field.key];
        if (field.type === 'checkbox') {
          return (
            <label key={field.key} className="inline wide">
              <input
                type="checkbox"
                name={field.key}
                checked={value === true}
                onChange={(e) => set(field.key, e.target.checked)}
              />
              {t(field.label)}
            </label>
          );
        }
        if (field.type === 'mode') {
          return (
            <label key={field.key}>
              {t(field.label)}
              <select
                name={field.key}
                value={String(value ?? 'webhook')}
                onChange={(e) => set(field.key, e.target.value)}
              >
                <option value="webhook">{t('channels.field.mode.webhook')}</option>
                <option value="polling">{t('channels.field.mode.polling')}</option>
              </select>
            </label>
          );
        }
        const secret = field.where === 'secrets';
        return (
          <label key={field.key} className={field.advanced ? 'advanced' : undefined}>
            {t(field.label)}
            <input
              name={field.key}
              type={secret ? 'password' : field.type === 'url' ? 'url' : 'text'}
              autoComplete={secret ? 'new-password' : 'off'}
              required={field.required === true && !isSet}
              placeholder={
                secret && isSet
                  ? t('channels.secretSet')
                  : field.generated
                    ? t('channels.secretGenerated')
                    : undefined
              }
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => set(field.key, e.target.value)}
            />
          </label>
        );
      })}
      <div className="row">
        <button type="submit" disabled={save.isPending}>
          {channel ? t('channels.save') : t('channels.create')}
        </button>
        <button type="button" className="link" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        {save.error && (
          <span className="error" role="alert">
            {save.error.message}
          </span>
        )}
      </div>
    </form>
  );
}
