import type { sideEn } from './messages-side-en.ts';

/** 协作会话面板的中文文案（issue #17）。 */
export const sideZh: Record<keyof typeof sideEn, string> = {
  'side.title': '协作会话',
  'side.hint': '通过邮件联系第三方（其他交易所、公链基金会、支付合作方）。仅客服可见，客户永远看不到。',
  'side.new': '新建协作会话',
  'side.to': '收件人（多个地址用逗号分隔）',
  'side.subject': '主题',
  'side.body': '内容',
  'side.attach': '添加附件',
  'side.send': '发送',
  'side.reply': '回复',
  'side.close': '关闭',
  'side.reopen': '重新打开',
  'side.none': '还没有协作会话。',
  'side.status.open': '进行中',
  'side.status.closed': '已关闭',
  'side.you': '{name} → {to}',
  'side.from': '{from}',
  'side.unverified': '发件人未通过验证（DMARC），请勿据此处理账户事项。',
  'side.notParticipant': '发件人不在本会话最初的收件人之列。',
  'side.state.queued': '发送中…',
  'side.state.sent': '已发送',
  'side.state.failed': '发送失败：{error}',
  'side.needTo': '请至少填写一个收件地址。',
  'side.messages': '{count} 封邮件',
};
