import { ACTIVATE, DIAG, ERROR, READY, RESET, defineSafetyFb, safeBool, truthy, type SafetyFbType } from './state-machine.js';

/**
 * The restart-interlock machine shared by SF_EmergencyStop and SF_ESPE (Part 1 v2.01, both state diagrams are
 * identical; DiagCodes as in the v2.01 tables):
 *   8001 Init -> 8000 if S_StartReset and the input is TRUE, else 8802.
 *   8802 wait for input (after start)  -> C001 if Reset is TRUE, 8402 once the input is TRUE.
 *   8402 wait for Reset (after start)  -> 8000 on a rising Reset; back to 8802 if the input drops.
 *   8000 output enabled                 -> 8804 as soon as the input is FALSE (demand).
 *   8804 wait for input (after demand) -> C011 if Reset is TRUE, 8404 once the input is TRUE.
 *   8404 wait for Reset (after demand) -> 8000 if S_AutoReset or on a rising Reset; back to 8804 on demand.
 *   C001 / C011 (Reset TRUE while waiting for the input) -> back to 8802 / 8804 once Reset is FALSE: the cause
 *   of a static-Reset error is the Reset signal itself, so the spec leaves it when Reset is released; the output
 *   still needs a fresh rising Reset (or S_AutoReset after a demand) before it is enabled again.
 * Conservative choice (spec ambiguous): S_StartReset with the input FALSE at start goes to 8802, i.e. a manual
 * Reset is then always required.
 */
export function restartInterlock(name: string, inName: string, outName: string): SafetyFbType {
  return defineSafetyFb({
    name,
    inputs: [ACTIVATE, safeBool(inName), safeBool('S_StartReset'), safeBool('S_AutoReset'), RESET],
    outputs: [READY, safeBool(outName), ERROR, DIAG],
    codes: [0x8001, 0x8000, 0x8802, 0x8402, 0x8804, 0x8404, 0xc001, 0xc011],
    init: 0x8001,
    next(c) {
      const inOk = c.b(inName);
      switch (c.state) {
        case 0x8001:
          return c.b('S_StartReset') && inOk ? 0x8000 : 0x8802;
        case 0x8802:
          if (c.b('Reset') && !truthy(c.self['_RESET_USED'])) return 0xc001;
          return inOk ? 0x8402 : 0x8802;
        case 0x8402:
          if (!inOk) return 0x8802;
          return c.resetEdge() ? 0x8000 : 0x8402;
        case 0x8000:
          return inOk ? 0x8000 : 0x8804;
        case 0x8804:
          if (c.b('Reset') && !truthy(c.self['_RESET_USED'])) return 0xc011;
          return inOk ? 0x8404 : 0x8804;
        case 0x8404:
          if (!inOk) return 0x8804;
          return c.b('S_AutoReset') || c.resetEdge() ? 0x8000 : 0x8404;
        case 0xc001:
          return c.b('Reset') ? 0xc001 : 0x8802;
        case 0xc011:
          return c.b('Reset') ? 0xc011 : 0x8804;
        default:
          return 0x8001;
      }
    },
    out: (_c, s) => ({ [outName.toUpperCase()]: s === 0x8000 }),
  });
}
