/** SF_TwoHandControlTypeIII as the checker parses it (pin names, types and order as PLCopen TC5 Safety Part 1 v2.01 lists them). */
export const DECLARATION = `FUNCTION_BLOCK SF_TwoHandControlTypeIII
VAR_INPUT Activate : BOOL; S_Button1 : SAFEBOOL; S_Button2 : SAFEBOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_TwoHandOut : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK
`;
