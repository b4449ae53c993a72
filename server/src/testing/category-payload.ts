/**
 * The body of `POST /admin/categories` for a test's own problem type: no team, normal priority,
 * active; the form is the test's. Tests that need a form the demo has not (an attachments field)
 * make their category with this, each with a code of its own.
 */
export function categoryPayload(code: string, position: number, fields: Array<Record<string, unknown>>) {
  return {
    code,
    nameZh: `测试 ${code}`,
    nameEn: `Test ${code}`,
    teamId: null,
    defaultPriority: 'normal',
    customerMayPrioritise: false,
    form: { fields },
    position,
    active: true,
  };
}

/** A required "transfer screenshot" (at most two files) after a required order id. */
export const ORDER_AND_PROOF = [
  { key: 'orderId', type: 'text', labelZh: '订单号', labelEn: 'Order id', required: true },
  {
    key: 'proof',
    type: 'attachments',
    labelZh: '转账截图',
    labelEn: 'Transfer screenshot',
    required: true,
    maxFiles: 2,
  },
];
