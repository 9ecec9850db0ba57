import { key } from '../plc/st/ast.js';
import { and, not, type BoolExpr } from './bool-expr.js';

/**
 * What the standard and PLCopen safety FBs guarantee about an output right after a call, as sound
 * implications only (output TRUE ⇒ condition on the inputs of that call). Anything not listed guarantees
 * nothing: SR, TOF and TP outputs, counters and user FBs are free variables to the analysis.
 */

type ArgOf = (param: string) => BoolExpr | null;

/** Inputs through which an SF block reads e-stop and guard devices, by the role the site config gives them. */
export const SF_SAFETY_INPUTS: Record<string, { param: string; role: 'estop' | 'guard' }[]> = {
  SF_EMERGENCYSTOP: [{ param: 'S_EStopIn', role: 'estop' }],
  SF_ESPE: [{ param: 'S_ESPE_In', role: 'guard' }],
  SF_GUARDMONITORING: [
    { param: 'S_GuardSwitch1', role: 'guard' },
    { param: 'S_GuardSwitch2', role: 'guard' },
  ],
};

/** Time inputs of SF blocks that bound a reaction (lengthening them delays a safety function). */
export const SF_TIME_INPUTS = ['DiscrepancyTime', 'MonitoringTime', 'ModeMonitorTime', 'DiscTimeEntry', 'MaxMutingTime', 'TestTime'];

export const TIMER_TYPES = new Set(['TON', 'TOF', 'TP', 'TON_TIME', 'TOF_TIME', 'TP_TIME', 'TON_LTIME', 'TOF_LTIME', 'TP_LTIME', 'IEC_TIMER', 'IEC_LTIMER']);

export function isSafetyFbType(name: string): boolean {
  return key(name).startsWith('SF_');
}

/** Implications per BOOL output (upper-case output name → condition), for a call with the given inputs. */
export function fbImplications(typeName: string, arg: ArgOf): Map<string, BoolExpr> {
  const t = key(typeName);
  const out = new Map<string, BoolExpr>();
  const a = (...ps: string[]): BoolExpr[] => ps.map((p) => arg(p)).filter((x): x is BoolExpr => x !== null);
  const first = (...ps: string[]): BoolExpr | null => ps.map((p) => arg(p)).find((x) => x !== null) ?? null;
  if (t === 'TON' || t === 'TON_TIME' || t === 'TON_LTIME') {
    const i = arg('IN');
    if (i) out.set('Q', i);
  } else if (t === 'R_TRIG') {
    const c = arg('CLK');
    if (c) out.set('Q', c);
  } else if (t === 'F_TRIG') {
    const c = arg('CLK');
    if (c) out.set('Q', not(c));
  } else if (t === 'RS') {
    const r = first('R1', 'RESET1');
    if (r) out.set('Q1', not(r));
  } else if (t.startsWith('SF_')) {
    const act = a('Activate');
    const gate = (o: string, ...more: BoolExpr[]): void => void out.set(key(o), and(...act, ...more));
    switch (t) {
      case 'SF_EMERGENCYSTOP':
        gate('S_EStopOut', ...a('S_EStopIn'));
        break;
      case 'SF_ESPE':
        gate('S_ESPE_Out', ...a('S_ESPE_In'));
        break;
      case 'SF_GUARDMONITORING':
        gate('S_GuardMonitoring', ...a('S_GuardSwitch1', 'S_GuardSwitch2'));
        break;
      case 'SF_GUARDLOCKING':
        gate('S_GuardLocked', ...a('S_GuardMonitoring', 'S_GuardLock'));
        break;
      case 'SF_TWOHANDCONTROLTYPEII':
      case 'SF_TWOHANDCONTROLTYPEIII':
        gate('S_TwoHandOut', ...a('S_Button1', 'S_Button2'));
        break;
      case 'SF_EQUIVALENT':
        gate('S_EquivalentOut', ...a('S_ChannelA', 'S_ChannelB'));
        break;
      case 'SF_ANTIVALENT': {
        const no = arg('S_ChannelNO');
        gate('S_AntivalentOut', ...a('S_ChannelNC'), ...(no ? [not(no)] : []));
        break;
      }
      case 'SF_EDM':
        gate('S_EDM_Out', ...a('S_OutControl'));
        break;
      case 'SF_OUTCONTROL':
        gate('S_OutControl', ...a('S_SafeControl', 'ProcessControl'));
        break;
      case 'SF_TESTABLESAFETYSENSOR':
        gate('S_OSSD_Out', ...a('S_OSSD_In'));
        break;
      default:
        break;
    }
    // Every PLCopen safety FB holds all its outputs FALSE while not activated.
    if (act.length) out.set('READY', and(...act));
  }
  return out;
}

/** Safe outputs of an SF block that gate something (the S_* BOOL outputs). */
export function isSafeOutput(param: string): boolean {
  return /^S_/i.test(param);
}
