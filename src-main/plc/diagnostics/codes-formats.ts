import type { CodeInfo } from './catalog.js';
import { XML_FORMAT_CODES } from './codes-formats-xml.js';

/** FMT1xxx: container formats (TwinCAT XML, PLCopen XML, L5X, L5K). */
export const FORMAT_CODES: CodeInfo[] = [
  {
    code: 'FMT0001',
    severity: 'error',
    title: 'File type not recognised',
    explanation:
      'Plantshift reads Structured Text (.st, .scl, .exp), TwinCAT object files (.TcPOU, .TcDUT, .TcGVL, .TcIO), PLCopen TC6 XML (.xml), and Rockwell Studio 5000 exports (.L5X, .L5K). This file has none of those forms, so nothing in it was checked. If it belongs to the project, export it from the engineering tool in one of these formats; otherwise narrow the `sources` globs in site.yaml.',
  },
  {
    code: 'FMT0002',
    severity: 'error',
    title: 'File is not text',
    explanation:
      'The file contains NUL bytes, so it is a binary file (a compiled library, an archive, a project database) rather than source text. PLC engineering tools keep such files beside the sources; export the sources as text (ST, PLCopen XML, L5X) and point site.yaml at those.',
  },
  {
    code: 'FMT2003',
    severity: 'error',
    title: 'Not a Logix project export',
    explanation:
      'An L5X file has the root element RSLogix5000Content with a Controller inside; an L5K file starts with IE_VER and a CONTROLLER block. This file has neither, so it was not read as a Rockwell project.',
  },
  {
    code: 'FMT2004',
    severity: 'warning',
    title: 'Routine type not supported',
    explanation:
      'Only ladder (RLL) and structured text (ST) routines are read. Function block diagram (FBD) and sequential function chart (SFC) routines are skipped, so their logic is missing from checks and simulation, and a JSR to them calls an empty action.',
  },
  {
    code: 'FMT2005',
    severity: 'warning',
    title: 'Alias tag not declared',
    explanation:
      'An alias tag is another name for (part of) another tag or an I/O point. IEC 61131-3 ST has no aliases, so the alias is not declared; code that uses it reports an undeclared name. Use the target tag in the code, or review these uses by hand.',
  },
  {
    code: 'FMT2006',
    severity: 'error',
    title: 'L5K syntax error',
    explanation:
      'The L5K text does not follow the structure Studio 5000 writes (CONTROLLER, DATATYPE, TAG, PROGRAM and ROUTINE blocks, each closed by its END_ keyword, declarations ending with a semicolon). The block was skipped from this point; export the project again.',
  },
  {
    code: 'FMT2007',
    severity: 'warning',
    title: 'Main routine not found',
    explanation:
      'The program names a main routine that is not among its routines, or names none. The program body is empty in the generated ST, so nothing of the program runs in simulation unless another routine is called.',
  },
  {
    code: 'FMT2008',
    severity: 'warning',
    title: 'Protected content skipped',
    explanation:
      'The routine or Add-On Instruction is source protected (its logic is encrypted in EncodedData or CustomProperties). Its logic cannot be read, so it is declared with an empty body. Export it from Studio 5000 with the source key to include it.',
  },
  // FMT1xxx (TwinCAT, PLCopen XML) live in codes-formats-xml.ts.
  ...XML_FORMAT_CODES,
];
