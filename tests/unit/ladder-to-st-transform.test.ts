import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPlcopen } from '../../src-main/plc/formats/plcopen.js';
import { convertLadderFile, ladderToSt } from '../../src-main/recipe/transforms/ladder-to-st.js';
import { findTransform } from '../../src-main/recipe/transforms/registry.js';
import type { TransformNote } from '../../src-main/recipe/transforms/transform.js';
import type { SiteConfig } from '../../src-shared/model/site.js';

const pos = (y: number): string => `<position x="0" y="${y}"/>`;
const wires = (refs: number[]): string => `<connectionPointIn>${refs.map((r) => `<connection refLocalId="${r}"/>`).join('')}</connectionPointIn>`;
const rail = (id: number, y: number): string => `<leftPowerRail localId="${id}">${pos(y)}<connectionPointOut/></leftPowerRail>`;
const contact = (id: number, y: number, v: string, refs: number[], attrs = ''): string => `<contact localId="${id}" negated="false"${attrs}>${pos(y)}${wires(refs)}<variable>${v}</variable></contact>`;
const coil = (id: number, y: number, v: string, refs: number[], attrs = ''): string => `<coil localId="${id}" negated="false"${attrs}>${pos(y)}${wires(refs)}<variable>${v}</variable></coil>`;
const comment = (id: number, y: number, text: string): string => `<comment localId="${id}">${pos(y)}<content><xhtml:p>${text}</xhtml:p></content></comment>`;

const LD_MOTOR = [
  comment(90, 0, 'Seal-in: START latches, STOP (NC) drops'),
  rail(1, 10),
  contact(2, 10, 'bStart', [1]),
  contact(3, 20, 'bRun', [1]),
  contact(4, 10, 'bStopNC', [2, 3]),
  coil(5, 10, 'bRun', [4]),
  comment(91, 40, 'Count starts; a comment with *) and ]]&gt; in it'),
  rail(10, 50),
  contact(11, 50, 'bStart', [10], ' edge="rising"'),
  coil(12, 50, 'bStarted', [11], ' storage="set"'),
].join('\n            ');

const ST_POU = `<pou name="F_Double" pouType="function">
        <interface>
          <returnType><INT/></returnType>
          <inputVars><variable name="n"><type><INT/></type></variable></inputVars>
        </interface>
        <body><ST><xhtml:p><![CDATA[F_Double := n * 2;]]></xhtml:p></ST></body>
      </pou>`;

function project(pous: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<project xmlns="http://www.plcopen.org/xml/tc6_0201" xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <types>
    <pous>
      ${pous}
    </pous>
  </types>
</project>
`;
}

const MOTOR_POU = `<pou name="FB_Motor" pouType="functionBlock">
        <interface>
          <inputVars>
            <variable name="bStart"><type><BOOL/></type></variable>
            <variable name="bStopNC"><type><BOOL/></type></variable>
          </inputVars>
          <outputVars>
            <variable name="bRun"><type><BOOL/></type></variable>
            <variable name="bStarted"><type><BOOL/></type></variable>
          </outputVars>
        </interface>
        <body>
          <LD>
            ${LD_MOTOR}
          </LD>
        </body>
      </pou>`;

const SOURCE = project(`${ST_POU}\n      ${MOTOR_POU}`);
const FILE = 'src/project.xml';

const EXPECTED_ST = `          <ST>
            <xhtml:p><![CDATA[(* Network 1: Seal-in: START latches, STOP (NC) drops *)
bRun := (bStart OR bRun) AND bStopNC;

(* Network 2: Count starts; a comment with * ) and ]]]]><![CDATA[> in it *)
_rtrig11(CLK := bStart);
IF _rtrig11.Q THEN
    bStarted := TRUE;
END_IF;]]></xhtml:p>
          </ST>`;

const EXPECTED_DECL = `          </outputVars>
          <localVars>
            <variable name="_rtrig11"><type><derived name="R_TRIG"/></type></variable>
          </localVars>
        </interface>`;

/** The compiled ST with comments and layout removed: what the compiler and the simulator act on. */
function compiledTokens(file: string, text: string): string[] {
  const r = readPlcopen(file, text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.sources.map((s) =>
    s.text
      .replace(/\(\*[\s\S]*?\*\)/g, ' ')
      .replace(/\/\/[^\n]*/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

const ctx = { site: { entry: 'Main' } as SiteConfig, runId: 3, recipeId: 'ladder_to_st', recipeTitle: 'Convert ladder logic to Structured Text', date: '2026-02-01' };

describe('ladder-to-st transform', () => {
  it('replaces the LD body with commented ST per network and declares the edge trigger', () => {
    const r = convertLadderFile(FILE, SOURCE);
    expect(r.converted).toEqual(['FB_Motor']);
    expect(r.skipped).toEqual([]);
    expect(r.text).toContain(EXPECTED_ST);
    expect(r.text).toContain(EXPECTED_DECL);
    expect(r.text).not.toContain('<LD>');
  });

  it('keeps every other byte: header, the ST POU, the interface and the layout around the body', () => {
    const r = convertLadderFile(FILE, SOURCE);
    const ld = SOURCE.slice(SOURCE.indexOf('<LD>'), SOURCE.indexOf('</LD>') + '</LD>'.length);
    const st = EXPECTED_ST.trimStart();
    const decl = '\n          <localVars>\n            <variable name="_rtrig11"><type><derived name="R_TRIG"/></type></variable>\n          </localVars>';
    expect(r.text.replace(st, '@BODY').replace(decl, '')).toBe(SOURCE.replace(ld, '@BODY'));
  });

  it('compiles to the same statements and declarations as the ladder did', () => {
    const r = convertLadderFile(FILE, SOURCE);
    expect(compiledTokens(FILE, r.text)).toEqual(compiledTokens(FILE, SOURCE));
  });

  it('is idempotent: a second run changes nothing and converts nothing', () => {
    const once = convertLadderFile(FILE, SOURCE).text;
    const twice = convertLadderFile(FILE, once);
    expect(twice.text).toBe(once);
    expect(twice.converted).toEqual([]);
    expect(ladderToSt.apply([{ path: FILE, text: once }], ctx)).toEqual([]);
  });

  it('leaves ST files and PLCopen files without ladder untouched', () => {
    const files = [
      { path: 'src/Main.st', text: 'PROGRAM Main\nVAR x : BOOL; END_VAR\nx := TRUE;\nEND_PROGRAM\n' },
      { path: 'src/only-st.xml', text: project(ST_POU) },
    ];
    expect(ladderToSt.apply(files, ctx)).toEqual([]);
    expect(convertLadderFile('src/only-st.xml', project(ST_POU)).text).toBe(project(ST_POU));
  });

  it('does not throw on malformed XML: the file is left and the reason reported', () => {
    const broken = SOURCE.replace('</LD>', '</LDX>');
    const notes: TransformNote[] = [];
    expect(() => ladderToSt.apply([{ path: FILE, text: broken }], { ...ctx, report: (n) => notes.push(n) })).not.toThrow();
    expect(ladderToSt.apply([{ path: FILE, text: broken }], ctx)).toEqual([]);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.path).toBe(FILE);
    expect(notes[0]!.message).toMatch(/^\(file\) left in ladder: .*malformed XML/);
  });

  it('leaves a body it cannot translate faithfully and still converts the others', () => {
    const dangling = MOTOR_POU.replace('name="FB_Motor"', 'name="FB_Broken"').replace('<connection refLocalId="4"/>', '<connection refLocalId="44"/>');
    const text = project(`${MOTOR_POU}\n      ${dangling}`);
    const notes: TransformNote[] = [];
    const [out] = ladderToSt.apply([{ path: FILE, text }], { ...ctx, report: (n) => notes.push(n) });
    expect(notes.map((n) => n.message)).toEqual([expect.stringMatching(/^FB_Broken left in ladder: LD1001 FB_Broken: localId 5 is wired to localId 44/)]);
    const broken = out!.text.slice(out!.text.indexOf('name="FB_Broken"'));
    expect(broken).toContain('<LD>');
    expect(broken).not.toContain('_rtrig11');
    expect(out!.text.slice(0, out!.text.indexOf('name="FB_Broken"'))).toContain('<ST>');
  });

  it('leaves a body whose function result is read while its EN may be FALSE, naming the box', () => {
    const pin = (formal: string, ref: number): string => `<variable formalParameter="${formal}"><connectionPointIn><connection refLocalId="${ref}"/></connectionPointIn></variable>`;
    const gt =
      `<inVariable localId="3">${pos(10)}<expression>nLevel</expression></inVariable>` +
      `<inVariable localId="4">${pos(10)}<expression>80</expression></inVariable>` +
      `<block localId="5" typeName="GT">${pos(10)}<inputVariables>${pin('EN', 2)}${pin('IN1', 3)}${pin('IN2', 4)}</inputVariables><inOutVariables/>` +
      '<outputVariables><variable formalParameter="ENO"/><variable formalParameter="OUT"/></outputVariables></block>';
    const body = [rail(1, 10), contact(2, 10, 'bCheck', [1]), gt, contact(6, 20, 'bForce', [1]), `<coil localId="7">${pos(10)}<connectionPointIn><connection refLocalId="5" formalParameter="OUT"/><connection refLocalId="6"/></connectionPointIn><variable>bHigh</variable></coil>`].join('\n            ');
    const pou = `<pou name="Level" pouType="program">
        <interface/>
        <body>
          <LD>
            ${body}
          </LD>
        </body>
      </pou>`;
    const text = project(`${MOTOR_POU}\n      ${pou}`);
    const notes: TransformNote[] = [];
    const [out] = ladderToSt.apply([{ path: FILE, text }], { ...ctx, report: (n) => notes.push(n) });
    expect(notes.map((n) => n.message)).toEqual([expect.stringMatching(/^Level left in ladder: LD1009 Level: GT \(localId 5\) in network 1 has a wired EN/)]);
    expect(out!.text.slice(out!.text.indexOf('name="Level"'))).toContain('<LD>');
    expect(out!.text.slice(0, out!.text.indexOf('name="Level"'))).toContain('<ST>');
  });

  it('converts action bodies and declares their temporaries in the POU', () => {
    const action = `<actions>
          <action name="Pulse">
            <body>
              <LD>
                ${rail(1, 0)}
                ${contact(7, 0, 'bStopNC', [1], ' edge="falling"')}
                ${coil(8, 0, 'bRun', [7], ' storage="reset"')}
              </LD>
            </body>
          </action>
        </actions>
        </pou>`;
    const text = project(MOTOR_POU.replace(/<\/pou>$/, action));
    const r = convertLadderFile(FILE, text);
    expect(r.converted).toEqual(['FB_Motor', 'FB_Motor.Pulse']);
    expect(r.text).toContain('<variable name="_rtrig11"><type><derived name="R_TRIG"/></type></variable>\n            <variable name="_ftrig7"><type><derived name="F_TRIG"/></type></variable>');
    expect(r.text).toContain('<![CDATA[(* Network 1 *)\n_ftrig7(CLK := bStopNC);\nIF _ftrig7.Q THEN\n    bRun := FALSE;\nEND_IF;]]>');
    expect(compiledTokens(FILE, r.text)).toEqual(compiledTokens(FILE, text));
  });

  it('opens a self-closing interface and keeps CRLF line ends', () => {
    const pou = `<pou name="Edge" pouType="program">
        <interface/>
        <body>
          <LD>
            ${rail(1, 0)}
            ${contact(2, 0, 'gIn', [1], ' edge="rising"')}
            ${coil(3, 0, 'gOut', [2])}
          </LD>
        </body>
      </pou>`;
    const text = project(pou).replace(/\n/g, '\r\n');
    const r = convertLadderFile(FILE, text);
    expect(r.text).toContain('<interface>\r\n          <localVars>\r\n            <variable name="_rtrig2"><type><derived name="R_TRIG"/></type></variable>\r\n          </localVars>\r\n        </interface>');
    expect(r.text).toContain('<![CDATA[(* Network 1 *)\r\n_rtrig2(CLK := gIn);\r\ngOut := _rtrig2.Q;]]>');
    expect(r.text.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('writes CODESYS-style <xhtml> when the project declares no xhtml prefix', () => {
    const text = SOURCE.replace(' xmlns:xhtml="http://www.w3.org/1999/xhtml"', '');
    const r = convertLadderFile(FILE, text);
    expect(r.text).toContain('<ST>\n            <xhtml xmlns="http://www.w3.org/1999/xhtml"><![CDATA[(* Network 1: Seal-in');
    expect(compiledTokens(FILE, r.text)).toEqual(compiledTokens(FILE, text));
  });

  it('converts the LD body of the format fixture and leaves its FBD body alone', () => {
    const path = 'ld-fbd.xml';
    const text = readFileSync(join(import.meta.dirname, '../fixtures/formats/plcopen', path), 'utf8');
    const r = convertLadderFile(path, text);
    expect(r.converted).toEqual(['FB_Pump']);
    expect(r.text).toContain('(* Network 4 *)\ntonRun(IN := bMotor, PT := T#5s);\nbRunning := tonRun.Q;');
    const fbd = (t: string): string => t.slice(t.indexOf('<pou name="FB_Logic"'));
    expect(fbd(r.text)).toBe(fbd(text));
    expect(compiledTokens(path, r.text)).toEqual(compiledTokens(path, text));
  });

  it('is registered under its id and converts the example site, leaving the ST function as it was', () => {
    expect(findTransform('ladder-to-st')).toBe(ladderToSt);
    const path = 'src/Filler_Line_5.xml';
    const text = readFileSync(join(import.meta.dirname, '../../examples/fleet/filler-line-5', path), 'utf8');
    const r = convertLadderFile(path, text);
    expect(r.converted).toEqual(['Main', 'Safety_Logic']);
    const fn = (t: string): string => t.slice(t.indexOf('<pou name="F_FillTime"'), t.indexOf('<pou name="Main"'));
    expect(fn(r.text)).toBe(fn(text));
    expect(r.text).toContain('(* Network 5: Hazardous outputs: written here and nowhere else, each in series with the whole stop chain and\n   Safety_OK. The product');
    expect(compiledTokens(path, r.text)).toEqual(compiledTokens(path, text));
  });
});
