import { instanceOf, type NativeFbType, type NativeParam } from './native-fb.js';

const b = (name: string): NativeParam => ({ name, type: 'BOOL', initial: false });
const t = (name: string): NativeParam => ({ name, type: 'TIME', initial: 0 });
const i = (name: string): NativeParam => ({ name, type: 'INT', initial: 0 });

type Inst = Record<string, unknown> & { IN: boolean; PT: number; Q: boolean; ET: number; M: boolean; START: number };

function timer(name: string, step: (s: Inst, now: number) => void): NativeFbType {
  const inputs = [b('IN'), t('PT')];
  const outputs = [b('Q'), t('ET')];
  return {
    name,
    inputs,
    outputs,
    create: () => instanceOf({ inputs, outputs }, { M: false, START: 0 }),
    step: (self, now) => step(self as Inst, now),
  };
}

/** TON: ET is 0 on the scan IN rises; Q turns TRUE on the first scan where start + PT <= now. */
const TON = timer('TON', (s, now) => {
  if (!s.IN) {
    s.Q = false;
    s.ET = 0;
  } else {
    if (!s.M) s.START = now;
    const el = now - s.START;
    s.Q = el >= s.PT;
    s.ET = s.Q ? s.PT : el;
  }
  s.M = s.IN;
});

/** TOF: Q follows IN up at once and stays TRUE for PT after IN falls. */
const TOF = timer('TOF', (s, now) => {
  if (s.IN) {
    s.Q = true;
    s.ET = 0;
  } else {
    if (s.M) s.START = now;
    if (s.Q || s.M) {
      const el = now - s.START;
      s.Q = el < s.PT;
      s.ET = s.Q ? el : s.PT;
    }
  }
  s.M = s.IN;
});

/** TP: a pulse of length PT from a rising IN; not retriggerable while the pulse runs. */
const TP = timer('TP', (s, now) => {
  const running = s['RUN'] === true;
  if (!running && s.IN && !s.M && !s.Q) {
    s['RUN'] = true;
    s.START = now;
  }
  if (s['RUN'] === true) {
    const el = now - s.START;
    if (el >= s.PT) {
      s['RUN'] = false;
      s.Q = false;
      s.ET = s.PT;
    } else {
      s.Q = true;
      s.ET = el;
    }
  }
  if (s['RUN'] !== true && !s.IN) s.ET = 0;
  s.M = s.IN;
});

const INT_MAX = 32767;
const INT_MIN = -32768;

function fb(name: string, inputs: NativeParam[], outputs: NativeParam[], state: Record<string, boolean | number>, step: (s: Record<string, never>) => void): NativeFbType {
  return { name, inputs, outputs, create: () => instanceOf({ inputs, outputs }, state), step: (self) => step(self as Record<string, never>) };
}

export const STANDARD_FBS: readonly NativeFbType[] = [
  TON,
  TOF,
  TP,
  fb('CTU', [b('CU'), b('R'), i('PV')], [b('Q'), i('CV')], { MU: false }, (s: Record<string, number | boolean>) => {
    if (s['R']) s['CV'] = 0;
    else if (s['CU'] && !s['MU'] && (s['CV'] as number) < INT_MAX) s['CV'] = (s['CV'] as number) + 1;
    s['MU'] = s['CU']!;
    s['Q'] = (s['CV'] as number) >= (s['PV'] as number);
  }),
  fb('CTD', [b('CD'), b('LD'), i('PV')], [b('Q'), i('CV')], { MD: false }, (s: Record<string, number | boolean>) => {
    if (s['LD']) s['CV'] = s['PV']!;
    else if (s['CD'] && !s['MD'] && (s['CV'] as number) > INT_MIN) s['CV'] = (s['CV'] as number) - 1;
    s['MD'] = s['CD']!;
    s['Q'] = (s['CV'] as number) <= 0;
  }),
  fb('CTUD', [b('CU'), b('CD'), b('R'), b('LD'), i('PV')], [b('QU'), b('QD'), i('CV')], { MU: false, MD: false }, (s: Record<string, number | boolean>) => {
    const up = s['CU'] && !s['MU'];
    const down = s['CD'] && !s['MD'];
    if (s['R']) s['CV'] = 0;
    else if (s['LD']) s['CV'] = s['PV']!;
    else if (up && !down && (s['CV'] as number) < INT_MAX) s['CV'] = (s['CV'] as number) + 1;
    else if (down && !up && (s['CV'] as number) > INT_MIN) s['CV'] = (s['CV'] as number) - 1;
    s['MU'] = s['CU']!;
    s['MD'] = s['CD']!;
    s['QU'] = (s['CV'] as number) >= (s['PV'] as number);
    s['QD'] = (s['CV'] as number) <= 0;
  }),
  fb('R_TRIG', [b('CLK')], [b('Q')], { M: false }, (s: Record<string, boolean>) => {
    s['Q'] = s['CLK']! && !s['M'];
    s['M'] = s['CLK']!;
  }),
  fb('F_TRIG', [b('CLK')], [b('Q')], { M: true }, (s: Record<string, boolean>) => {
    s['Q'] = !s['CLK'] && !s['M'];
    s['M'] = !s['CLK'];
  }),
  /** SR is set-dominant, RS reset-dominant (IEC 61131-3 table 43). */
  fb('SR', [b('S1'), b('R')], [b('Q1')], {}, (s: Record<string, boolean>) => {
    s['Q1'] = s['S1']! || (!s['R'] && s['Q1']!);
  }),
  fb('RS', [b('S'), b('R1')], [b('Q1')], {}, (s: Record<string, boolean>) => {
    s['Q1'] = !s['R1'] && (s['S']! || s['Q1']!);
  }),
];

/** Vendor spellings of the same blocks and pins: CODESYS/TwinCAT (SET1, RESET, LOAD), TIA (TON_TIME, ...). */
export const FB_ALIASES: Readonly<Record<string, string>> = { TON_TIME: 'TON', TOF_TIME: 'TOF', TP_TIME: 'TP', IEC_TIMER: 'TON', CTU_INT: 'CTU', CTD_INT: 'CTD', CTUD_INT: 'CTUD' };
export const PIN_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  CTU: { RESET: 'R' },
  CTD: { LOAD: 'LD' },
  CTUD: { RESET: 'R', LOAD: 'LD' },
  SR: { SET1: 'S1', RESET: 'R' },
  RS: { SET: 'S', RESET1: 'R1' },
};
