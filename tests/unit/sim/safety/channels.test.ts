import { describe, it } from 'vitest';
import { SF_Antivalent, SF_Equivalent } from '../../../../src-main/safety-blocks/index.js';
import { drive, err } from './drive.js';

describe('SF_Equivalent', () => {
  const O = 'S_EquivalentOut';
  it('idle, init, enabling within the discrepancy time, demand in the same call', () => {
    drive(SF_Equivalent, [
      { t: 0, in: { S_ChannelA: true, S_ChannelB: true, DiscrepancyTime: 100 }, out: { Ready: false, [O]: false, DiagCode: 0 } },
      { t: 10, in: { Activate: true, S_ChannelA: false, S_ChannelB: false }, out: { Ready: true, [O]: false, DiagCode: 0x8801 } },
      { t: 20, in: { S_ChannelA: true }, out: { [O]: false, DiagCode: 0x8802 } },
      { t: 110, in: { S_ChannelB: true }, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 120, in: { S_ChannelB: false }, out: { [O]: false, DiagCode: 0x8806 } },
      { t: 130, in: { S_ChannelB: true }, out: { [O]: false, DiagCode: 0x8806 } }, // no re-enable before both FALSE
      { t: 140, in: { S_ChannelA: false, S_ChannelB: false }, out: { [O]: false, DiagCode: 0x8801 } },
      { t: 150, in: { S_ChannelB: true }, out: { DiagCode: 0x8804 } },
      { t: 160, in: { S_ChannelA: true }, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 170, in: { S_ChannelA: false, S_ChannelB: false }, out: { [O]: false, DiagCode: 0x8801 } },
      { t: 180, in: { Activate: false }, out: { Ready: false, DiagCode: 0 } },
    ]);
  });
  it('both TRUE at activation enables after Init', () => {
    drive(SF_Equivalent, [
      { t: 0, in: { Activate: true, S_ChannelA: true, S_ChannelB: true }, out: { [O]: false, DiagCode: 0x8801 } },
      { t: 10, out: { [O]: true, DiagCode: 0x8000 } },
    ]);
  });
  it('C010 / C020 / C030: discrepancy time elapsed; left only when both channels are FALSE', () => {
    drive(SF_Equivalent, [
      { t: 0, in: { Activate: true, DiscrepancyTime: 50 }, out: { DiagCode: 0x8801 } },
      { t: 10, in: { S_ChannelA: true }, out: { DiagCode: 0x8802 } },
      { t: 59, out: { DiagCode: 0x8802 } },
      { t: 60, out: err(0xc010, O) },
      { t: 70, in: { S_ChannelB: true }, out: err(0xc010, O) },
      { t: 80, in: { S_ChannelA: false }, out: err(0xc010, O) },
      { t: 90, in: { S_ChannelB: false }, out: { Error: false, DiagCode: 0x8801 } },
      { t: 100, in: { S_ChannelB: true }, out: { DiagCode: 0x8804 } },
      { t: 150, out: err(0xc020, O) },
      { t: 160, in: { S_ChannelB: false }, out: { Error: false, DiagCode: 0x8801 } },
      { t: 170, in: { S_ChannelA: true, S_ChannelB: true }, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 180, in: { S_ChannelA: false }, out: { [O]: false, DiagCode: 0x8806 } },
      { t: 230, out: err(0xc030, O) },
      { t: 240, in: { S_ChannelB: false }, out: { Error: false, DiagCode: 0x8801 } },
    ]);
  });
});

describe('SF_Antivalent', () => {
  const O = 'S_AntivalentOut';
  it('idle, init, enabling (NC TRUE / NO FALSE), demand in the same call', () => {
    drive(SF_Antivalent, [
      { t: 0, in: { S_ChannelNC: true }, out: { Ready: false, [O]: false, DiagCode: 0 } },
      { t: 10, in: { Activate: true, S_ChannelNC: false, S_ChannelNO: true, DiscrepancyTime: 100 }, out: { Ready: true, DiagCode: 0x8801 } },
      { t: 20, in: { S_ChannelNC: true }, out: { [O]: false, DiagCode: 0x8802 } },
      { t: 30, in: { S_ChannelNO: false }, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 40, in: { S_ChannelNO: true }, out: { [O]: false, DiagCode: 0x8806 } },
      { t: 50, in: { S_ChannelNC: false }, out: { [O]: false, DiagCode: 0x8801 } },
      { t: 60, in: { S_ChannelNO: false }, out: { DiagCode: 0x8804 } },
      { t: 70, in: { S_ChannelNC: true }, out: { [O]: true, DiagCode: 0x8000 } },
    ]);
  });
  it('C010 / C020 / C030 and leaving them when both channels are inactive', () => {
    drive(SF_Antivalent, [
      { t: 0, in: { Activate: true, S_ChannelNO: true, DiscrepancyTime: 20 }, out: { DiagCode: 0x8801 } },
      { t: 10, in: { S_ChannelNC: true }, out: { DiagCode: 0x8802 } },
      { t: 30, out: err(0xc010, O) },
      { t: 40, in: { S_ChannelNC: false }, out: { Error: false, DiagCode: 0x8801 } },
      { t: 50, in: { S_ChannelNO: false }, out: { DiagCode: 0x8804 } },
      { t: 70, out: err(0xc020, O) },
      { t: 80, in: { S_ChannelNC: true }, out: err(0xc020, O) },
      { t: 90, in: { S_ChannelNC: false, S_ChannelNO: true }, out: { Error: false, DiagCode: 0x8801 } },
      { t: 100, in: { S_ChannelNC: true, S_ChannelNO: false }, out: { [O]: true, DiagCode: 0x8000 } },
      { t: 110, in: { S_ChannelNC: false }, out: { [O]: false, DiagCode: 0x8806 } },
      { t: 130, out: err(0xc030, O) },
      { t: 140, in: { S_ChannelNO: true }, out: { Error: false, DiagCode: 0x8801 } },
    ]);
  });
});
