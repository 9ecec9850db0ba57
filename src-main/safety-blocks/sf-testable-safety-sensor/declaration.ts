/** SF_TestableSafetySensor as the checker parses it (pin names, types and order as PLCopen TC5 Safety Part 1 v2.01 lists them). */
export const DECLARATION = `FUNCTION_BLOCK SF_TestableSafetySensor
VAR_INPUT Activate : BOOL; S_OSSD_In : SAFEBOOL; StartTest : BOOL; TestTime : TIME; NoExternalTest : BOOL;
  S_StartReset : SAFEBOOL; S_AutoReset : SAFEBOOL; Reset : BOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_OSSD_Out : SAFEBOOL; S_TestOut : SAFEBOOL; TestPossible : BOOL; TestExecuted : BOOL;
  Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK
`;
