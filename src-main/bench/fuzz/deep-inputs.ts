import type { FuzzReader } from './fuzz-input.js';
import { readerPath } from './fuzz-input.js';

/** How deep the nesting cases go and how long the chains are (the issue asks for 10k levels). */
export interface DeepSizes {
  depth: number;
  chain: number;
}

export const DEFAULT_DEEP_SIZES: DeepSizes = { depth: 10_000, chain: 50_000 };

export interface DeepCase {
  reader: FuzzReader;
  path: string;
  text: string;
  how: string;
}

const rep = (s: string, n: number): string => s.repeat(n);

function stProgram(body: string, vars = 'x : INT; b : BOOL;'): string {
  return `PROGRAM Main\nVAR\n  ${vars}\nEND_VAR\n${body}END_PROGRAM\n`;
}

function plcopenPou(body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<project xmlns="http://www.plcopen.org/xml/tc6_0201" xmlns:xhtml="http://www.w3.org/1999/xhtml">
<types><dataTypes/><pous><pou name="P" pouType="program"><interface><localVars>
<variable name="a"><type><BOOL/></type></variable><variable name="x"><type><INT/></type></variable></localVars></interface>
<body>${body}</body></pou></pous></types></project>
`;
}

function twincatPou(decl: string, impl: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<TcPlcObject Version="1.1.0.1">
  <POU Name="Main" Id="{1}">
    <Declaration><![CDATA[${decl}]]></Declaration>
    <Implementation>
      <ST><![CDATA[${impl}]]></ST>
    </Implementation>
  </POU>
</TcPlcObject>
`;
}

function l5xRung(text: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<RSLogix5000Content SchemaRevision="1.0" TargetType="Controller">
<Controller Name="C"><Tags><Tag Name="a" TagType="Base" DataType="BOOL"/></Tags>
<Programs><Program Name="MainProgram"><Routines><Routine Name="R" Type="RLL"><RLLContent>
<Rung Number="0" Type="N"><Text><![CDATA[${text}]]></Text></Rung>
</RLLContent></Routine></Routines></Program></Programs></Controller></RSLogix5000Content>
`;
}

function l5kRung(text: string): string {
  return `IE_VER := 2.26;\n\nCONTROLLER C (Major := 33)\n\tTAG\n\t\ta : BOOL := 0;\n\tEND_TAG\n\n\tPROGRAM MainProgram (MAIN := "R")\n\t\tROUTINE R\n\t\t\t\tN: ${text};\n\t\tEND_ROUTINE\n\tEND_PROGRAM\nEND_CONTROLLER\n`;
}

/** A PLCopen LD network: a left rail, `n` contacts in series, one coil. */
function ldSeries(n: number): string {
  const parts = ['<LD><leftPowerRail localId="1"><connectionPointOut formalParameter=""/></leftPowerRail>'];
  for (let i = 0; i < n; i++) {
    parts.push(`<contact localId="${i + 2}" negated="false"><connectionPointIn><connection refLocalId="${i + 1}"/></connectionPointIn><connectionPointOut/><variable>a</variable></contact>`);
  }
  parts.push(`<coil localId="${n + 2}" negated="false"><connectionPointIn><connection refLocalId="${n + 1}"/></connectionPointIn><connectionPointOut/><variable>a</variable></coil></LD>`);
  return parts.join('\n');
}

/**
 * Inputs that stress recursion and linear passes: nesting `depth` levels deep and chains `chain` long, for every
 * reader. A reader must finish each with diagnostics (a depth limit, a syntax error) or a result, never a crash.
 */
export function deepCases(sizes: DeepSizes = DEFAULT_DEEP_SIZES): DeepCase[] {
  const { depth: d, chain: c } = sizes;
  const cases: DeepCase[] = [];
  const add = (reader: FuzzReader, name: string, text: string): void => {
    cases.push({ reader, path: readerPath(reader, `deep-${name}`), text, how: `${name} (depth ${d}, chain ${c})` });
  };
  const nestedIf = rep('IF b THEN\n', d) + 'x := 1;\n' + rep('END_IF\n', d);
  const parens = `x := ${rep('(', d)}1${rep(')', d)};\n`;
  const unary = `b := ${rep('NOT ', d)}b;\nx := ${rep('-', d)}1;\n`;
  const plusChain = `x := x${rep(' + 1', c)};\n`;
  const andChain = `b := b${rep(' AND b', c)};\n`;
  const statements = rep('x := x + 1;\n', c);
  add('st', 'if', stProgram(nestedIf));
  add('st', 'parens', stProgram(parens));
  add('st', 'unary', stProgram(unary));
  add('st', 'comments', stProgram(`${rep('(*', d)} nested ${rep('*)', d)}\nx := 1;\n`));
  add('st', 'unclosed-parens', stProgram(`x := ${rep('(', d)}1;\n`));
  add('st', 'case', stProgram(rep('CASE x OF 1:\n', d) + 'x := 2;\n' + rep('END_CASE\n', d)));
  add('st', 'array-type', stProgram('', `a : ${rep('ARRAY[0..1] OF ', d)}INT;`));
  add('st', 'member-chain', stProgram(`x := a${rep('.b', c)};\n`));
  add('st', 'index-chain', stProgram(`x := a${rep('[1]', c)};\n`));
  add('st', 'plus-chain', stProgram(plusChain));
  add('st', 'and-chain', stProgram(andChain));
  add('st', 'statements', stProgram(statements));
  add('st', 'vars', `PROGRAM Main\nVAR\n${Array.from({ length: c / 10 }, (_, i) => `  v${i} : INT;\n`).join('')}END_VAR\nEND_PROGRAM\n`);
  add('scl', 'if', `FUNCTION_BLOCK "FB"\nVAR\n  #x : INT;\nEND_VAR\nBEGIN\n${rep('IF #x > 0 THEN\n', d)}#x := 1;\n${rep('END_IF;\n', d)}END_FUNCTION_BLOCK\n`);
  add('scl', 'parens', `FUNCTION_BLOCK "FB"\nVAR\n  #x : INT;\nEND_VAR\nBEGIN\n#x := ${rep('(', d)}1${rep(')', d)};\nEND_FUNCTION_BLOCK\n`);
  add('il', 'parens', plcopenPou(`<IL><xhtml:p><![CDATA[LD a\n${rep('AND( a\n', d)}${rep(')\n', d)}ST a]]></xhtml:p></IL>`));
  add('il', 'chain', plcopenPou(`<IL><xhtml:p><![CDATA[LD a\n${rep('AND a\n', c)}ST a]]></xhtml:p></IL>`));
  add('il', 'unclosed', plcopenPou(`<IL><xhtml:p><![CDATA[LD a\n${rep('AND( a\n', d)}ST a]]></xhtml:p></IL>`));
  add('plcopen', 'elements', plcopenPou(`${rep('<a>', d)}${rep('</a>', d)}`));
  add('plcopen', 'st-if', plcopenPou(`<ST><xhtml:p><![CDATA[${rep('IF a THEN\n', d)}x := 1;\n${rep('END_IF\n', d)}]]></xhtml:p></ST>`));
  add('plcopen', 'ld-series', plcopenPou(ldSeries(Math.min(c, 5000))));
  add('plcopen', 'entities', plcopenPou(`<ST><xhtml:p>x := ${rep('(', d)}1${rep(')', d)}; (* ${rep('&lt;', c)} *)</xhtml:p></ST>`));
  add('twincat', 'elements', `<?xml version="1.0"?>\n<TcPlcObject>${rep('<POU>', d)}${rep('</POU>', d)}</TcPlcObject>\n`);
  add('twincat', 'st-if', twincatPou('PROGRAM Main\nVAR\n  x : INT; b : BOOL;\nEND_VAR\n', nestedIf));
  add('twincat', 'st-parens', twincatPou('PROGRAM Main\nVAR\n  x : INT;\nEND_VAR\n', parens));
  add('twincat', 'st-chain', twincatPou('PROGRAM Main\nVAR\n  x : INT;\nEND_VAR\n', plusChain));
  add('l5x', 'branches', l5xRung(`XIC(a)${rep('[XIC(a)', d)}OTE(a)${rep(',OTU(a)]', d)};`));
  add('l5x', 'unclosed-branches', l5xRung(`XIC(a)${rep('[XIC(a)', d)}OTE(a);`));
  add('l5x', 'series', l5xRung(`${rep('XIC(a)', c)}OTE(a);`));
  add('l5x', 'parens', l5xRung(`CPT(a,${rep('(', d)}1${rep(')', d)});`));
  add('l5x', 'elements', `<?xml version="1.0"?>\n<RSLogix5000Content>${rep('<Controller>', d)}${rep('</Controller>', d)}</RSLogix5000Content>\n`);
  add('l5k', 'branches', l5kRung(`XIC(a)${rep('[XIC(a)', d)}OTE(a)${rep(',OTU(a)]', d)}`));
  add('l5k', 'series', l5kRung(`${rep('XIC(a)', c)}OTE(a)`));
  add('l5k', 'parens', l5kRung(`CPT(a,${rep('(', d)}1${rep(')', d)})`));
  add('l5k', 'attr-parens', `IE_VER := 2.26;\nCONTROLLER C ${rep('(', d)}${rep(')', d)}\nEND_CONTROLLER\n`);
  add('site-yaml', 'flow-seq', `id: x\nname: x\nplatform: codesys\nsources: ${rep('[', d)}${rep(']', d)}\n`);
  add('site-yaml', 'flow-map', `id: x\nname: x\nplatform: codesys\nsafety: ${rep('{a: ', d)}1${rep('}', d)}\n`);
  add('site-yaml', 'long-list', `id: x\nname: x\nplatform: codesys\nsources: [src/*.st]\nsafety:\n  estops: [${Array.from({ length: c / 10 }, (_, i) => `E${i}`).join(', ')}]\n`);
  add('scenario', 'flow-seq', `name: x\ncycle: 10ms\nsteps: ${rep('[', d)}${rep(']', d)}\n`);
  add('scenario', 'flow-map', `name: x\ncycle: 10ms\nsteps:\n  - at: 0ms\n    set: ${rep('{a: ', d)}1${rep('}', d)}\n`);
  add('scenario', 'many-steps', `name: x\ncycle: 10ms\nsteps:\n${Array.from({ length: c / 10 }, (_, i) => `  - at: ${i * 10}ms\n    set: { A: ${i % 2 === 0} }\n`).join('')}`);
  return cases;
}
