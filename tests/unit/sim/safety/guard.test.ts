import { describe, it } from 'vitest';
import { SF_GuardLocking, SF_GuardMonitoring } from '../../../../src-main/safety-blocks/index.js';
import { drive, err } from './drive.js';

describe('SF_GuardMonitoring', () => {
  const O = 'S_GuardMonitoring';
  const closed = { S_GuardSwitch1: true, S_GuardSwitch2: true };
  const open = { S_GuardSwitch1: false, S_GuardSwitch2: false };
  it('idle; init requires a complete opening, closing within the discrepancy time and a rising Reset', () => {
    drive(SF_GuardMonitoring, [
      { t: 0, in: { ...closed, DiscrepancyTime: 100 }, out: { Ready: false, [O]: false, DiagCode: 0 } },
      { t: 10, in: { Activate: true }, out: { Ready: true, [O]: false, DiagCode: 0x8001 } },
      { t: 20, out: { [O]: false, DiagCode: 0x8802 } },
      { t: 30, in: open, out: { DiagCode: 0x8804 } },
      { t: 40, in: { S_GuardSwitch1: true }, out: { DiagCode: 0x8806 } },
      { t: 50, in: { S_GuardSwitch2: true }, out: { [O]: false, DiagCode: 0x8002 } },
      { t: 60, out: { [O]: false, DiagCode: 0x8402 } },
      { t: 70, in: { Reset: true }, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 80, in: { S_GuardSwitch2: false }, out: { [O]: false, DiagCode: 0x8802 } },
      { t: 90, in: { S_GuardSwitch1: false, Reset: false }, out: { DiagCode: 0x8804 } },
      { t: 100, in: { S_GuardSwitch2: true }, out: { DiagCode: 0x8808 } },
      { t: 110, in: { S_GuardSwitch1: true }, out: { DiagCode: 0x8002 } },
      { t: 120, out: { DiagCode: 0x8402 } },
      { t: 130, in: { Reset: true }, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 140, in: { Activate: false }, out: { Ready: false, [O]: false, DiagCode: 0 } },
    ]);
  });
  it('S_StartReset enables a closed guard at start-up; S_AutoReset after reclosing', () => {
    drive(SF_GuardMonitoring, [
      { t: 0, in: { Activate: true, ...closed, S_StartReset: true, S_AutoReset: true }, out: { DiagCode: 0x8001 } },
      { t: 10, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 20, in: open, out: { [O]: false, DiagCode: 0x8804 } },
      { t: 30, in: closed, out: { [O]: false, DiagCode: 0x8002 } },
      { t: 40, out: { [O]: true, DiagCode: 0x8000 } },
    ]);
  });
  it('C001: static Reset while waiting for Reset; left when Reset is released', () => {
    drive(SF_GuardMonitoring, [
      { t: 0, in: { Activate: true, ...open, Reset: true }, out: { DiagCode: 0x8001 } },
      { t: 10, out: { DiagCode: 0x8802 } },
      { t: 20, out: { DiagCode: 0x8804 } },
      { t: 30, in: closed, out: { DiagCode: 0x8002 } },
      { t: 40, out: { DiagCode: 0x8402 } },
      { t: 50, out: err(0xc001, 'S_GuardMonitoring') },
      { t: 60, in: { Reset: false }, out: { Error: false, DiagCode: 0x8402 } },
      { t: 70, in: { Reset: true }, out: { [O]: true, DiagCode: 0x8000 } },
    ]);
  });
  it('C010 / C020: discrepancy time elapsed; left only by a rising Reset once the guard is fully open', () => {
    drive(SF_GuardMonitoring, [
      { t: 0, in: { Activate: true, ...open, DiscrepancyTime: 30 }, out: { DiagCode: 0x8001 } },
      { t: 10, out: { DiagCode: 0x8802 } },
      { t: 20, out: { DiagCode: 0x8804 } },
      { t: 30, in: { S_GuardSwitch1: true }, out: { DiagCode: 0x8806 } },
      { t: 60, out: err(0xc010, O) },
      { t: 70, in: { Reset: true }, out: err(0xc010, O) }, // cause (switch 1 closed alone) still there
      { t: 80, in: { S_GuardSwitch1: false }, out: err(0xc010, O) }, // cause gone but Reset is only held
      { t: 90, in: { Reset: false }, out: err(0xc010, O) },
      { t: 100, in: { Reset: true }, out: { Error: false, DiagCode: 0x8804 } },
      { t: 110, in: { S_GuardSwitch2: true, Reset: false }, out: { DiagCode: 0x8808 } },
      { t: 140, out: err(0xc020, O) },
      { t: 150, in: { S_GuardSwitch2: false, Reset: true }, out: { Error: false, DiagCode: 0x8804 } },
    ]);
  });
});

describe('SF_GuardLocking', () => {
  const L = 'S_GuardLocked';
  const U = 'S_UnlockGuard';
  const locked = { S_GuardMonitoring: true, S_GuardLock: true };
  it('idle; init with a rising Reset; unlock only once the machine confirms its safe state', () => {
    drive(SF_GuardLocking, [
      { t: 0, in: locked, out: { Ready: false, [L]: false, [U]: false, DiagCode: 0 } },
      { t: 10, in: { Activate: true }, out: { Ready: true, [L]: false, DiagCode: 0x8001 } },
      { t: 20, out: { [L]: false, DiagCode: 0x8003 } },
      { t: 30, in: { Reset: true }, out: { [L]: true, [U]: false, DiagCode: 0x8000 } },
      { t: 40, in: { Reset: false, UnlockRequest: true }, out: { [L]: false, [U]: false, DiagCode: 0x8011 } },
      { t: 50, in: { S_SafetyActive: true }, out: { [L]: false, [U]: true, DiagCode: 0x8012 } },
      { t: 60, in: { S_GuardMonitoring: false, S_GuardLock: false }, out: { [L]: false, [U]: false, DiagCode: 0x8013 } },
      { t: 70, in: { UnlockRequest: false, ...locked }, out: { [L]: false, DiagCode: 0x8003 } },
      { t: 80, in: { Reset: true }, out: { [L]: true, DiagCode: 0x8000 } },
      { t: 90, in: { Activate: false }, out: { Ready: false, [L]: false, DiagCode: 0 } },
    ]);
  });
  it('S_StartReset and S_AutoReset; withdrawing the unlock request keeps the guard locked', () => {
    drive(SF_GuardLocking, [
      { t: 0, in: { Activate: true, ...locked, S_StartReset: true, S_AutoReset: true }, out: { DiagCode: 0x8001 } },
      { t: 10, out: { [L]: true, DiagCode: 0x8000 } },
      { t: 20, in: { UnlockRequest: true }, out: { [L]: false, DiagCode: 0x8011 } },
      { t: 30, in: { UnlockRequest: false }, out: { [L]: true, DiagCode: 0x8000 } },
      { t: 40, in: { UnlockRequest: true, S_SafetyActive: true }, out: { DiagCode: 0x8011 } },
      { t: 50, out: { [U]: true, DiagCode: 0x8012 } },
      { t: 60, in: { S_GuardMonitoring: false }, out: { [U]: false, DiagCode: 0x8013 } },
      { t: 70, in: { S_GuardMonitoring: true, UnlockRequest: false }, out: { [L]: true, DiagCode: 0x8000 } }, // S_AutoReset
    ]);
  });
  it('C001 / C002: static Reset at Init / while waiting for Reset', () => {
    drive(SF_GuardLocking, [
      { t: 0, in: { Activate: true, ...locked, Reset: true }, out: { DiagCode: 0x8001 } },
      { t: 10, out: err(0xc001, L, U) },
      { t: 20, in: { Reset: false }, out: { Error: false, DiagCode: 0x8001 } },
      { t: 30, out: { DiagCode: 0x8003 } },
      { t: 40, in: { S_GuardLock: false }, out: { DiagCode: 0x8013 } },
      { t: 50, in: { S_GuardLock: true, Reset: true }, out: { DiagCode: 0x8003 } },
      { t: 60, out: err(0xc002, L, U) },
      { t: 70, in: { Reset: false }, out: { Error: false, DiagCode: 0x8003 } },
    ]);
  });
  it('C010: guard opened or lock lost while locked; left by a rising Reset once closed and locked again', () => {
    drive(SF_GuardLocking, [
      { t: 0, in: { Activate: true, ...locked, S_StartReset: true }, out: { DiagCode: 0x8001 } },
      { t: 10, out: { [L]: true, DiagCode: 0x8000 } },
      { t: 20, in: { S_GuardLock: false }, out: err(0xc010, L, U) },
      { t: 30, in: { Reset: true }, out: err(0xc010, L, U) },
      { t: 40, in: { S_GuardLock: true }, out: err(0xc010, L, U) },
      { t: 50, in: { Reset: false }, out: err(0xc010, L, U) },
      { t: 60, in: { Reset: true }, out: { Error: false, [L]: false, DiagCode: 0x8001 } },
      { t: 70, out: { [L]: true, DiagCode: 0x8000 } }, // S_StartReset applies again at Init
    ]);
  });
});
