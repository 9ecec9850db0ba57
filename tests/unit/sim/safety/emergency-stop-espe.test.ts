import { describe, it } from 'vitest';
import { SF_EmergencyStop, SF_ESPE } from '../../../../src-main/safety-blocks/index.js';
import { drive, err } from './drive.js';

const cases = [
  { fb: SF_EmergencyStop, IN: 'S_EStopIn', OUT: 'S_EStopOut' },
  { fb: SF_ESPE, IN: 'S_ESPE_In', OUT: 'S_ESPE_Out' },
] as const;

for (const { fb, IN, OUT } of cases) {
  describe(fb.name, () => {
    it('is Idle with every output FALSE while Activate is FALSE, and goes back to Idle from any state', () => {
      drive(fb, [
        { t: 0, in: { Activate: false, [IN]: true, S_StartReset: true }, out: { Ready: false, [OUT]: false, Error: false, DiagCode: 0 } },
        { t: 10, in: { Activate: true }, out: { Ready: true, [OUT]: false, DiagCode: 0x8001 } },
        { t: 20, out: { Ready: true, [OUT]: true, DiagCode: 0x8000 } },
        { t: 30, in: { Activate: false }, out: { Ready: false, [OUT]: false, Error: false, DiagCode: 0 } },
      ]);
    });

    it('start-up: Init, wait for input, wait for a rising Reset, enabled; demand drops the output in the same call', () => {
      drive(fb, [
        { t: 0, in: { Activate: true, [IN]: false }, out: { Ready: true, [OUT]: false, Error: false, DiagCode: 0x8001 } },
        { t: 10, out: { [OUT]: false, DiagCode: 0x8802 } },
        { t: 20, in: { [IN]: true }, out: { [OUT]: false, DiagCode: 0x8402 } },
        { t: 30, out: { [OUT]: false, DiagCode: 0x8402 } },
        { t: 40, in: { Reset: true }, out: { [OUT]: true, DiagCode: 0x8000 } },
        { t: 50, in: { Reset: false }, out: { [OUT]: true, DiagCode: 0x8000 } },
        { t: 60, in: { [IN]: false }, out: { [OUT]: false, Error: false, DiagCode: 0x8804 } },
        { t: 70, in: { [IN]: true }, out: { [OUT]: false, DiagCode: 0x8404 } },
        { t: 80, out: { [OUT]: false, DiagCode: 0x8404 } },
        { t: 90, in: { Reset: true }, out: { [OUT]: true, DiagCode: 0x8000 } },
      ]);
    });

    it('no Reset, no enable: the input returning alone never enables; each enable needs its own rising Reset', () => {
      drive(fb, [
        { t: 0, in: { Activate: true, [IN]: true }, out: { DiagCode: 0x8001 } },
        { t: 10, out: { DiagCode: 0x8802 } },
        { t: 20, out: { DiagCode: 0x8402 } },
        { t: 30, in: { [IN]: false }, out: { DiagCode: 0x8802 } },
        { t: 40, in: { [IN]: true }, out: { DiagCode: 0x8402 } },
        { t: 50, in: { Reset: true }, out: { [OUT]: true, DiagCode: 0x8000 } },
        { t: 60, in: { [IN]: false, Reset: false }, out: { [OUT]: false, DiagCode: 0x8804 } },
        { t: 70, in: { [IN]: true }, out: { DiagCode: 0x8404 } },
        { t: 80, in: { Reset: true }, out: { [OUT]: true, DiagCode: 0x8000 } },
      ]);
    });

    it('S_StartReset enables at start-up without Reset when the input is TRUE', () => {
      drive(fb, [
        { t: 0, in: { Activate: true, [IN]: true, S_StartReset: true }, out: { [OUT]: false, DiagCode: 0x8001 } },
        { t: 10, out: { [OUT]: true, DiagCode: 0x8000 } },
        { t: 20, in: { [IN]: false }, out: { [OUT]: false, DiagCode: 0x8804 } },
        { t: 30, in: { [IN]: true }, out: { [OUT]: false, DiagCode: 0x8404 } },
        { t: 40, out: { [OUT]: false, DiagCode: 0x8404 } }, // S_StartReset is not S_AutoReset
      ]);
    });

    it('S_StartReset with the input FALSE at start-up still needs a Reset (conservative)', () => {
      drive(fb, [
        { t: 0, in: { Activate: true, [IN]: false, S_StartReset: true }, out: { DiagCode: 0x8001 } },
        { t: 10, out: { DiagCode: 0x8802 } },
        { t: 20, in: { [IN]: true }, out: { [OUT]: false, DiagCode: 0x8402 } },
      ]);
    });

    it('S_AutoReset re-enables automatically once the demand is gone', () => {
      drive(fb, [
        { t: 0, in: { Activate: true, [IN]: true, S_StartReset: true, S_AutoReset: true }, out: { DiagCode: 0x8001 } },
        { t: 10, out: { [OUT]: true, DiagCode: 0x8000 } },
        { t: 20, in: { [IN]: false }, out: { [OUT]: false, DiagCode: 0x8804 } },
        { t: 30, out: { [OUT]: false, DiagCode: 0x8804 } },
        { t: 40, in: { [IN]: true }, out: { [OUT]: false, DiagCode: 0x8404 } },
        { t: 50, out: { [OUT]: true, DiagCode: 0x8000 } },
      ]);
    });

    it('C001: Reset TRUE while waiting for the input at start-up; left when Reset is released, then a rising Reset enables', () => {
      drive(fb, [
        { t: 0, in: { Activate: true, [IN]: false, Reset: true }, out: { DiagCode: 0x8001 } },
        { t: 10, out: { DiagCode: 0x8802 } },
        { t: 20, out: err(0xc001, OUT) },
        { t: 30, in: { [IN]: true }, out: err(0xc001, OUT) },
        { t: 40, in: { Reset: false }, out: { Error: false, [OUT]: false, DiagCode: 0x8802 } },
        { t: 50, out: { DiagCode: 0x8402 } },
        { t: 60, in: { Reset: true }, out: { [OUT]: true, DiagCode: 0x8000 } },
      ]);
    });

    it('C011: Reset TRUE while waiting for the input after a demand (stuck reset)', () => {
      drive(fb, [
        { t: 0, in: { Activate: true, [IN]: true, S_StartReset: true }, out: { DiagCode: 0x8001 } },
        { t: 10, out: { DiagCode: 0x8000 } },
        { t: 20, in: { [IN]: false }, out: { [OUT]: false, DiagCode: 0x8804 } },
        { t: 30, in: { Reset: true }, out: err(0xc011, OUT) },
        { t: 40, in: { [IN]: true }, out: err(0xc011, OUT) },
        { t: 50, in: { Reset: false }, out: { Error: false, DiagCode: 0x8804 } },
        { t: 60, out: { DiagCode: 0x8404 } },
        { t: 70, in: { Reset: true }, out: { [OUT]: true, Error: false, DiagCode: 0x8000 } },
      ]);
    });
  });
}
