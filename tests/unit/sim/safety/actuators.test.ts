import { describe, it } from 'vitest';
import { SF_EDM, SF_OutControl, SF_SafelyLimitSpeed, SF_SafetyRequest } from '../../../../src-main/safety-blocks/index.js';
import { drive, err } from './drive.js';

describe('SF_EDM', () => {
  const O = 'S_EDM_Out';
  const fbOk = { S_EDM1: true, S_EDM2: true };
  it('idle; Init needs a rising Reset; enable with valid feedback; actuator must pull in within MonitoringTime', () => {
    drive(SF_EDM, [
      { t: 0, in: { S_OutControl: true, ...fbOk }, out: { Ready: false, [O]: false, DiagCode: 0 } },
      { t: 10, in: { Activate: true, S_OutControl: false, MonitoringTime: 100 }, out: { Ready: true, DiagCode: 0x8401 } },
      { t: 20, out: { DiagCode: 0x8401 } },
      { t: 30, in: { Reset: true }, out: { [O]: false, DiagCode: 0x8810 } },
      { t: 40, in: { S_OutControl: true }, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 50, in: { S_EDM1: false, S_EDM2: false }, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 60, in: { S_OutControl: false }, out: { [O]: false, DiagCode: 0x8810 } },
      { t: 70, in: fbOk, out: { DiagCode: 0x8810 } },
      { t: 80, in: { Activate: false }, out: { Ready: false, DiagCode: 0 } },
    ]);
  });
  it('S_StartReset skips the start-up inhibit; C001 static Reset; C100 Reset and S_OutControl rising together', () => {
    drive(SF_EDM, [
      { t: 0, in: { Activate: true, S_StartReset: true, ...fbOk }, out: { DiagCode: 0x8401 } },
      { t: 10, out: { DiagCode: 0x8810 } },
    ]);
    drive(SF_EDM, [
      { t: 0, in: { Activate: true, Reset: true, ...fbOk }, out: { DiagCode: 0x8401 } },
      { t: 10, out: err(0xc001, O) },
      { t: 20, in: { Reset: false }, out: { Error: false, DiagCode: 0x8401 } },
      { t: 30, in: { Reset: true, S_OutControl: true }, out: err(0xc100, O) },
      { t: 40, in: { Reset: false }, out: err(0xc100, O) },
      { t: 50, in: { Reset: true }, out: err(0xc100, O) }, // S_OutControl still TRUE: cause not gone
      { t: 60, in: { Reset: false, S_OutControl: false }, out: err(0xc100, O) },
      { t: 70, in: { Reset: true }, out: { Error: false, DiagCode: 0x8810 } },
    ]);
  });
  const errCases: Array<[string, Record<string, boolean>, number, number]> = [
    ['C010 EDM1 bad at enable', { S_EDM1: false }, 0xc010, 0],
    ['C020 EDM2 bad at enable', { S_EDM2: false }, 0xc020, 0],
    ['C030 both bad at enable', { S_EDM1: false, S_EDM2: false }, 0xc030, 0],
  ];
  for (const [name, bad, code] of errCases) {
    it(name, () => {
      drive(SF_EDM, [
        { t: 0, in: { Activate: true, S_StartReset: true, ...fbOk, ...bad, MonitoringTime: 1000 }, out: { DiagCode: 0x8401 } },
        { t: 10, out: { DiagCode: 0x8810 } },
        { t: 20, in: { S_OutControl: true }, out: err(code, O) },
        { t: 30, in: { S_OutControl: false, ...fbOk, Reset: true }, out: { Error: false, DiagCode: 0x8810 } },
      ]);
    });
  }
  it('C040 / C050 / C060: actuator does not drop out within MonitoringTime in 8810', () => {
    for (const [bad, code] of [[{ S_EDM1: false }, 0xc040], [{ S_EDM2: false }, 0xc050], [{ S_EDM1: false, S_EDM2: false }, 0xc060]] as const) {
      drive(SF_EDM, [
        { t: 0, in: { Activate: true, S_StartReset: true, ...fbOk, ...bad, MonitoringTime: 50 }, out: { DiagCode: 0x8401 } },
        { t: 10, out: { DiagCode: 0x8810 } },
        { t: 59, out: { DiagCode: 0x8810 } },
        { t: 60, out: err(code, O) },
        { t: 70, in: { Reset: true }, out: { Error: false, DiagCode: 0x8810 } }, // re-checked in 8810
      ]);
    }
  });
  it('C070 / C080 / C090: actuator does not pull in within MonitoringTime in 8000', () => {
    for (const [still1, still2, code] of [[true, false, 0xc070], [false, true, 0xc080], [true, true, 0xc090]] as const) {
      drive(SF_EDM, [
        { t: 0, in: { Activate: true, S_StartReset: true, ...fbOk, MonitoringTime: 50 }, out: { DiagCode: 0x8401 } },
        { t: 10, out: { DiagCode: 0x8810 } },
        { t: 20, in: { S_OutControl: true }, out: { [O]: true, DiagCode: 0x8000 } },
        { t: 30, in: { S_EDM1: still1, S_EDM2: still2 }, out: { [O]: true, DiagCode: 0x8000 } },
        { t: 70, out: err(code, O) },
        { t: 80, in: { Reset: true }, out: err(code, O) }, // S_OutControl still TRUE
      ]);
    }
  });
});

describe('SF_OutControl', () => {
  const O = 'S_OutControl';
  it('idle; Init Reset; ProcessControl must rise; safety demand; restart inhibit needs Reset', () => {
    drive(SF_OutControl, [
      { t: 0, in: { S_SafeControl: true, ProcessControl: true }, out: { Ready: false, [O]: false, DiagCode: 0 } },
      { t: 10, in: { Activate: true, ProcessControl: false }, out: { Ready: true, DiagCode: 0x8401 } },
      { t: 20, in: { Reset: true }, out: { DiagCode: 0x8006 } },
      { t: 30, in: { ProcessControl: true, Reset: false }, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 40, in: { S_SafeControl: false }, out: { [O]: false, DiagCode: 0x8802 } },
      { t: 50, in: { S_SafeControl: true }, out: { [O]: false, DiagCode: 0x8404 } },
      { t: 60, in: { Reset: true }, out: { DiagCode: 0x8006 } },
      { t: 70, out: err(0xc010, O) }, // ProcessControl held TRUE: a rising edge is required
      { t: 80, in: { ProcessControl: false, Reset: false }, out: err(0xc010, O) },
      { t: 90, in: { Reset: true }, out: { Error: false, DiagCode: 0x8006 } },
      { t: 100, in: { ProcessControl: true }, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 110, in: { ProcessControl: false }, out: { [O]: false, DiagCode: 0x8006 } },
      { t: 120, in: { Activate: false }, out: { Ready: false, DiagCode: 0 } },
    ]);
  });
  it('S_StartReset, S_AutoReset and StaticControl', () => {
    drive(SF_OutControl, [
      { t: 0, in: { Activate: true, S_SafeControl: true, ProcessControl: true, StaticControl: true, S_StartReset: true, S_AutoReset: true }, out: { DiagCode: 0x8401 } },
      { t: 10, out: { DiagCode: 0x8006 } },
      { t: 20, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 30, in: { S_SafeControl: false }, out: { [O]: false, DiagCode: 0x8802 } },
      { t: 40, in: { S_SafeControl: true }, out: { DiagCode: 0x8006 } },
      { t: 50, out: { [O]: true, DiagCode: 0x8000 } },
    ]);
  });
  it('C001 / C011 static Reset; C020 / C030 Reset and ProcessControl rising together', () => {
    drive(SF_OutControl, [
      { t: 0, in: { Activate: true, S_SafeControl: true, Reset: true }, out: { DiagCode: 0x8401 } },
      { t: 10, out: err(0xc001, O) },
      { t: 20, in: { Reset: false }, out: { Error: false, DiagCode: 0x8401 } },
      { t: 30, in: { Reset: true, ProcessControl: true }, out: err(0xc020, O) },
      { t: 40, in: { Reset: false, ProcessControl: false }, out: err(0xc020, O) },
      { t: 50, in: { Reset: true }, out: { Error: false, DiagCode: 0x8006 } },
      { t: 60, in: { S_SafeControl: false, Reset: false }, out: { DiagCode: 0x8802 } },
      { t: 70, in: { S_SafeControl: true, Reset: true }, out: { DiagCode: 0x8404 } },
      { t: 80, out: err(0xc011, O) },
      { t: 90, in: { Reset: false }, out: { Error: false, DiagCode: 0x8404 } },
      { t: 100, in: { Reset: true, ProcessControl: true }, out: err(0xc030, O) },
      { t: 110, in: { Reset: false, ProcessControl: false }, out: err(0xc030, O) },
      { t: 120, in: { Reset: true }, out: { Error: false, DiagCode: 0x8006 } },
    ]);
  });
});

describe('SF_SafetyRequest', () => {
  const A = 'S_SafetyActive';
  const R = 'S_SafetyRequest';
  it('idle; Init needs Reset; operation mode; safe state requested and confirmed within MonitoringTime', () => {
    drive(SF_SafetyRequest, [
      { t: 0, in: { S_OpMode: true }, out: { Ready: false, [A]: false, [R]: false, DiagCode: 0 } },
      { t: 10, in: { Activate: true, MonitoringTime: 100 }, out: { Ready: true, [R]: false, DiagCode: 0x8401 } },
      { t: 20, in: { Reset: true }, out: { [R]: true, [A]: false, DiagCode: 0x8802 } },
      { t: 30, in: { S_OpMode: false, Reset: false }, out: { [R]: false, [A]: false, DiagCode: 0x8002 } },
      { t: 120, in: { S_Acknowledge: true }, out: { [R]: false, [A]: true, DiagCode: 0x8000 } },
      { t: 130, in: { S_OpMode: true }, out: { [R]: true, [A]: false, DiagCode: 0x8804 } },
      { t: 140, in: { S_Acknowledge: false }, out: { [R]: true, DiagCode: 0x8802 } },
      { t: 150, in: { Activate: false }, out: { Ready: false, [R]: false, DiagCode: 0 } },
    ]);
  });
  it('C001 static Reset in Init; C020 MonitoringTime elapsed; C011 static Reset there; 8004 after the reset', () => {
    drive(SF_SafetyRequest, [
      { t: 0, in: { Activate: true, Reset: true, MonitoringTime: 30 }, out: { DiagCode: 0x8401 } },
      { t: 10, out: err(0xc001, A, R) },
      { t: 20, in: { Reset: false }, out: { Error: false, DiagCode: 0x8401 } },
      { t: 30, in: { Reset: true }, out: { DiagCode: 0x8002 } },
      { t: 60, out: err(0xc020, A, R) },
      { t: 70, in: { Reset: false }, out: err(0xc020, A, R) },
      { t: 80, in: { Reset: true }, out: { Error: false, [A]: false, DiagCode: 0x8004 } },
      { t: 90, in: { S_Acknowledge: true }, out: { [A]: true, DiagCode: 0x8000 } },
    ]);
  });
  it('C010 acknowledge lost in the safe state; C014 static Reset there', () => {
    drive(SF_SafetyRequest, [
      { t: 0, in: { Activate: true, S_Acknowledge: true }, out: { DiagCode: 0x8401 } },
      { t: 10, in: { Reset: true }, out: { DiagCode: 0x8002 } },
      { t: 20, out: { [A]: true, DiagCode: 0x8000 } },
      { t: 30, in: { Reset: false }, out: { DiagCode: 0x8000 } },
      { t: 40, in: { S_Acknowledge: false, Reset: true }, out: err(0xc010, A, R) },
      { t: 50, out: err(0xc014, A, R) },
      { t: 60, in: { Reset: false }, out: err(0xc010, A, R) },
      { t: 70, in: { Reset: true }, out: { Error: false, DiagCode: 0x8004 } },
      { t: 80, in: { S_OpMode: true }, out: { [R]: true, DiagCode: 0x8802 } },
    ]);
  });
});

describe('SF_SafelyLimitSpeed', () => {
  const O = 'S_SafetyActive';
  const p = { AxisID: 1, MonitoredSpeed: 250 };
  it('idle; init; operation mode; limit requested and confirmed; confirmation lost is an error (C001)', () => {
    drive(SF_SafelyLimitSpeed, [
      { t: 0, in: { ...p, S_Enabled: true }, out: { Ready: false, [O]: false, DiagCode: 0 } },
      { t: 10, in: { Activate: true, S_OpMode: true }, out: { Ready: true, [O]: false, DiagCode: 0x8001 } },
      { t: 20, out: { [O]: false, DiagCode: 0x8002 } },
      { t: 30, in: { S_OpMode: false, S_Enabled: false }, out: { [O]: false, DiagCode: 0x8003 } },
      { t: 40, in: { S_Enabled: true }, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 50, in: { S_Enabled: false }, out: err(0xc001, O) },
      { t: 60, in: { Reset: true }, out: err(0xc001, O) }, // cause still there
      { t: 70, in: { Reset: false, S_Enabled: true }, out: err(0xc001, O) },
      { t: 80, in: { Reset: true }, out: { Error: false, DiagCode: 0x8001 } },
      { t: 90, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 100, in: { Activate: false }, out: { Ready: false, [O]: false, DiagCode: 0 } },
    ]);
  });
  it('C002: invalid parameters', () => {
    drive(SF_SafelyLimitSpeed, [
      { t: 0, in: { Activate: true, AxisID: 1, MonitoredSpeed: 0, S_Enabled: true }, out: { DiagCode: 0x8001 } },
      { t: 10, out: err(0xc002, O) },
      { t: 20, in: { Reset: true }, out: err(0xc002, O) },
      { t: 30, in: { MonitoredSpeed: 100, Reset: false }, out: err(0xc002, O) },
      { t: 40, in: { Reset: true }, out: { Error: false, DiagCode: 0x8001 } },
    ]);
  });
});
