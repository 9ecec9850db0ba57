/**
 * The soft-PLC's public contract. Everything here is pure: the simulator never reads the wall clock, files or
 * the network. Virtual time advances only by scans, so a run is exactly reproducible.
 */

/**
 * A PLC value as the simulator exposes it: BOOL as boolean; SINT..DINT, USINT..UDINT, BYTE..DWORD, REAL,
 * LREAL, TIME (milliseconds), DATE/TOD/DT (milliseconds) as number; LINT, ULINT, LWORD and LTIME
 * (nanoseconds) as bigint; STRING/WSTRING as string; enums as their integer value.
 */
export type SimValue = boolean | number | bigint | string;

export interface SimVariable {
  /** How scenarios and traces name it: `EStop_OK` (global), `Main.state` (program variable), `GVL.x`. */
  path: string;
  /** IEC type name as declared: BOOL, INT, TIME, ... (composite types are not listed, their leaves are). */
  type: string;
  /** Located address, if any: `%IX0.1`. */
  address: string | null;
  kind: 'input' | 'output' | 'memory' | 'variable';
  retain: boolean;
}

/** A stop like a PLC's: a watchdog (scan ran too long) or a runtime fault (index out of bounds, ...). */
export interface SimFault {
  kind: 'watchdog' | 'bounds' | 'division' | 'null-reference' | 'fault';
  message: string;
  pou: string;
  file: string;
  line: number;
  /** Virtual time of the scan in which it happened, in milliseconds. */
  timeMs: number;
  scan: number;
}

export interface SimProgram {
  /** Cycle time in milliseconds: virtual time advances by this much per scan. */
  readonly cycleMs: number;
  /** Virtual time of the next scan, in milliseconds since start (0 for the first scan). */
  readonly timeMs: number;
  /** Number of scans run since the last cold start. */
  readonly scans: number;
  /** Set when the program stopped with a fault; further scans do nothing. */
  readonly fault: SimFault | null;
  /** Every readable variable with a scalar value (struct and array leaves flattened, e.g. `Main.arr[2]`). */
  variables(): SimVariable[];
  /** Reads a variable by path or located address; throws SimPathError for an unknown name. */
  get(path: string): SimValue;
  /** Writes a variable (or a located input) before the next scan; the value is converted to its type. */
  set(path: string, value: SimValue): void;
  /** One PLC cycle: read inputs (already set), run the task's programs, then advance time by `cycleMs`. */
  scan(): void;
  /** Cold start: every variable back to its initial value. Warm start keeps RETAIN/PERSISTENT variables. */
  restart(mode: 'cold' | 'warm'): void;
}

export class SimPathError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
    this.name = 'SimPathError';
  }
}
