/**
 * The SAFE* data types of the PLCopen safety blocks as ST: aliases of the standard types, as in CODESYS Safety
 * and TwinSAFE. Declared once, ahead of every block's declaration.
 */
export const SAFE_TYPES_ST = `
TYPE
  SAFEBOOL : BOOL; SAFEBYTE : BYTE; SAFEWORD : WORD; SAFEDWORD : DWORD; SAFEINT : INT; SAFEDINT : DINT;
  SAFEUINT : UINT; SAFEUDINT : UDINT; SAFESINT : SINT; SAFEUSINT : USINT; SAFETIME : TIME;
END_TYPE
`;
