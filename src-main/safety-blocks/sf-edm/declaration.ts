/** SF_EDM as the checker parses it (pin names, types and order as PLCopen TC5 Safety Part 1 v2.01 lists them). */
export const DECLARATION = `FUNCTION_BLOCK SF_EDM
VAR_INPUT Activate : BOOL; S_OutControl : SAFEBOOL; S_EDM1 : SAFEBOOL; S_EDM2 : SAFEBOOL; MonitoringTime : TIME;
  S_StartReset : SAFEBOOL; Reset : BOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_EDM_Out : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK
`;
