import type * as Monaco from 'monaco-editor/editor/editor.api';

const KEYWORDS = [
  'PROGRAM', 'END_PROGRAM', 'FUNCTION', 'END_FUNCTION', 'FUNCTION_BLOCK', 'END_FUNCTION_BLOCK', 'METHOD', 'END_METHOD',
  'PROPERTY', 'END_PROPERTY', 'INTERFACE', 'END_INTERFACE', 'ACTION', 'END_ACTION', 'TYPE', 'END_TYPE', 'STRUCT', 'END_STRUCT',
  'VAR', 'VAR_INPUT', 'VAR_OUTPUT', 'VAR_IN_OUT', 'VAR_TEMP', 'VAR_GLOBAL', 'VAR_EXTERNAL', 'VAR_STAT', 'VAR_INST', 'VAR_CONFIG',
  'END_VAR', 'CONSTANT', 'RETAIN', 'PERSISTENT', 'AT', 'IF', 'THEN', 'ELSIF', 'ELSE', 'END_IF', 'CASE', 'OF', 'END_CASE', 'FOR',
  'TO', 'BY', 'DO', 'END_FOR', 'WHILE', 'END_WHILE', 'REPEAT', 'UNTIL', 'END_REPEAT', 'EXIT', 'CONTINUE', 'RETURN', 'JMP',
  'AND', 'OR', 'XOR', 'NOT', 'MOD', 'AND_THEN', 'OR_ELSE', 'TRUE', 'FALSE', 'ARRAY', 'EXTENDS', 'IMPLEMENTS', 'THIS', 'SUPER',
  'REF_TO', 'REFERENCE', 'POINTER', 'CONFIGURATION', 'END_CONFIGURATION', 'RESOURCE', 'END_RESOURCE', 'TASK', 'WITH',
  'REGION', 'END_REGION', 'BEGIN', 'END_DATA_BLOCK', 'DATA_BLOCK', 'ORGANIZATION_BLOCK', 'END_ORGANIZATION_BLOCK',
];
const TYPES = [
  'BOOL', 'BYTE', 'WORD', 'DWORD', 'LWORD', 'SINT', 'INT', 'DINT', 'LINT', 'USINT', 'UINT', 'UDINT', 'ULINT', 'REAL', 'LREAL',
  'TIME', 'LTIME', 'DATE', 'TIME_OF_DAY', 'TOD', 'DATE_AND_TIME', 'DT', 'STRING', 'WSTRING', 'CHAR', 'WCHAR',
];

/** Syntax colouring for IEC 61131-3 ST and SCL in the diff view (case-insensitive, like the language). */
export function registerStructuredText(monaco: typeof Monaco): void {
  monaco.languages.register({ id: 'iec-st', extensions: ['.st', '.scl', '.exp'], aliases: ['Structured Text'] });
  monaco.languages.setMonarchTokensProvider('iec-st', {
    ignoreCase: true,
    keywords: KEYWORDS,
    typeKeywords: TYPES,
    tokenizer: {
      root: [
        [/\(\*/, 'comment', '@blockComment'],
        [/\/\*/, 'comment', '@cComment'],
        [/\/\/.*$/, 'comment'],
        [/\{[^}]*\}/, 'annotation'],
        [/'([^'$]|\$.)*'/, 'string'],
        [/"([^"$]|\$.)*"/, 'string'],
        [/\b(T|TIME|LTIME|D|DATE|TOD|DT)#[\w.:-]+/i, 'number'],
        [/\b\d+#[0-9A-Fa-f_]+/, 'number'],
        [/\b\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d+)?/, 'number'],
        [/%[IQM][XBWDL]?[\d.]*\*?/, 'variable.predefined'],
        [/[A-Za-z_]\w*/, { cases: { '@keywords': 'keyword', '@typeKeywords': 'type', '@default': 'identifier' } }],
        [/:=|=>|<>|<=|>=|\*\*/, 'operator'],
      ],
      blockComment: [
        [/\(\*/, 'comment', '@push'],
        [/\*\)/, 'comment', '@pop'],
        [/./, 'comment'],
      ],
      cComment: [
        [/\*\//, 'comment', '@pop'],
        [/./, 'comment'],
      ],
    },
  });
}
