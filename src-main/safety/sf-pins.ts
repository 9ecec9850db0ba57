import { key } from '../plc/st/ast.js';

/**
 * What a constant on an S_ input of a PLCopen safety block means (TC5 Safety Part 1 v2.01, the blocks of
 * plc/check/builtins-safety.ts). A constant is not suspicious as such: S_StartReset := FALSE is how a manual
 * reset is wired, and leaving the pin open only trades it for a compiler warning. What matters is whether the
 * constant is the value that defeats the function, and that depends on the pin.
 */
export type SfPinRole =
  /** A safety device or its feedback, TRUE = healthy (NC contact, OSSD, lock or standstill confirmation). */
  | 'device'
  /** The normally-open channel of an antivalent pair, FALSE = healthy. */
  | 'device-inverted'
  /** S_StartReset / S_AutoReset: FALSE requires a manual reset, TRUE restarts on its own. */
  | 'restart'
  /** A mode or control input whose constant is a design decision with no safe value in general. */
  | 'setting';

const RESTART = { S_StartReset: 'restart', S_AutoReset: 'restart' } as const;

const ROLES: Readonly<Record<string, Readonly<Record<string, SfPinRole>>>> = {
  SF_EmergencyStop: { S_EStopIn: 'device', ...RESTART },
  SF_ESPE: { S_ESPE_In: 'device', ...RESTART },
  SF_GuardMonitoring: { S_GuardSwitch1: 'device', S_GuardSwitch2: 'device', ...RESTART },
  SF_GuardLocking: { S_GuardMonitoring: 'device', S_SafetyActive: 'device', S_GuardLock: 'device', ...RESTART },
  SF_SafetyRequest: { S_OpMode: 'device', S_Acknowledge: 'device' },
  SF_TwoHandControlTypeII: { S_Button1: 'device', S_Button2: 'device' },
  SF_TwoHandControlTypeIII: { S_Button1: 'device', S_Button2: 'device' },
  SF_Equivalent: { S_ChannelA: 'device', S_ChannelB: 'device' },
  SF_Antivalent: { S_ChannelNC: 'device', S_ChannelNO: 'device-inverted' },
  SF_ModeSelector: {
    S_Mode0: 'setting', S_Mode1: 'setting', S_Mode2: 'setting', S_Mode3: 'setting', S_Mode4: 'setting', S_Mode5: 'setting',
    S_Mode6: 'setting', S_Mode7: 'setting', S_Unlock: 'setting', S_SetMode: 'setting',
  },
  SF_EnableSwitch: { S_SafetyActive: 'device', S_EnableSwitchCh1: 'device', S_EnableSwitchCh2: 'device', S_AutoReset: 'restart' },
  SF_EDM: { S_OutControl: 'setting', S_EDM1: 'device', S_EDM2: 'device', S_StartReset: 'restart' },
  SF_OutControl: { S_SafeControl: 'device', ...RESTART },
  SF_MutingSeq: { S_AOPD_In: 'device', S_MutingLamp: 'device', S_StartReset: 'restart' },
  SF_SafelyLimitSpeed: { S_OpMode: 'device', S_Enabled: 'setting' },
  SF_TestableSafetySensor: { S_OSSD_In: 'device', ...RESTART },
};

const BY_KEY = new Map(Object.entries(ROLES).map(([fb, pins]) => [key(fb), new Map(Object.entries(pins).map(([p, r]) => [key(p), r]))]));

/** The blocks and pins the table covers, as the standard spells them (for completeness checks). */
export function sfPinTable(): Readonly<Record<string, Readonly<Record<string, SfPinRole>>>> {
  return ROLES;
}

/** The role of an input of an SF block; null for a block or pin the table does not know. */
export function sfPinRole(fbType: string, pin: string): SfPinRole | null {
  return BY_KEY.get(key(fbType))?.get(key(pin)) ?? null;
}

/** The constant that defeats a pin of this role; null where no constant is safe in general. */
export function defeatingConstant(role: SfPinRole): boolean | null {
  switch (role) {
    case 'device':
    case 'restart':
      return true;
    case 'device-inverted':
      return false;
    case 'setting':
      return null;
  }
}

/** Blocks with a restart interlock in the enabling output: after a demand it needs Reset unless S_AutoReset. */
export const RESTART_INTERLOCK_BLOCKS: Readonly<Record<string, string>> = {
  SF_EMERGENCYSTOP: 'S_EStopOut',
  SF_ESPE: 'S_ESPE_Out',
  SF_GUARDMONITORING: 'S_GuardMonitoring',
};
