import { expect } from 'vitest';
import type { AgentAuth, TestDesk } from './harness.ts';

/**
 * The body of `POST /admin/categories` for a test's own problem type: no team, normal priority,
 * active; the form is the test's. Tests that need a form the demo has not (an attachments field)
 * make their category with this, each with a code of its own.
 */
function categoryPayload(code: string, position: number, fields: Array<Record<string, unknown>>) {
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

/** Makes the category through the admin API (so its caches are told) and answers its id. */
export async function createCategory(
  desk: TestDesk,
  admin: AgentAuth,
  code: string,
  position: number,
  fields: Array<Record<string, unknown>>,
): Promise<string> {
  const made = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/admin/categories',
    headers: admin.write,
    payload: categoryPayload(code, position, fields),
  });
  expect(made.statusCode, made.body).toBe(201);
  return made.json().id as string;
}

/** A required "transfer screenshot" (at most two files). */
export const PROOF = {
  key: 'proof',
  type: 'attachments',
  labelZh: '转账截图',
  labelEn: 'Transfer screenshot',
  required: true,
  maxFiles: 2,
};

/** The same after a required order id. */
export const ORDER_AND_PROOF = [
  { key: 'orderId', type: 'text', labelZh: '订单号', labelEn: 'Order id', required: true },
  PROOF,
];
