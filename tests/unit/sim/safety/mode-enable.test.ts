import { describe, it } from 'vitest';
import { SF_EnableSwitch, SF_ModeSelector } from '../../../../src-main/safety-blocks/index.js';
import { drive, err } from './drive.js';

describe('SF_ModeSelector', () => {
  it('idle; mode changed after activation; rising S_SetMode selects; lock; a moved selector deselects', () => {
    drive(SF_ModeSelector, [
      { t: 0, in: { S_Mode1: true }, out: { Ready: false, S_Mode1Sel: false, S_AnyModeSel: false, DiagCode: 0 } },
      { t: 10, in: { Activate: true, S_Unlock: true, ModeMonitorTime: 100 }, out: { Ready: true, S_AnyModeSel: false, DiagCode: 0x8802 } },
      { t: 20, out: { S_Mode1Sel: false, DiagCode: 0x8802 } },
      { t: 30, in: { S_SetMode: true }, out: { S_Mode1Sel: true, S_AnyModeSel: true, DiagCode: 0x8000 } },
      { t: 40, in: { S_Unlock: false, S_SetMode: false }, out: { S_Mode1Sel: true, DiagCode: 0x8010 } },
      { t: 50, in: { S_Mode1: false, S_Mode2: true }, out: { S_Mode1Sel: true, S_Mode2Sel: false, DiagCode: 0x8010 } },
      { t: 60, in: { S_Unlock: true }, out: { S_Mode1Sel: true, DiagCode: 0x8000 } },
      { t: 70, out: { S_Mode1Sel: false, S_Mode2Sel: false, S_AnyModeSel: false, DiagCode: 0x8802 } },
      { t: 80, in: { S_SetMode: true }, out: { S_Mode2Sel: true, S_AnyModeSel: true, DiagCode: 0x8000 } },
      { t: 90, in: { Activate: false }, out: { Ready: false, S_Mode2Sel: false, S_AnyModeSel: false, DiagCode: 0 } },
    ]);
  });
  it('AutoSetMode selects without S_SetMode; a held S_SetMode is not a rising edge', () => {
    drive(SF_ModeSelector, [
      { t: 0, in: { Activate: true, S_Mode3: true, S_Unlock: true, S_SetMode: true }, out: { DiagCode: 0x8802 } },
      { t: 10, out: { S_Mode3Sel: false, DiagCode: 0x8802 } },
      { t: 20, in: { AutoSetMode: true }, out: { S_Mode3Sel: true, DiagCode: 0x8000 } },
    ]);
  });
  it('C010 / C410 / C011: two modes at once; reset only after the short circuit is gone, by a rising Reset', () => {
    drive(SF_ModeSelector, [
      { t: 0, in: { Activate: true, S_Mode0: true, S_Mode1: true, Reset: true }, out: { DiagCode: 0x8802 } },
      { t: 10, out: err(0xc010, 'S_Mode0Sel', 'S_AnyModeSel') },
      { t: 20, in: { S_Mode1: false }, out: err(0xc410) },
      { t: 30, out: err(0xc011) }, // Reset held since before: static
      { t: 40, in: { Reset: false }, out: err(0xc410) },
      { t: 50, in: { Reset: true }, out: { Error: false, DiagCode: 0x8802 } },
    ]);
  });
  it('C020 / C420 / C021: no mode beyond ModeMonitorTime; left by a rising Reset once one mode is TRUE', () => {
    drive(SF_ModeSelector, [
      { t: 0, in: { Activate: true, S_Mode0: true, ModeMonitorTime: 50, AutoSetMode: true, S_Unlock: true }, out: { DiagCode: 0x8802 } },
      { t: 10, out: { S_Mode0Sel: true, DiagCode: 0x8000 } },
      { t: 20, in: { S_Mode0: false }, out: { S_Mode0Sel: false, DiagCode: 0x8802 } },
      { t: 60, out: { DiagCode: 0x8802 } },
      { t: 70, out: err(0xc020, 'S_AnyModeSel') },
      { t: 80, in: { Reset: true }, out: err(0xc020) }, // cause still there
      { t: 90, in: { S_Mode4: true }, out: err(0xc420) },
      { t: 100, out: err(0xc021) },
      { t: 110, in: { Reset: false }, out: err(0xc420) },
      { t: 120, in: { S_Mode4: false }, out: err(0xc020) },
      { t: 130, in: { S_Mode4: true }, out: err(0xc420) },
      { t: 140, in: { Reset: true }, out: { Error: false, S_Mode4Sel: false, DiagCode: 0x8802 } },
      { t: 150, out: { S_Mode4Sel: true, DiagCode: 0x8000 } },
    ]);
  });
});

describe('SF_EnableSwitch', () => {
  const O = 'S_EnableSwitchOut';
  const pos1 = { S_EnableSwitchCh1: false, S_EnableSwitchCh2: true };
  const pos2 = { S_EnableSwitchCh1: true, S_EnableSwitchCh2: true };
  const pos3 = { S_EnableSwitchCh1: false, S_EnableSwitchCh2: false };
  it('idle; safe mode off; position 1 -> 2 enables; panic position 3 drops it; back via position 1 only', () => {
    drive(SF_EnableSwitch, [
      { t: 0, in: pos2, out: { Ready: false, [O]: false, DiagCode: 0 } },
      { t: 10, in: { Activate: true, ...pos1 }, out: { Ready: true, [O]: false, DiagCode: 0x8002 } },
      { t: 20, in: pos2, out: { [O]: false, DiagCode: 0x8002 } }, // no safe mode: never enabled
      { t: 30, in: { ...pos1, S_SafetyActive: true }, out: { DiagCode: 0x8004 } },
      { t: 40, out: { DiagCode: 0x8802 } },
      { t: 50, in: pos2, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 60, in: pos3, out: { [O]: false, DiagCode: 0x8804 } },
      { t: 70, in: pos1, out: { DiagCode: 0x8802 } },
      { t: 80, in: pos2, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 90, in: { S_SafetyActive: false }, out: { [O]: false, DiagCode: 0x8002 } },
      { t: 100, in: { Activate: false }, out: { Ready: false, DiagCode: 0 } },
    ]);
  });
  it('C010 / C020 / C001: switch not in position 1 when the safe mode starts; Reset in position 1', () => {
    drive(SF_EnableSwitch, [
      { t: 0, in: { Activate: true, ...pos2, S_SafetyActive: true }, out: { DiagCode: 0x8002 } },
      { t: 10, out: { DiagCode: 0x8004 } },
      { t: 20, out: err(0xc010, O) },
      { t: 30, in: { Reset: true }, out: err(0xc010, O) },
      { t: 40, in: pos1, out: err(0xc020, O) },
      { t: 50, out: err(0xc001, O) }, // Reset held: static
      { t: 60, in: { Reset: false }, out: err(0xc020, O) },
      { t: 70, in: { Reset: true }, out: { Error: false, DiagCode: 0x8802 } },
      { t: 80, in: pos2, out: { [O]: true, DiagCode: 0x8000 } },
    ]);
  });
  it('C030 / C040 / C011: position 2 directly after position 3; S_AutoReset acknowledges', () => {
    drive(SF_EnableSwitch, [
      { t: 0, in: { Activate: true, ...pos1, S_SafetyActive: true }, out: { DiagCode: 0x8002 } },
      { t: 10, out: { DiagCode: 0x8004 } },
      { t: 15, out: { DiagCode: 0x8802 } },
      { t: 20, in: pos3, out: { DiagCode: 0x8804 } },
      { t: 30, in: pos2, out: err(0xc030, O) },
      { t: 40, in: { ...pos1, Reset: true }, out: err(0xc040, O) },
      { t: 50, out: err(0xc011, O) },
      { t: 60, in: { Reset: false }, out: err(0xc040, O) },
      { t: 70, in: { S_AutoReset: true }, out: { Error: false, DiagCode: 0x8802 } },
    ]);
  });
});
