import type { SiteFiles } from './press-sites.js';

/**
 * A site whose programs run from a CONFIGURATION's tasks: PRG_Chain computes a global enable from an
 * SF_EmergencyStop, PRG_Drive (a later program of the same task) writes the hazardous output from it.
 * `interval` sets PRG_Drive's task interval (equal to the chain's: one scan; different: scans of their own).
 */
export function taskSite(driveInterval: string, chainPriority = 1, drivePriority = 2): SiteFiles {
  return {
    yaml: `id: task-site
name: Two tasks
plant: Test
description: programs from a configuration's tasks
platform: codesys
sources: ["src/*.st"]
entry: PRG_Drive
cycle: 10ms
safety:
  estops: [EStop_OK]
  guards: []
  hazardous_outputs: [Q_Drive]
  reaction_ms: 20
  reset: Reset_PB
  pous: [PRG_Chain]
scenarios: []
`,
    files: {
      'src/GVL.st': `VAR_GLOBAL
    EStop_OK AT %IX0.0 : BOOL;
    Reset_PB AT %IX0.1 : BOOL;
    Run_PB   AT %IX0.2 : BOOL;
    Q_Drive  AT %QX0.0 : BOOL;
    Enable   : BOOL;
END_VAR
`,
      'src/PRG_Chain.st': `PROGRAM PRG_Chain
VAR
    EStop : SF_EmergencyStop;
END_VAR
EStop(Activate := TRUE, S_EStopIn := EStop_OK, S_StartReset := FALSE, S_AutoReset := FALSE, Reset := Reset_PB);
Enable := EStop.S_EStopOut;
END_PROGRAM
`,
      'src/PRG_Drive.st': `PROGRAM PRG_Drive
Q_Drive := Run_PB AND Enable;
END_PROGRAM
`,
      'src/Config.st': `CONFIGURATION Cfg
    RESOURCE Res ON PLC
        TASK TChain(INTERVAL := T#10MS, PRIORITY := ${chainPriority});
        TASK TDrive(INTERVAL := ${driveInterval}, PRIORITY := ${drivePriority});
        PROGRAM Chain WITH TChain : PRG_Chain;
        PROGRAM Drive WITH TDrive : PRG_Drive;
    END_RESOURCE
END_CONFIGURATION
`,
    },
  };
}
