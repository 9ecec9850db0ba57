// The simulator's public surface: the SimProgram contract, scenarios, traces, waveforms and the differential run.
// and the compiler that turns a checked site into a running program.
export * from './sim-types.js';
export * from './scenario.js';
export * from './scenario-values.js';
export * from './run-scenario.js';
export * from './trace.js';
export * from './vcd.js';
export * from './prng.js';
export * from './input-sequences.js';
export * from './variable-lookup.js';
export * from './differential.js';
export * from './compile-site.js';
export * from './native-fb.js';
export * from './std-fbs.js';
export * from './runtime.js';
export * from './repr.js';
export * from './sim-program.js';
export * from './safety/index.js';
