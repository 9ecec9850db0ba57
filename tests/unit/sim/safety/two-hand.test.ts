import { describe, it } from 'vitest';
import { SF_TwoHandControlTypeII, SF_TwoHandControlTypeIII } from '../../../../src-main/safety-blocks/index.js';
import { drive, err } from './drive.js';

const O = 'S_TwoHandOut';

for (const fb of [SF_TwoHandControlTypeII, SF_TwoHandControlTypeIII]) {
  describe(fb.name, () => {
    it('idle, init, both buttons enable, releasing one drops the output in the same call, no re-grip', () => {
      drive(fb, [
        { t: 0, in: { S_Button1: true, S_Button2: true }, out: { Ready: false, [O]: false, DiagCode: 0 } },
        { t: 10, in: { Activate: true, S_Button1: false, S_Button2: false }, out: { Ready: true, [O]: false, DiagCode: 0x8001 } },
        { t: 20, out: { DiagCode: 0x8802 } },
        { t: 30, in: { S_Button1: true }, out: { [O]: false, DiagCode: 0x8804 } },
        { t: 40, in: { S_Button2: true }, out: { [O]: true, DiagCode: 0x8000 } },
        { t: 50, in: { S_Button2: false }, out: { [O]: false, DiagCode: 0x8808 } },
        { t: 60, in: { S_Button2: true }, out: { [O]: false, DiagCode: 0x880c } },
        { t: 70, in: { S_Button1: false }, out: { [O]: false, DiagCode: 0x880a } },
        { t: 80, in: { S_Button2: false }, out: { [O]: false, DiagCode: 0x8802 } },
        { t: 90, in: { S_Button2: true }, out: { DiagCode: 0x8806 } },
        { t: 100, in: { S_Button1: true }, out: { [O]: true, DiagCode: 0x8000 } },
        { t: 110, in: { Activate: false }, out: { Ready: false, [O]: false, DiagCode: 0 } },
      ]);
    });
    it('C001 / C002 / C003: a button TRUE at activation; left only when both are released', () => {
      for (const [b1, b2, code] of [[true, false, 0xc001], [false, true, 0xc002], [true, true, 0xc003]] as const) {
        drive(fb, [
          { t: 0, in: { Activate: true, S_Button1: b1, S_Button2: b2 }, out: { DiagCode: 0x8001 } },
          { t: 10, out: err(code, O) },
          { t: 20, in: { S_Button1: true, S_Button2: true }, out: err(code, O) },
          { t: 30, in: { S_Button1: false }, out: err(code, O) },
          { t: 40, in: { S_Button2: false }, out: { Error: false, DiagCode: 0x8802 } },
        ]);
      }
    });
  });
}

describe('SF_TwoHandControlTypeII', () => {
  it('has no synchronisation time', () => {
    drive(SF_TwoHandControlTypeII, [
      { t: 0, in: { Activate: true }, out: { DiagCode: 0x8001 } },
      { t: 5, out: { DiagCode: 0x8802 } },
      { t: 10, in: { S_Button1: true }, out: { DiagCode: 0x8804 } },
      { t: 5000, in: { S_Button2: true }, out: { [O]: true, DiagCode: 0x8000 } },
    ]);
  });
});

describe('SF_TwoHandControlTypeIII', () => {
  it('enables when the second button follows within 500 ms', () => {
    drive(SF_TwoHandControlTypeIII, [
      { t: 0, in: { Activate: true }, out: { DiagCode: 0x8001 } },
      { t: 5, out: { DiagCode: 0x8802 } },
      { t: 10, in: { S_Button2: true }, out: { DiagCode: 0x8806 } },
      { t: 490, out: { DiagCode: 0x8806 } },
      { t: 500, in: { S_Button1: true }, out: { [O]: true, DiagCode: 0x8000 } },
    ]);
  });
  it('C004 / C005: sync time 500 ms exceeded; the late button never enables; left when both are released', () => {
    drive(SF_TwoHandControlTypeIII, [
      { t: 0, in: { Activate: true }, out: { DiagCode: 0x8001 } },
      { t: 5, out: { DiagCode: 0x8802 } },
      { t: 10, in: { S_Button1: true }, out: { DiagCode: 0x8804 } },
      { t: 509, out: { DiagCode: 0x8804 } },
      { t: 510, out: err(0xc004, O) },
      { t: 520, in: { S_Button2: true }, out: err(0xc004, O) },
      { t: 530, in: { S_Button1: false, S_Button2: false }, out: { Error: false, DiagCode: 0x8802 } },
      { t: 540, in: { S_Button2: true }, out: { DiagCode: 0x8806 } },
      { t: 1040, out: err(0xc005, O) },
      { t: 1050, in: { S_Button2: false }, out: { Error: false, DiagCode: 0x8802 } },
    ]);
  });
});
