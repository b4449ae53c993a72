import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { requestLanguage } from '../platform/http-errors.ts';

/**
 * The adapters say what is wrong with a channel's settings in English, naming the field
 * ("secrets.botToken: …"); an admin working in Chinese reads it in Chinese, field and all.
 */
const ZH: Record<string, string> = {
  'settings.outboundUrl: not a URL': '发送地址（outboundUrl）不是有效网址',
  'settings.outboundUrl: http(s) only': '发送地址（outboundUrl）只能是 http(s) 网址',
  'settings.allowPrivateAddresses: true or false': '“允许内网地址”只能是开或关',
  'secrets.signingSecret: at least 24 characters': '签名密钥（signingSecret）至少 24 个字符',
  'secrets.botToken: the token BotFather gave':
    '机器人令牌（botToken）应为 @BotFather 给出的令牌（形如 123456:ABC…）',
  'settings.mode: webhook or polling': '接收方式只能是 webhook 或 polling',
  'settings.supportGroup: the public @username of the official support group':
    '官方客服群（supportGroup）应为群的公开 @用户名',
  'settings.apiRoot: an http(s) URL': 'API 地址（apiRoot）应为 http(s) 网址',
  'settings.privateLink: an http(s) URL': '私密链接（privateLink）应为 http(s) 网址',
  'settings.linkUrl: an http(s) URL': '绑定链接（linkUrl）应为 http(s) 网址',
  'secrets.appSecret: required': '请填写 AppSecret',
  'secrets.accessToken: required': '请填写访问令牌（accessToken）',
  'settings.appId: the AppID (wx…)': 'AppID 应以 wx 开头',
  'secrets.encodingAESKey: 43 letters and digits': 'EncodingAESKey 应为 43 位字母和数字',
};

/** Runs a settings check; its refusal comes back in the caller's language. */
export function checkedInCallerLanguage<T>(request: FastifyRequest, check: () => T): T {
  try {
    return check();
  } catch (err) {
    const detail =
      err instanceof AppError && err.code === 'validation_failed' ? err.params.detail : undefined;
    if (typeof detail === 'string' && requestLanguage(request) === 'zh-CN' && ZH[detail]) {
      throw new AppError('validation_failed', { detail: ZH[detail] });
    }
    throw err;
  }
}
