import type { NativeFbType, NativeParam } from './native-fb.js';
import type { SimValue } from './sim-types.js';

/**
 * Logix timer and counter instructions as the RLL translation calls them (RA_TON, ...; see
 * plc/ladder/rockwell-types.ts for the semantics). All state lives in the TIMER/COUNTER tag passed by
 * reference; the time of a timer's last update is kept in a hidden `$LAST` field of that tag, where Logix
 * keeps it in hidden bits.
 */
type Tag = Record<string, SimValue>;
type Ref = { o: Record<string | number, Tag>; k: string | number } | null;

const inputs: NativeParam[] = [{ name: 'EnableIn', type: 'BOOL', initial: false }];

function tagOf(self: Record<string, SimValue>, pin: string): Tag | null {
  const r = self[pin] as unknown as Ref;
  return r ? r.o[r.k]! : null;
}

function timer(name: string, step: (t: Tag, en: boolean, elapsed: number) => void): NativeFbType {
  return {
    name,
    inputs,
    outputs: [],
    create: () => ({ ENABLEIN: false, TIMER: null as unknown as SimValue }),
    step(self, now) {
      const t = tagOf(self, 'TIMER');
      if (!t) return;
      const last = typeof t['$LAST'] === 'number' ? (t['$LAST'] as number) : now;
      step(t, self['ENABLEIN'] === true, now - last);
      t['$LAST'] = now;
    },
  };
}

const acc = (t: Tag): number => t['ACC'] as number;
const pre = (t: Tag): number => t['PRE'] as number;

function counter(name: string, pin: 'CU' | 'CD', delta: 1 | -1): NativeFbType {
  return {
    name,
    inputs,
    outputs: [],
    create: () => ({ ENABLEIN: false, COUNTER: null as unknown as SimValue }),
    step(self) {
      const c = tagOf(self, 'COUNTER');
      if (!c) return;
      const en = self['ENABLEIN'] === true;
      if (en && c[pin] !== true) {
        const next = acc(c) + delta;
        if (next > 2147483647) {
          c['ACC'] = -2147483648;
          c['OV'] = true;
        } else if (next < -2147483648) {
          c['ACC'] = 2147483647;
          c['UN'] = true;
        } else c['ACC'] = next;
      }
      c[pin] = en;
      c['DN'] = acc(c) >= pre(c);
    },
  };
}

export const ROCKWELL_FBS: readonly NativeFbType[] = [
  timer('RA_TON', (t, en, dt) => {
    if (!en) {
      Object.assign(t, { ACC: 0, EN: false, TT: false, DN: false });
      return;
    }
    // The scan that enables the timer starts it; time accumulates from the next scan on.
    const next = t['EN'] === true ? Math.min(acc(t) + dt, pre(t)) : acc(t);
    Object.assign(t, { EN: true, ACC: next, DN: next >= pre(t), TT: next < pre(t) });
  }),
  timer('RA_TOF', (t, en, dt) => {
    if (en) {
      Object.assign(t, { ACC: 0, EN: true, DN: true, TT: false });
      return;
    }
    if (t['DN'] !== true) {
      Object.assign(t, { EN: false, TT: false });
      return;
    }
    const next = t['EN'] === true ? acc(t) : Math.min(acc(t) + dt, pre(t));
    Object.assign(t, { EN: false, ACC: next, DN: next < pre(t), TT: next < pre(t) });
  }),
  timer('RA_RTO', (t, en, dt) => {
    if (!en) {
      Object.assign(t, { EN: false, TT: false });
      return;
    }
    const next = t['EN'] === true ? Math.min(acc(t) + dt, Math.max(pre(t), acc(t))) : acc(t);
    Object.assign(t, { EN: true, ACC: next, DN: next >= pre(t), TT: next < pre(t) });
  }),
  counter('RA_CTU', 'CU', 1),
  counter('RA_CTD', 'CD', -1),
];
