/** SF_Antivalent as the checker parses it (pin names, types and order as PLCopen TC5 Safety Part 1 v2.01 lists them). */
export const DECLARATION = `FUNCTION_BLOCK SF_Antivalent
VAR_INPUT Activate : BOOL; S_ChannelNC : SAFEBOOL; S_ChannelNO : SAFEBOOL; DiscrepancyTime : TIME; END_VAR
VAR_OUTPUT Ready : BOOL; S_AntivalentOut : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK
`;
