import type { Language } from './i18n.ts';

/**
 * Every error a client can see, with its HTTP status and its message in each language.
 * `{name}` placeholders are filled from the error's params.
 */
const ERRORS = {
  bad_request: [400, '请求无效：{detail}', 'Invalid request: {detail}'],
  validation_failed: [400, '提交的内容有误：{detail}', 'The request is not valid: {detail}'],
  invalid_json: [400, '请求体不是有效的 JSON', 'The request body is not valid JSON'],
  unsupported_media_type: [415, '不支持的内容类型', 'Unsupported content type'],
  payload_too_large: [413, '内容过大（上限 {limit}）', 'The content is too large (limit {limit})'],
  unauthenticated: [401, '请先登录', 'Please sign in first'],
  session_expired: [401, '登录已过期，请重新登录', 'Your session has expired, please sign in again'],
  invalid_credentials: [401, '邮箱或密码不正确', 'Wrong email or password'],
  totp_required: [401, '请输入两步验证码', 'Enter your two-factor code'],
  invalid_totp: [401, '两步验证码不正确或已使用', 'The two-factor code is wrong or was already used'],
  too_many_attempts: [
    429,
    '尝试次数过多，请 {retryAfter} 秒后再试',
    'Too many attempts, try again in {retryAfter} seconds',
  ],
  rate_limited: [429, '操作太频繁，请稍后再试', 'Too many requests, please slow down'],
  csrf_failed: [
    403,
    '安全校验失败，请刷新页面后重试',
    'Security check failed, reload the page and try again',
  ],
  forbidden: [403, '你没有权限执行此操作', 'You are not allowed to do this'],
  insufficient_scope: [403, '此令牌没有所需权限：{scope}', 'This token lacks the scope: {scope}'],
  invalid_identity_token: [401, '身份令牌无效或已过期', 'The identity token is invalid or expired'],
  not_found: [404, '未找到', 'Not found'],
  ticket_not_found: [404, '未找到该工单', 'Ticket not found'],
  attachment_not_found: [404, '未找到该附件', 'Attachment not found'],
  conflict: [409, '操作冲突：{detail}', 'Conflict: {detail}'],
  invalid_transition: [
    409,
    '工单状态不能从「{from}」变为「{to}」',
    'A ticket cannot go from "{from}" to "{to}"',
  ],
  ticket_closed: [409, '工单已关闭，请新建工单', 'This ticket is closed; please open a new one'],
  category_not_found: [400, '问题类型不存在', 'Unknown problem category'],
  invalid_fields: [400, '请检查以下信息：{detail}', 'Please check these details: {detail}'],
  file_empty: [400, '文件是空的', 'The file is empty'],
  file_type_not_allowed: [
    415,
    '不支持此文件类型（{type}），请上传图片、PDF 或文本文件',
    'This file type ({type}) is not allowed; upload an image, a PDF or a text file',
  ],
  email_taken: [409, '该邮箱已被使用', 'This email address is already in use'],
  weak_password: [400, '密码至少需要 {min} 个字符', 'The password needs at least {min} characters'],
  service_unavailable: [
    503,
    '服务暂时不可用，请稍后再试',
    'The service is unavailable, please try again later',
  ],
  internal: [500, '服务器出错了，我们已记录此问题', 'Something went wrong on our side; it has been logged'],
  // help center
  help_article_not_found: [404, '未找到该帮助文章', 'Help article not found'],
  help_category_not_found: [404, '未找到该帮助分类', 'Help category not found'],
} as const satisfies Record<string, readonly [number, string, string]>;

export type ErrorCode = keyof typeof ERRORS;

/** An error meant for the client: a stable code, a status, and a message in the caller's language. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: Record<string, string | number>;
  readonly headers: Record<string, string>;
  /** More machine-readable detail for the client (e.g. which form fields are wrong). */
  readonly extra: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    params: Record<string, string | number> = {},
    options: { headers?: Record<string, string>; extra?: Record<string, unknown> } = {},
  ) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code][0];
    this.params = params;
    this.headers = options.headers ?? {};
    this.extra = options.extra ?? {};
  }
}

export function errorMessage(code: ErrorCode, lang: Language, params: Record<string, string | number> = {}) {
  const [, zh, en] = ERRORS[code];
  const template: string = lang === 'zh-CN' ? zh : en;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

export function statusOf(code: ErrorCode): number {
  return ERRORS[code][0];
}
