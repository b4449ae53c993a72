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
  duplicate_value: [
    409,
    '该值已被使用（{field}），请换一个',
    'This value is already taken ({field}); choose another one',
  ],
  uri_too_long: [414, '地址中的某一段太长了', 'A part of the address is too long'],
  invalid_transition: [
    409,
    '工单状态不能从「{from}」变为「{to}」',
    'A ticket cannot go from "{from}" to "{to}"',
  ],
  ticket_closed: [409, '工单已关闭，请新建工单', 'This ticket is closed; please open a new one'],
  time_rule_not_found: [404, '未找到该定时规则', 'Time rule not found'],
  merge_other_customer: [409, '只能合并同一客户的工单', 'Only tickets of the same customer can be merged'],
  merge_not_allowed: [409, '无法合并：{detail}', 'These tickets cannot be merged: {detail}'],
  merge_source_merged: [
    409,
    '无法合并：{ticket} 已合并到其他工单',
    'These tickets cannot be merged: {ticket} is merged already',
  ],
  merge_source_closed: [
    409,
    '无法合并：{ticket} 已关闭',
    'These tickets cannot be merged: {ticket} is closed',
  ],
  category_not_found: [400, '问题类型不存在', 'Unknown problem category'],
  team_not_found: [404, '未找到该团队', 'Team not found'],
  overflow_team_invalid: [
    400,
    '溢出团队必须是另一个已有团队',
    'The overflow team must be another existing team',
  ],
  unsafe_pattern: [
    400,
    '字段“{field}”的格式规则可能出现灾难性回溯（嵌套或重叠的重复，如 (a+)+），请改写后再保存',
    'The pattern of the field "{field}" can backtrack catastrophically (nested or overlapping repeats, e.g. (a+)+); write it without them',
  ],
  invalid_fields: [400, '请检查以下信息：{detail}', 'Please check these details: {detail}'],
  file_empty: [400, '文件是空的', 'The file is empty'],
  file_type_not_allowed: [
    415,
    '不支持此文件类型（{type}），请上传图片、PDF 或文本文件',
    'This file type ({type}) is not allowed; upload an image, a PDF or a text file',
  ],
  invite_invalid: [
    410,
    '邀请链接无效、已使用或已过期，请联系管理员重新邀请',
    'This invitation link is invalid, used or expired; ask your admin for a new one',
  ],
  brand_primary_contrast: [
    400,
    '主色 {colour} 与白色文字的对比度只有 {ratio}:1（至少 4.5:1），请选更深的颜色',
    'The primary colour {colour} has only {ratio}:1 contrast with white text (4.5:1 needed); choose a darker one',
  ],
  brand_accent_contrast: [
    400,
    '强调色 {colour} 与深色文字的对比度只有 {ratio}:1（至少 4.5:1），请选更浅的颜色',
    'The accent colour {colour} has only {ratio}:1 contrast with dark text (4.5:1 needed); choose a lighter one',
  ],
  two_factor_enrolment_required: [
    403,
    '管理员要求你的角色开启两步验证：请先完成设置，再使用工作台',
    'Your admins require two-factor sign-in for your role: set it up before using the desk',
  ],
  password_change_self: [
    409,
    '不能在这里设置自己的密码：请在“安全设置”中修改（需要当前密码）',
    'You cannot set your own password here: change it in your security settings (current password needed)',
  ],
  two_factor_reset_self: [
    409,
    '不能在这里重置自己的两步验证：请到“安全设置”中更改（需要密码和验证码）',
    'You cannot reset your own two-factor sign-in here: change it in your security settings (password and code needed)',
  ],
  two_factor_required_by_rule: [
    409,
    '管理员要求你的角色开启两步验证，不能关闭',
    'Your admins require two-factor sign-in for your role; it cannot be turned off',
  ],
  setup_done: [409, '此客服台已完成初始设置，请登录', 'This desk is already set up; sign in instead'],
  setup_invalid: [400, '初始设置有误：{detail}', 'The set-up is not valid: {detail}'],
  email_taken: [409, '该邮箱已被使用', 'This email address is already in use'],
  weak_password: [400, '密码至少需要 {min} 个字符', 'The password needs at least {min} characters'],
  service_unavailable: [
    503,
    '服务暂时不可用，请稍后再试',
    'The service is unavailable, please try again later',
  ],
  // channels (social and webhook channels)
  channel_not_found: [404, '未找到该渠道', 'Channel not found'],
  channel_registration_failed: [
    502,
    '渠道平台注册失败：{detail}',
    'The platform refused the channel registration: {detail}',
  ],
  invalid_link_code: [400, '绑定码无效、已过期或已使用', 'The link code is invalid, expired or already used'],
  internal: [500, '服务器出错了，我们已记录此问题', 'Something went wrong on our side; it has been logged'],
  // Satisfaction (csat/)
  csat_not_ready: [409, '工单解决后才能评价', 'You can rate a ticket once it is solved'],
  csat_locked: [409, '评价已超过可修改期限', 'This rating can no longer be changed'],
  csat_link_invalid: [404, '评价链接无效或已过期', 'This rating link is invalid or has expired'],
  csat_link_used: [410, '此评价链接已使用过', 'This rating link has already been used'],
  // Reports (reports/)
  report_period_invalid: [400, '报表时间范围无效：{detail}', 'The report period is not valid: {detail}'],
  // workspace: canned replies
  canned_shortcut_taken: [
    409,
    '已有使用该关键词的快捷回复',
    'A canned reply with this keyword already exists',
  ],
  // safety: secrets, civility, official channels
  secret_request_blocked: [
    422,
    '消息未发送：不得向客户索要密码、私钥、助记词或验证码（{kinds}）。此次拦截已记录。',
    'Not sent: never ask a customer for a password, private key, recovery phrase or code ({kinds}). This was recorded.',
  ],
  customer_muted: [
    403,
    '你已被暂时禁言，{until} 之后可以再发送消息',
    'You have been muted; you can write again after {until}',
  ],
  customer_blocked: [
    403,
    '由于违反沟通规范，你的账号已被禁止发送消息。如有异议请通过邮件联系我们',
    'You can no longer send messages because of repeated abuse. Write to us by email to appeal',
  ],
  slow_down: [
    429,
    '你发送得太快了，请 {retryAfter} 秒后再发送。已发送的内容都已收到',
    'You are sending too fast; please wait {retryAfter} seconds. Everything you sent so far arrived',
  ],
  repeated_message: [
    429,
    '同样的内容你已经发送过了，我们已收到，请耐心等待回复（{retryAfter} 秒后可再次发送）',
    'You already sent this same message and we have it; please wait for a reply (you can resend in {retryAfter} seconds)',
  ],
  too_many_attachments: [
    429,
    '上传的文件太多了，请 {retryAfter} 秒后再上传',
    'Too many files uploaded; please wait {retryAfter} seconds before the next one',
  ],
  message_too_long: [
    413,
    '消息太长了（最多 {max} 个字符），请分成几条发送或上传为文件',
    'The message is too long (at most {max} characters); split it or upload it as a file',
  ],
  official_channel_not_found: [404, '未找到该官方渠道', 'Official channel not found'],
  channel_exists: [409, '该官方渠道已存在', 'This official channel is already registered'],
  official_channel_managed: [
    409,
    '该官方账号来自已配置的社交渠道，请在渠道设置中修改',
    'This official account comes from a configured social channel; change the channel instead',
  ],
  invalid_channel: [400, '渠道无效：{detail}', 'Invalid channel: {detail}'],
  // Live chat (chat/)
  chat_not_found: [404, '未找到该对话', 'Chat not found'],
  chat_ended: [409, '该对话已结束，请开始新的对话', 'This chat has ended; start a new one'],
  chat_not_queued: [409, '该对话已不在排队中', 'This chat is no longer waiting in the queue'],
  agent_at_capacity: [409, '该客服的接待量已满', 'This agent has no free chat slot'],
  message_too_large: [
    413,
    '消息过长（上限 {limit} 个字符）',
    'The message is too long (limit {limit} characters)',
  ],
  chat_rate_limited: [
    429,
    '发送太快了，请稍等 {retryAfter} 毫秒',
    'You are sending too fast; wait {retryAfter} ms',
  ],
  origin_not_allowed: [403, '不允许来自此来源的连接', 'Connections from this origin are not allowed'],
  bad_frame: [400, '无法识别的消息：{detail}', 'Unrecognised frame: {detail}'],
  // help center
  help_article_not_found: [404, '未找到该帮助文章', 'Help article not found'],
  help_category_not_found: [404, '未找到该帮助分类', 'Help category not found'],
  help_section_not_found: [404, '未找到该帮助栏目', 'Help section not found'],
  help_version_not_found: [404, '未找到该文章版本', 'Article version not found'],
  help_image_not_found: [404, '未找到该图片', 'Image not found'],
  help_image_not_picture: [
    415,
    '只能插入图片（PNG、JPEG、GIF、WebP）',
    'Only pictures can be inserted (PNG, JPEG, GIF, WebP)',
  ],
  // Email notifications
  email_unsubscribe_invalid: [404, '退订链接无效', 'This unsubscribe link is invalid'],
  macro_not_found: [404, '未找到该宏', 'Macro not found'],
  custom_field_not_found: [404, '未找到该自定义字段', 'Custom field not found'],
  macro_action_not_allowed: [400, '宏不能包含该操作：{action}', 'A macro cannot hold this action: {action}'],
  ticket_other_team: [
    403,
    '工单 {ticket} 属于你不在的团队，请交给该团队或主管处理',
    'Ticket {ticket} belongs to a team you are not in; leave it to that team or a supervisor',
  ],
  incident_not_found: [404, '未找到该事件工单', 'Incident not found'],
  side_conversation_not_found: [404, '未找到该协作会话', 'Side conversation not found'],
  side_conversation_closed: [
    409,
    '该协作会话已关闭，请先重新打开',
    'This side conversation is closed; reopen it first',
  ],
  side_conversation_recipient_refused: [
    400,
    '协作会话不能发给本工单的客户或本客服的邮箱：{address}',
    "A side conversation cannot go to the ticket's customer or to the desk's own mailboxes: {address}",
  ],
  // 409, not 503: the desk's configuration refuses it; retrying will not help.
  side_conversation_no_mail: [
    409,
    '邮件渠道未开启（EMAIL_MAILBOXES），无法发起协作会话',
    'The email channel is off (EMAIL_MAILBOXES): side conversations cannot be sent',
  ],
  side_conversation_chat_refused: [
    400,
    '协作会话不能发到客户的私聊、客户找过客服的群或官方客服群',
    "A side conversation cannot go to a customer's chat, a group where customers write to the desk, or the official support group",
  ],
  side_conversation_channel_unusable: [
    400,
    '该渠道不存在、已停用，或不能主动发起消息（只有 Telegram 和 Webhook 渠道可以）',
    'That channel does not exist, is disabled, or cannot write first (only Telegram and webhook channels can)',
  ],
  side_conversation_target: [
    400,
    '请二选一：邮件收件人（to）或渠道与群组（channel）',
    'Give either mail recipients (to) or a channel and its chat (channel), not both or neither',
  ],
  incident_link_refused: [409, '不能关联该工单：{reason}', 'This ticket cannot be linked: {reason}'],
  incident_reply_personal: [
    409,
    '此宏的回复含有客户姓名、UID 或工单标题；在事件工单上它会发给每位关联客户，请改用事件回复',
    "This macro's reply names the customer or the ticket's title; on an incident it would go to every linked customer: use the incident reply instead",
  ],
  bulk_job_not_found: [404, '未找到该批量操作', 'Bulk action not found'],
  bulk_too_many: [
    400,
    '一次最多批量处理 {limit} 个工单，请缩小筛选范围',
    'At most {limit} tickets in one bulk action; narrow the filter',
  ],
  trigger_not_found: [404, '未找到该触发器', 'Trigger not found'],
  webhook_not_found: [404, '未找到该 Webhook 订阅', 'Webhook subscription not found'],
  webhook_target_refused: [
    400,
    'Webhook 地址不被允许：{reason}',
    'This webhook address is not allowed: {reason}',
  ],
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
