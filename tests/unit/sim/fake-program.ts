import { SimPathError, type SimFault, type SimProgram, type SimValue, type SimVariable } from '../../../src-main/sim/sim-types.js';

/** A hand-written SimProgram for tests, until the compiler exists: a variable table plus a logic function. */
export interface FakeVar {
  path: string;
  type: string;
  kind: SimVariable['kind'];
  initial: SimValue;
  address?: string;
  retain?: boolean;
}

export type Logic = (v: Record<string, SimValue>, nowMs: number, fault: (kind: SimFault['kind'], message: string, line: number) => void) => void;

export class FakeProgram implements SimProgram {
  timeMs = 0;
  scans = 0;
  fault: SimFault | null = null;
  private values: Record<string, SimValue> = {};
  private readonly byName = new Map<string, string>();

  constructor(
    private readonly vars: FakeVar[],
    private readonly logic: Logic,
    readonly cycleMs = 10,
    private readonly pou = 'Main',
  ) {
    for (const v of vars) {
      this.byName.set(v.path.toLowerCase(), v.path);
      if (v.address) this.byName.set(v.address.toLowerCase(), v.path);
    }
    this.restart('cold');
  }

  variables(): SimVariable[] {
    return this.vars.map((v) => ({ path: v.path, type: v.type, address: v.address ?? null, kind: v.kind, retain: v.retain ?? false }));
  }

  private resolve(path: string): string {
    const p = this.byName.get(path.toLowerCase());
    if (!p) throw new SimPathError(path, `no variable or address "${path}" in ${this.pou}`);
    return p;
  }

  get(path: string): SimValue {
    return this.values[this.resolve(path)]!;
  }

  set(path: string, value: SimValue): void {
    const p = this.resolve(path);
    const cur = this.values[p]!;
    // Converted to the variable's representation, as the real simulator promises.
    this.values[p] = typeof cur === 'boolean' ? Boolean(value) : typeof cur === 'number' ? Number(value) : typeof cur === 'bigint' ? BigInt(value) : String(value);
  }

  scan(): void {
    if (this.fault) return;
    this.logic(this.values, this.timeMs, (kind, message, line) => {
      this.fault ??= { kind, message, pou: this.pou, file: `${this.pou}.st`, line, timeMs: this.timeMs, scan: this.scans };
    });
    if (this.fault) return;
    this.timeMs += this.cycleMs;
    this.scans++;
  }

  restart(mode: 'cold' | 'warm'): void {
    const kept = this.values;
    this.values = {};
    for (const v of this.vars) this.values[v.path] = mode === 'warm' && v.retain ? kept[v.path]! : v.initial;
    this.timeMs = 0;
    this.scans = 0;
    this.fault = null;
  }
}

const LATCH_VARS: FakeVar[] = [
  { path: 'Start_PB', type: 'BOOL', kind: 'input', initial: false, address: '%IX0.0' },
  { path: 'Stop_PB_NC', type: 'BOOL', kind: 'input', initial: false, address: '%IX0.1' },
  { path: 'Speed_SP', type: 'INT', kind: 'input', initial: 0, address: '%IW2' },
  { path: 'Motor', type: 'BOOL', kind: 'output', initial: false, address: '%QX0.0' },
  { path: 'Lamp_Running', type: 'BOOL', kind: 'output', initial: false, address: '%QX0.1' },
  { path: 'Speed_Out', type: 'REAL', kind: 'output', initial: 0 },
  { path: 'Main.since', type: 'TIME', kind: 'variable', initial: 0 },
  { path: 'Main.msg', type: 'STRING', kind: 'variable', initial: '' },
];

/**
 * A start/stop latch with a 50 ms "running" lamp timer: Motor := (Start OR Motor) AND Stop_NC; the lamp comes on
 * once the motor has run 50 ms; Speed_Out := Speed_SP * 0.1. A speed above 1000 indexes past a table: bounds fault
 * at line 12. `delay` makes Motor follow one scan late (a behaviour change); `Motor_next` holds the late value.
 */
export function latchProgram(opts: { delay?: boolean; cycleMs?: number } = {}): FakeProgram {
  const vars = opts.delay ? [...LATCH_VARS, { path: 'Main.motor_next', type: 'BOOL', kind: 'variable' as const, initial: false }] : LATCH_VARS;
  return new FakeProgram(
    vars,
    (v, now, fault) => {
      if ((v['Speed_SP'] as number) > 1000) return fault('bounds', `index ${String(v['Speed_SP'])} outside 0..1000`, 12);
      const prev = (opts.delay ? v['Main.motor_next'] : v['Motor']) as boolean;
      const latched = ((v['Start_PB'] as boolean) || prev) && (v['Stop_PB_NC'] as boolean);
      if (opts.delay) {
        v['Motor'] = prev;
        v['Main.motor_next'] = latched;
      } else v['Motor'] = latched;
      if (latched && !prev) v['Main.since'] = now;
      v['Lamp_Running'] = latched && now - (v['Main.since'] as number) >= 50;
      v['Speed_Out'] = Math.fround((v['Speed_SP'] as number) * 0.1);
      v['Main.msg'] = latched ? 'running' : 'stopped';
    },
    opts.cycleMs ?? 10,
  );
}

/**
 * The same behaviour written differently: the start input is called `Start_Button`, the timer counts scans
 * instead of remembering a start time, and the internal variables have other names.
 */
export function refactoredLatchProgram(): FakeProgram {
  return new FakeProgram(
    [
      { path: 'Start_Button', type: 'BOOL', kind: 'input', initial: false, address: '%IX0.0' },
      { path: 'Stop_PB_NC', type: 'BOOL', kind: 'input', initial: false, address: '%IX0.1' },
      { path: 'Speed_SP', type: 'INT', kind: 'input', initial: 0, address: '%IW2' },
      { path: 'Motor', type: 'BOOL', kind: 'output', initial: false, address: '%QX0.0' },
      { path: 'Lamp_Running', type: 'BOOL', kind: 'output', initial: false, address: '%QX0.1' },
      { path: 'Speed_Out', type: 'REAL', kind: 'output', initial: 0 },
      { path: 'Main.run_scans', type: 'INT', kind: 'variable', initial: 0 },
      { path: 'Main.msg', type: 'STRING', kind: 'variable', initial: '' },
    ],
    (v, _now, fault) => {
      const sp = v['Speed_SP'] as number;
      if (sp > 1000) return fault('bounds', `index ${sp} outside 0..1000`, 14);
      const run = ((v['Start_Button'] as boolean) || (v['Motor'] as boolean)) && (v['Stop_PB_NC'] as boolean);
      v['Motor'] = run;
      v['Main.run_scans'] = run ? Math.min(32767, (v['Main.run_scans'] as number) + 1) : 0;
      v['Lamp_Running'] = (v['Main.run_scans'] as number) > 5;
      v['Speed_Out'] = Math.fround(sp / 10);
      v['Main.msg'] = run ? 'running' : 'stopped';
    },
  );
}

/**
 * A valve (hazardous) that opens once Start has been held `openAfter` scans, a lamp, and `lamps` extra lamps.
 * `lampInverted` turns the lamp's logic around (it differs from the first scan); `countDown` keeps the same
 * count in an internal variable that runs the other way (a refactoring with no effect outside the program).
 */
export function valveProgram(o: { openAfter?: number; lampInverted?: boolean; countDown?: boolean; lamps?: number } = {}): FakeProgram {
  const extra = Array.from({ length: o.lamps ?? 0 }, (_, i) => `Lamp_${i + 1}`);
  const limit = o.openAfter ?? 30;
  return new FakeProgram(
    [
      { path: 'Start', type: 'BOOL', kind: 'input', initial: false, address: '%IX0.0' },
      { path: 'Valve', type: 'BOOL', kind: 'output', initial: false, address: '%QX0.0' },
      { path: 'Lamp', type: 'BOOL', kind: 'output', initial: false, address: '%QX0.1' },
      ...extra.map((path, i) => ({ path, type: 'BOOL', kind: 'output' as const, initial: false, address: `%QX1.${i}` })),
      { path: 'Main.count', type: 'INT', kind: 'variable', initial: 0 },
    ],
    (v) => {
      const start = v['Start'] as boolean;
      const n = Math.abs(v['Main.count'] as number);
      const next = start ? Math.min(1000, n + 1) : 0;
      v['Main.count'] = o.countDown ? -next : next;
      v['Valve'] = start && next > limit;
      v['Lamp'] = o.lampInverted ? !start : start;
      for (const l of extra) v[l] = o.lampInverted ? !start : start;
    },
  );
}
