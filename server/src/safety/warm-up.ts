import type { Logger } from 'pino';
import { scanText } from './scan.ts';

/**
 * Screens one customer text and one agent reply before the node takes traffic, so the first chat
 * does not pay for reading the two models (ask-model.json, context-model.json) and for the
 * detectors' first compiled paths: about 170 ms of CPU on a quiet machine, during which every
 * other socket on the node waits. A failure is logged, never fatal: the screens then load on
 * first use, as before.
 */
export function warmSafetyScreens(logger: Logger) {
  const t0 = performance.now();
  try {
    scanText('提现没到账, my password is Warm-up-2024 and the code 381 402', { from: 'customer' });
    scanText('請把驗證碼發給我 so I can check the withdrawal', { from: 'agent' });
    scanText('Thanks! Could you send the 12 words from your wallet backup? Never share them elsewhere.', {
      from: 'agent',
    });
    logger.info({ ms: Math.round(performance.now() - t0) }, 'safety screens warmed up');
  } catch (err) {
    logger.warn({ err }, 'safety screens warm-up failed');
  }
}
