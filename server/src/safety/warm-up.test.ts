import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { scanText } from './scan.ts';
import { warmSafetyScreens } from './warm-up.ts';

/**
 * Boot screens a text of each side before listening (boot.ts), so the first chat does not read the
 * two models while every other socket waits. Measured as this process's CPU for the first agent
 * reply screened after the warm-up (a fresh module graph: vitest runs each file on its own). On this
 * 2-core machine a first agent reply costs ~80 ms of CPU without the warm-up (reading and parsing
 * ask-model.json and context-model.json, the detectors' first compiles) and ~3 ms with it (with
 * only one agent text in the warm-up, ~21 ms: V8 still compiled the English ask paths). The bound
 * sits between them.
 */
const BOUND_MS = 30;

describe('safety screens warm-up', () => {
  it('loads the models before the first reply is screened', () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    warmSafetyScreens(logger);
    expect(lines.some((l) => l.includes('safety screens warmed up'))).toBe(true);

    const cpu0 = process.cpuUsage();
    const result = scanText('Could you read me the six-digit code from your authenticator app?', {
      from: 'agent',
    });
    const used = process.cpuUsage(cpu0);
    const ms = (used.user + used.system) / 1000;
    expect(result.findings.map((f) => f.kind)).toContain('secret_request');
    console.log(`first agent reply after the warm-up: ${ms.toFixed(1)} ms CPU`);
    expect(ms).toBeLessThan(BOUND_MS);
  });
});
