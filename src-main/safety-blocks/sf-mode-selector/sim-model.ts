/**
 * SF_ModeSelector (PLCopen TC5 Safety Part 1 v2.01): selects one of up to eight operating modes. DiagCodes per
 * the v2.01 table:
 *   8802 mode changed / after activation / after an error reset: all outputs FALSE until a mode is set;
 *   8000 valid mode selected, not locked; 8010 mode locked (S_Unlock FALSE);
 *   C010 two or more S_ModeX TRUE (short circuit); C410 short circuit gone, waiting for a rising Reset;
 *   C020 no S_ModeX TRUE for ModeMonitorTime after a falling trigger (open circuit); C420 open circuit gone
 *   (exactly one mode TRUE), waiting for a rising Reset; C011 / C021 static Reset in C410 / C420.
 * A mode becomes selected on a rising S_SetMode or, with AutoSetMode, as soon as exactly one mode is TRUE.
 * Conservative choices (the v2.01 table leaves them open): the short-/open-circuit checks stay active while the
 * selection is locked; the ModeMonitorTime timer is private (`_T1`) and runs while no mode input is TRUE.
 * The v2.01 enum has no Init state: activation enters 8802 directly.
 */
import { ACTIVATE, DIAG, ERROR, READY, RESET, bool, defineSafetyFb, safeBool, time, type Ctx } from '../core/state-machine.js';

const MODES = [0, 1, 2, 3, 4, 5, 6, 7];

function selection(c: Ctx): { count: number; mode: number } {
  let count = 0;
  let mode = -1;
  for (const m of MODES) {
    if (c.b(`S_Mode${m}`)) {
      count++;
      mode = m;
    }
  }
  return { count, mode };
}

/** Tracks how long no mode input has been TRUE; true once that exceeded ModeMonitorTime. */
function openCircuit(c: Ctx, count: number): boolean {
  if (count > 0) {
    c.set('T1', -1);
    return false;
  }
  if (c.get('T1') < 0) c.set('T1', c.now);
  return c.now - c.get('T1') >= Math.max(0, c.n('ModeMonitorTime'));
}

export const SF_ModeSelector = defineSafetyFb({
  name: 'SF_ModeSelector',
  inputs: [
    ACTIVATE, ...MODES.map((m) => safeBool(`S_Mode${m}`)), safeBool('S_Unlock'), safeBool('S_SetMode'),
    bool('AutoSetMode'), time('ModeMonitorTime'), RESET,
  ],
  outputs: [READY, ...MODES.map((m) => safeBool(`S_Mode${m}Sel`)), safeBool('S_AnyModeSel'), ERROR, DIAG],
  codes: [0x8802, 0x8000, 0x8010, 0xc010, 0xc410, 0xc020, 0xc420, 0xc011, 0xc021],
  init: 0x8802,
  edges: ['S_SetMode'],
  scratch: { T1: -1, SEL: -1 },
  next(c) {
    const { count, mode } = selection(c);
    const st = c.state;
    if (st === 0x8802 || st === 0x8000 || st === 0x8010) {
      if (count > 1) return 0xc010;
      if (openCircuit(c, count)) return 0xc020;
    }
    switch (st) {
      case 0x8802:
        if (count === 1 && (c.b('AutoSetMode') || c.rise('S_SetMode'))) {
          c.set('SEL', mode);
          return c.b('S_Unlock') ? 0x8000 : 0x8010;
        }
        return 0x8802;
      case 0x8000:
        if (count === 0 || mode !== c.get('SEL')) return 0x8802; // selector moved: confirm the new mode first
        return c.b('S_Unlock') ? 0x8000 : 0x8010;
      case 0x8010: // locked: a moved selector does not change the selected mode
        return c.b('S_Unlock') ? 0x8000 : 0x8010;
      case 0xc010:
        return count <= 1 ? 0xc410 : 0xc010;
      case 0xc410:
        if (count > 1) return 0xc010;
        if (c.resetEdge()) return 0x8802;
        return c.resetStatic() ? 0xc011 : 0xc410;
      case 0xc020:
        if (count > 1) return 0xc010;
        return count === 1 ? 0xc420 : 0xc020;
      case 0xc420:
        if (count > 1) return 0xc010;
        if (count === 0) return 0xc020;
        if (c.resetEdge()) return 0x8802;
        return c.resetStatic() ? 0xc021 : 0xc420;
      case 0xc011:
        return c.b('Reset') ? 0xc011 : 0xc410;
      default: // C021
        return c.b('Reset') ? 0xc021 : 0xc420;
    }
  },
  onEnter(c, s) {
    if (s === 0x8802 || (s & 0xc000) === 0xc000) c.set('SEL', -1);
  },
  out(c, s) {
    const on: Record<string, boolean> = {};
    if (s === 0x8000 || s === 0x8010) {
      on[`S_MODE${c.get('SEL')}SEL`] = true;
      on['S_ANYMODESEL'] = true;
    }
    return on;
  },
});
