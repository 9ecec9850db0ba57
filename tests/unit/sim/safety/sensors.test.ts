import { describe, it } from 'vitest';
import { SF_MutingSeq, SF_TestableSafetySensor } from '../../../../src-main/safety-blocks/index.js';
import { drive, err } from './drive.js';

describe('SF_TestableSafetySensor', () => {
  const O = 'S_OSSD_Out';
  it('idle; Init Reset; free untested; a passing test; demand drops the output; restart needs Reset', () => {
    drive(SF_TestableSafetySensor, [
      { t: 0, in: { S_OSSD_In: true }, out: { Ready: false, [O]: false, S_TestOut: false, DiagCode: 0 } },
      { t: 10, in: { Activate: true, TestTime: 20 }, out: { Ready: true, [O]: false, DiagCode: 0x8401 } },
      { t: 20, in: { Reset: true }, out: { [O]: true, S_TestOut: true, TestPossible: true, TestExecuted: false, DiagCode: 0x8010 } },
      { t: 30, in: { StartTest: true, Reset: false }, out: { [O]: true, S_TestOut: false, DiagCode: 0x8012 } },
      { t: 40, in: { S_OSSD_In: false }, out: { [O]: true, S_TestOut: true, DiagCode: 0x8014 } },
      { t: 50, in: { S_OSSD_In: true }, out: { [O]: true, TestExecuted: true, DiagCode: 0x8000 } },
      { t: 60, in: { S_OSSD_In: false, StartTest: false }, out: { [O]: false, DiagCode: 0x8802 } },
      { t: 70, in: { S_OSSD_In: true }, out: { [O]: false, DiagCode: 0x8402 } },
      { t: 80, in: { Reset: true }, out: { [O]: true, DiagCode: 0x8010 } },
      { t: 90, in: { Activate: false }, out: { Ready: false, [O]: false, DiagCode: 0 } },
    ]);
  });
  it('S_StartReset and S_AutoReset', () => {
    drive(SF_TestableSafetySensor, [
      { t: 0, in: { Activate: true, S_OSSD_In: true, S_StartReset: true, S_AutoReset: true }, out: { DiagCode: 0x8401 } },
      { t: 10, out: { [O]: true, DiagCode: 0x8010 } },
      { t: 20, in: { S_OSSD_In: false }, out: { [O]: false, DiagCode: 0x8802 } },
      { t: 30, in: { S_OSSD_In: true }, out: { DiagCode: 0x8010 } },
    ]);
  });
  it('C001 / C011 static Reset', () => {
    drive(SF_TestableSafetySensor, [
      { t: 0, in: { Activate: true, S_OSSD_In: true, Reset: true }, out: { DiagCode: 0x8401 } },
      { t: 10, out: err(0xc001, O, 'S_TestOut') },
      { t: 20, in: { Reset: false }, out: { Error: false, DiagCode: 0x8401 } },
      { t: 30, in: { S_OSSD_In: false }, out: { DiagCode: 0x8802 } },
      { t: 40, in: { S_OSSD_In: true, Reset: true }, out: { DiagCode: 0x8402 } },
      { t: 50, out: err(0xc011, O) },
      { t: 60, in: { Reset: false }, out: { Error: false, DiagCode: 0x8402 } },
    ]);
  });
  it('C010: the sensor does not react to the test; external manual test before the output returns', () => {
    drive(SF_TestableSafetySensor, [
      { t: 0, in: { Activate: true, S_OSSD_In: true, S_StartReset: true, TestTime: 20 }, out: { DiagCode: 0x8401 } },
      { t: 10, out: { DiagCode: 0x8010 } },
      { t: 20, in: { StartTest: true }, out: { DiagCode: 0x8012 } },
      { t: 40, out: err(0xc010, O) },
      { t: 50, in: { Reset: true }, out: { Error: false, [O]: false, DiagCode: 0x8002 } },
      { t: 60, in: { S_OSSD_In: false }, out: { [O]: false, DiagCode: 0x8804 } },
      { t: 70, in: { S_OSSD_In: true }, out: { [O]: false, DiagCode: 0x8404 } },
      { t: 80, in: { Reset: false }, out: { DiagCode: 0x8404 } },
      { t: 90, in: { Reset: true }, out: { [O]: true, DiagCode: 0x8010 } },
    ]);
  });
  it('C020: the sensor does not come back after the test; NoExternalTest skips the manual test', () => {
    drive(SF_TestableSafetySensor, [
      { t: 0, in: { Activate: true, S_OSSD_In: true, S_StartReset: true, TestTime: 20, NoExternalTest: true }, out: { DiagCode: 0x8401 } },
      { t: 10, out: { DiagCode: 0x8010 } },
      { t: 20, in: { StartTest: true }, out: { DiagCode: 0x8012 } },
      { t: 30, in: { S_OSSD_In: false }, out: { DiagCode: 0x8014 } },
      { t: 50, out: err(0xc020, O) },
      { t: 60, in: { Reset: true }, out: { Error: false, DiagCode: 0x8802 } },
      { t: 70, in: { S_OSSD_In: true, Reset: false }, out: { DiagCode: 0x8402 } },
      { t: 80, in: { Reset: true }, out: { [O]: true, DiagCode: 0x8010 } },
    ]);
  });
});

describe('SF_MutingSeq', () => {
  const O = 'S_AOPD_Out';
  const M = 'S_MutingActive';
  const base = { S_AOPD_In: true, S_MutingLamp: true, MutingEnable: true, DiscTimeEntry: 100, MaxMutingTime: 1000 };
  it('idle; Init Reset; a full forward muting sequence keeps the output TRUE while the curtain is interrupted', () => {
    drive(SF_MutingSeq, [
      { t: 0, in: base, out: { Ready: false, [O]: false, [M]: false, DiagCode: 0 } },
      { t: 10, in: { Activate: true }, out: { Ready: true, [O]: false, DiagCode: 0x8001 } },
      { t: 20, out: { DiagCode: 0x8002 } },
      { t: 30, in: { Reset: true }, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 40, in: { MutingSwitch11: true, Reset: false }, out: { [O]: true, [M]: false, DiagCode: 0x8011 } },
      { t: 50, in: { MutingSwitch12: true }, out: { [O]: true, [M]: true, DiagCode: 0x8012 } },
      { t: 60, in: { S_AOPD_In: false }, out: { [O]: true, [M]: true, DiagCode: 0x8012 } },
      { t: 70, in: { MutingSwitch21: true, MutingSwitch11: false }, out: { [O]: true, DiagCode: 0x8012 } },
      { t: 80, in: { MutingSwitch22: true, MutingSwitch12: false, S_AOPD_In: true }, out: { [O]: true, DiagCode: 0x8012 } },
      { t: 90, in: { MutingSwitch21: false }, out: { [O]: true, [M]: false, DiagCode: 0x8013 } },
      { t: 100, in: { MutingSwitch22: false }, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 110, in: { S_AOPD_In: false }, out: { [O]: false, DiagCode: 0x8004 } },
      { t: 120, in: { S_AOPD_In: true }, out: { [O]: false, DiagCode: 0x8002 } },
      { t: 130, in: { Reset: true }, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 140, in: { Activate: false }, out: { Ready: false, [O]: false, DiagCode: 0 } },
    ]);
  });
  it('S_StartReset; without MutingEnable the sensors do not mute', () => {
    drive(SF_MutingSeq, [
      { t: 0, in: { Activate: true, ...base, MutingEnable: false, S_StartReset: true }, out: { DiagCode: 0x8001 } },
      { t: 10, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 20, in: { MutingSwitch11: true, MutingSwitch12: true }, out: { [O]: true, [M]: false, DiagCode: 0x8000 } },
      { t: 30, in: { S_AOPD_In: false }, out: { [O]: false, DiagCode: 0x8004 } },
    ]);
  });
  const start = [
    { t: 0, in: { Activate: true, ...base, S_StartReset: true }, out: { DiagCode: 0x8001 } },
    { t: 10, out: { DiagCode: 0x8000 } },
  ];
  it('C001 / C002 static Reset', () => {
    drive(SF_MutingSeq, [
      { t: 0, in: { Activate: true, ...base, Reset: true }, out: { DiagCode: 0x8001 } },
      { t: 10, out: err(0xc001, O, M) },
      { t: 20, in: { Reset: false }, out: { Error: false, DiagCode: 0x8001 } },
      { t: 30, in: { Reset: true }, out: { DiagCode: 0x8002 } },
      { t: 40, out: err(0xc002, O, M) },
      { t: 50, in: { Reset: false }, out: { Error: false, DiagCode: 0x8002 } },
    ]);
  });
  it('C010 sequence error; left by a rising Reset once the curtain is free and no sensor is actuated', () => {
    drive(SF_MutingSeq, [
      ...start,
      { t: 20, in: { MutingSwitch21: true }, out: err(0xc010, O, M) },
      { t: 30, in: { Reset: true }, out: err(0xc010, O, M) },
      { t: 40, in: { MutingSwitch21: false, Reset: false }, out: err(0xc010, O, M) },
      { t: 50, in: { Reset: true }, out: { Error: false, [O]: true, DiagCode: 0x8000 } },
    ]);
  });
  it('C011 DiscTimeEntry elapsed; C012 MaxMutingTime elapsed; C013 muting lamp faulty', () => {
    drive(SF_MutingSeq, [
      ...start,
      { t: 20, in: { MutingSwitch11: true }, out: { DiagCode: 0x8011 } },
      { t: 120, out: err(0xc011, O, M) },
    ]);
    drive(SF_MutingSeq, [
      ...start,
      { t: 20, in: { MutingSwitch11: true, MutingSwitch12: true }, out: { [M]: true, DiagCode: 0x8012 } },
      { t: 1019, out: { [M]: true, DiagCode: 0x8012 } },
      { t: 1020, out: err(0xc012, O, M) },
    ]);
    drive(SF_MutingSeq, [
      ...start,
      { t: 20, in: { MutingSwitch11: true, MutingSwitch12: true, S_MutingLamp: false }, out: err(0xc013, O, M) },
      { t: 30, in: { MutingSwitch11: false, MutingSwitch12: false, Reset: true }, out: err(0xc013, O, M) },
      { t: 40, in: { S_MutingLamp: true, Reset: false }, out: err(0xc013, O, M) },
      { t: 50, in: { Reset: true }, out: { Error: false, DiagCode: 0x8000 } },
    ]);
  });
});
