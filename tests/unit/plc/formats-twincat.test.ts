import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTwincat } from '../../../src-main/plc/formats/index.js';
import type { MappedSource } from '../../../src-main/plc/source/mapped-source.js';

const DIR = join(import.meta.dirname, '../../fixtures/formats/twincat');
const load = (name: string): { text: string; result: ReturnType<typeof readTwincat> } => {
  const text = readFileSync(join(DIR, name), 'utf8');
  return { text, result: readTwincat(name, text) };
};

/** Every occurrence of `word` in the virtual text maps to the same word in the container. */
function expectMapsBack(source: MappedSource, container: string, word: string): void {
  let at = source.text.indexOf(word);
  expect(at).toBeGreaterThanOrEqual(0);
  while (at >= 0) {
    const off = source.toFileOffset(at);
    expect(container.slice(off, off + word.length)).toBe(word);
    at = source.text.indexOf(word, at + 1);
  }
}

describe('readTwincat', () => {
  it('joins an FB with methods, a property and an action into the CODESYS text form', () => {
    const { text, result } = load('FB_Motor.TcPOU');
    expect(result.diagnostics).toEqual([]);
    expect(result.sources).toHaveLength(1);
    const src = result.sources[0]!;
    expect(src.text).toBe(
      `{attribute 'reflection'}
FUNCTION_BLOCK FB_Motor IMPLEMENTS I_Motor
VAR_INPUT
\tbEnable : BOOL;
\tfSetpoint : REAL := 50.0; // percent
END_VAR
VAR_OUTPUT
\tbRunning : BOOL;
\teState : E_MotorState;
END_VAR
VAR
\t_fSpeed : REAL;
\ttonStart : TON;
END_VAR
tonStart(IN := bEnable AND eState = E_MotorState.Starting, PT := T#2S);
IF tonStart.Q THEN
\teState := E_MotorState.Running;
END_IF
bRunning := eState = E_MotorState.Running;
IF bRunning AND fSetpoint > 0.0 THEN
\t_fSpeed := fSetpoint;
END_IF
METHOD Start : BOOL
VAR_INPUT
\tbForce : BOOL;
END_VAR
IF eState = E_MotorState.Idle OR bForce THEN
\teState := E_MotorState.Starting;
\tStart := TRUE;
END_IF
END_METHOD
METHOD PUBLIC Stop
eState := E_MotorState.Idle;
_fSpeed := 0.0;
END_METHOD
PROPERTY Speed : REAL
GET
VAR
END_VAR
Speed := _fSpeed;
END_GET
SET
VAR
\tfLimited : REAL;
END_VAR
fLimited := LIMIT(0.0, Speed, 100.0);
_fSpeed := fLimited;
END_SET
END_PROPERTY
ACTION Reset:
eState := E_MotorState.Idle;
tonStart(IN := FALSE);
END_ACTION
END_FUNCTION_BLOCK
`,
    );
    for (const w of ['FB_Motor', 'tonStart', '_fSpeed', 'bForce', 'fLimited', 'LIMIT', 'METHOD PUBLIC Stop', 'PROPERTY Speed']) expectMapsBack(src, text, w);
  });

  it('maps generated glue to the element it stands for', () => {
    const { text, result } = load('FB_Motor.TcPOU');
    const src = result.sources[0]!;
    const off = src.toFileOffset(src.text.indexOf('ACTION Reset:'));
    expect(text.slice(off, off + 20)).toBe('<Action Name="Reset"');
    const end = src.toFileOffset(src.text.indexOf('END_FUNCTION_BLOCK'));
    expect(text.slice(end - 6, end)).toBe('</POU>');
  });

  it('keeps CRLF line ends and maps offsets exactly', () => {
    const { text, result } = load('MAIN_crlf.TcPOU');
    expect(result.diagnostics).toEqual([]);
    const src = result.sources[0]!;
    expect(src.text).toBe(
      'PROGRAM MAIN\r\nVAR\r\n\tfbMotor : FB_Motor;\r\n\tnCycles : UDINT;\r\nEND_VAR\r\n' +
        'nCycles := nCycles + 1;\r\n(* start when the button is pressed & the stop is released *)\r\n' +
        'fbMotor(bEnable := GVL_IO.bStartButton AND NOT GVL_IO.bStopButton);\r\nGVL_IO.bMotorContactor := fbMotor.bRunning;\nEND_PROGRAM\n',
    );
    for (const w of ['nCycles', 'bStopButton', 'bMotorContactor', '&']) expectMapsBack(src, text, w);
  });

  it('reads a DUT enum and a GVL verbatim, with the GVL name', () => {
    const dut = load('E_MotorState.TcDUT');
    expect(dut.result.sources[0]!.text).toBe(
      "{attribute 'qualified_only'}\n{attribute 'strict'}\nTYPE E_MotorState :\n(\n\tIdle := 0,\n\tStarting := 1,\n\tRunning := 2,\n\tFault := 99\n) INT;\nEND_TYPE\n",
    );
    expectMapsBack(dut.result.sources[0]!, dut.text, 'Fault');
    const gvl = load('GVL_IO.TcGVL');
    expect(gvl.result.diagnostics).toEqual([]);
    expect(gvl.result.sources[0]!.text).toBe(
      "{attribute 'qualified_only'}\nVAR_GLOBAL\n\tbStartButton AT %I* : BOOL;\n\tbStopButton AT %I* : BOOL;\n\tbMotorContactor AT %Q* : BOOL;\n\tnAnalogSpeed AT %IW10 : INT;\nEND_VAR",
    );
    expect(gvl.result.gvlNames).toEqual([{ source: 0, name: 'GVL_IO', span: expect.objectContaining({ file: 'GVL_IO.TcGVL' }) }]);
    expectMapsBack(gvl.result.sources[0]!, gvl.text, 'nAnalogSpeed');
  });

  it('reads an interface with a method and a property', () => {
    const { result } = load('I_Motor.TcIO');
    expect(result.diagnostics).toEqual([]);
    expect(result.sources[0]!.text).toBe(
      'INTERFACE I_Motor\nMETHOD Start : BOOL\nVAR_INPUT\n\tbForce : BOOL;\nEND_VAR\nEND_METHOD\nPROPERTY Speed : REAL\nGET\nEND_GET\nEND_PROPERTY\nEND_INTERFACE\n',
    );
  });

  it('reports a graphical implementation as not read yet and keeps the declaration', () => {
    const { text, result } = load('FB_Conveyor_LD.TcPOU');
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['FMT1101', 'warning']]);
    const d = result.diagnostics[0]!;
    expect(text.slice(d.span.start, d.span.start + 5)).toBe('<NWL>');
    expect(result.sources[0]!.text).toBe('FUNCTION_BLOCK FB_Conveyor\nVAR_INPUT\n\tbRun : BOOL;\nEND_VAR\nVAR_OUTPUT\n\tbBelt : BOOL;\nEND_VAR\nEND_FUNCTION_BLOCK\n');
  });

  it('finds the POU kind after comments and pragmas', () => {
    const xml = `<TcPlcObject><POU Name="F"><Declaration><![CDATA[(* header (* nested *) *)
// note
{attribute 'hide'}
FUNCTION F : INT
]]></Declaration><Implementation><ST><![CDATA[F := 1;]]></ST></Implementation></POU></TcPlcObject>`;
    const r = readTwincat('F.TcPOU', xml);
    expect(r.diagnostics).toEqual([]);
    expect(r.sources[0]!.text.endsWith('F := 1;\nEND_FUNCTION\n')).toBe(true);
  });

  it('reports wrong roots, empty objects and hostile XML without throwing', () => {
    expect(readTwincat('x.TcPOU', '<project/>').diagnostics.map((d) => d.code)).toEqual(['FMT1006']);
    expect(readTwincat('x.TcPOU', '<TcPlcObject/>').diagnostics.map((d) => d.code)).toEqual(['FMT1102']);
    expect(readTwincat('x.TcPOU', '<TcPlcObject><POU Name="P"></POU></TcPlcObject>').diagnostics.map((d) => d.code)).toEqual(['FMT1103']);
    expect(readTwincat('x.TcPOU', '<!DOCTYPE x [<!ENTITY a "b">]><TcPlcObject/>').diagnostics.map((d) => d.code)).toEqual(['FMT1002']);
    expect(readTwincat('x.TcPOU', '<TcPlcObject><POU>').diagnostics.map((d) => d.code)).toEqual(['FMT1003']);
    expect(readTwincat('x.TcPOU', '').diagnostics.map((d) => d.code)).toEqual(['FMT1003']);
  });
});
