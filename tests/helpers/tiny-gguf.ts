// Writes a tiny llama-architecture GGUF v3 model, written from the ggml GGUF spec (docs/gguf.md): a header, the
// metadata key/value pairs, the tensor infos, padding to the alignment, then the F32 tensor data.
//
// The weights are seeded noise with a hand-set "bigram" path on top: attention and feed-forward outputs are tiny,
// so the last layer sees (almost) only the current token's embedding. Chain tokens get a one-hot embedding and the
// output projection maps each chain token to its successor, so greedy decoding after the chat template's
// "<|im_start|>assistant\n" writes exactly CHAT_REPLY and then <|im_end|>. Every token also leans a little toward
// '"', so grammar-constrained strings close at once and constrained output always finishes.
import { writeFileSync } from 'node:fs';

export const CHAT_REPLY = 'Hello there';

const EMBD = 64;
const FF = 128;
const LAYERS = 2;
const HEADS = 4;
const ALIGN = 32;

const enum TokenType {
  Normal = 1,
  Unknown = 2,
  Control = 3,
  Byte = 6,
}

const CHATML_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}" +
  "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

const WORDS = [
  'Hello', 'there', 'assistant', 'user', 'system', 'tool', 'call', 'result', 'read', 'file', 'path', 'name', 'true',
  'false', 'null', 'pass', 'fail', 'main', 'site', 'plant', 'the', 'and', 'you', 'are', 'function', 'functions',
  'params', 'type', 'string', 'object', 'value', 'answer', 'verdict', 'count', 'ok', 'yes', 'no', 'is', 'to', 'of',
];
const PUNCT = ['{', '}', '[', ']', '"', ':', ',', '.', '!', '?', '(', ')', '|', '||', '_', '-', '/', '=', ' ', '\n'];

interface Vocab {
  tokens: string[];
  scores: number[];
  types: number[];
  index: Map<string, number>;
}

function buildVocab(): Vocab {
  const tokens: string[] = [];
  const scores: number[] = [];
  const types: number[] = [];
  const add = (piece: string, type: TokenType, score = 0): void => {
    if (tokens.includes(piece)) return;
    tokens.push(piece);
    scores.push(score);
    types.push(type);
  };
  add('<unk>', TokenType.Unknown);
  add('<s>', TokenType.Control);
  add('</s>', TokenType.Control);
  add('<|im_start|>', TokenType.Control);
  add('<|im_end|>', TokenType.Control);
  for (let b = 0; b < 256; b++) add(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`, TokenType.Byte);
  // Longer pieces score higher so the SentencePiece tokenizer prefers them.
  for (let c = 33; c < 127; c++) add(String.fromCharCode(c), TokenType.Normal, -10);
  for (const p of PUNCT) add(p === ' ' ? '▁' : p, TokenType.Normal, -9);
  for (const w of WORDS) {
    add(w, TokenType.Normal, -5 + w.length * 0.1);
    add(`▁${w}`, TokenType.Normal, -4 + w.length * 0.1);
  }
  const index = new Map<string, number>();
  tokens.forEach((t, i) => index.set(t, i));
  return { tokens, scores, types, index };
}

/** mulberry32: a small seeded PRNG, so the model file is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Tensor {
  name: string;
  dims: number[]; // ne[0] first: the contiguous dimension
  data: Float32Array;
}

function noise(rand: () => number, count: number, scale: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = (rand() * 2 - 1) * scale;
  return out;
}

function buildTensors(vocab: Vocab): Tensor[] {
  const rand = mulberry32(0x5eed);
  const n = vocab.tokens.length;
  const id = (piece: string): number => {
    const i = vocab.index.get(piece);
    if (i === undefined) throw new Error(`tiny-gguf: no token ${piece}`);
    return i;
  };
  const BIAS_DIM = EMBD - 1;
  const embd = noise(rand, n * EMBD, 0.05);
  for (let t = 0; t < n; t++) embd[t * EMBD + BIAS_DIM] = 1;
  const output = noise(rand, n * EMBD, 0.02);
  // Every state leans toward '"' (closes grammar-constrained strings); the chain below outweighs it.
  output[id('"') * EMBD + BIAS_DIM] = 0.6;
  const chain: Array<[from: string[], to: string]> = [
    [['<0x0A>', '\n'], 'Hello'],
    [['Hello'], '▁there'],
    [['▁there'], '<|im_end|>'],
  ];
  chain.forEach(([froms, to], slot) => {
    for (const from of froms) {
      const t = id(from);
      for (let d = 0; d < BIAS_DIM; d++) embd[t * EMBD + d] = d === slot ? 1 : 0;
    }
    output[id(to) * EMBD + slot] = 4;
  });

  const tensors: Tensor[] = [{ name: 'token_embd.weight', dims: [EMBD, n], data: embd }];
  for (let l = 0; l < LAYERS; l++) {
    const p = `blk.${l}`;
    tensors.push(
      { name: `${p}.attn_norm.weight`, dims: [EMBD], data: new Float32Array(EMBD).fill(1) },
      { name: `${p}.attn_q.weight`, dims: [EMBD, EMBD], data: noise(rand, EMBD * EMBD, 0.1) },
      { name: `${p}.attn_k.weight`, dims: [EMBD, EMBD], data: noise(rand, EMBD * EMBD, 0.1) },
      { name: `${p}.attn_v.weight`, dims: [EMBD, EMBD], data: noise(rand, EMBD * EMBD, 0.1) },
      { name: `${p}.attn_output.weight`, dims: [EMBD, EMBD], data: noise(rand, EMBD * EMBD, 0.001) },
      { name: `${p}.ffn_norm.weight`, dims: [EMBD], data: new Float32Array(EMBD).fill(1) },
      { name: `${p}.ffn_gate.weight`, dims: [EMBD, FF], data: noise(rand, EMBD * FF, 0.1) },
      { name: `${p}.ffn_up.weight`, dims: [EMBD, FF], data: noise(rand, EMBD * FF, 0.1) },
      { name: `${p}.ffn_down.weight`, dims: [FF, EMBD], data: noise(rand, FF * EMBD, 0.001) },
    );
  }
  tensors.push(
    { name: 'output_norm.weight', dims: [EMBD], data: new Float32Array(EMBD).fill(1) },
    { name: 'output.weight', dims: [EMBD, n], data: output },
  );
  return tensors;
}

// GGUF metadata value types (spec: gguf_metadata_value_type).
const T_U32 = 4;
const T_F32 = 6;
const T_BOOL = 7;
const T_STRING = 8;
const T_ARRAY = 9;
const T_I32 = 5;

class Writer {
  private chunks: Buffer[] = [];
  size = 0;
  bytes(b: Buffer): void {
    this.chunks.push(b);
    this.size += b.length;
  }
  u32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.bytes(b);
  }
  i32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    this.bytes(b);
  }
  u64(v: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.bytes(b);
  }
  f32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.bytes(b);
  }
  str(s: string): void {
    const b = Buffer.from(s, 'utf8');
    this.u64(b.length);
    this.bytes(b);
  }
  pad(align: number): void {
    const extra = (align - (this.size % align)) % align;
    if (extra) this.bytes(Buffer.alloc(extra));
  }
  result(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

type Meta =
  | { type: 'u32'; value: number }
  | { type: 'f32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'str'; value: string }
  | { type: 'str[]'; value: string[] }
  | { type: 'f32[]'; value: number[] }
  | { type: 'i32[]'; value: number[] };

function writeMeta(w: Writer, key: string, m: Meta): void {
  w.str(key);
  switch (m.type) {
    case 'u32': w.u32(T_U32); w.u32(m.value); break;
    case 'f32': w.u32(T_F32); w.f32(m.value); break;
    case 'bool': w.u32(T_BOOL); w.bytes(Buffer.from([m.value ? 1 : 0])); break;
    case 'str': w.u32(T_STRING); w.str(m.value); break;
    case 'str[]': w.u32(T_ARRAY); w.u32(T_STRING); w.u64(m.value.length); m.value.forEach((s) => w.str(s)); break;
    case 'f32[]': w.u32(T_ARRAY); w.u32(T_F32); w.u64(m.value.length); m.value.forEach((v) => w.f32(v)); break;
    case 'i32[]': w.u32(T_ARRAY); w.u32(T_I32); w.u64(m.value.length); m.value.forEach((v) => w.i32(v)); break;
  }
}

/** The GGUF bytes of the tiny model. */
export function tinyGgufBytes(): Buffer {
  const vocab = buildVocab();
  const tensors = buildTensors(vocab);
  const meta: Array<[string, Meta]> = [
    ['general.architecture', { type: 'str', value: 'llama' }],
    ['general.name', { type: 'str', value: 'plantshift-tiny-test' }],
    ['general.alignment', { type: 'u32', value: ALIGN }],
    ['llama.context_length', { type: 'u32', value: 256 }],
    ['llama.embedding_length', { type: 'u32', value: EMBD }],
    ['llama.block_count', { type: 'u32', value: LAYERS }],
    ['llama.feed_forward_length', { type: 'u32', value: FF }],
    ['llama.attention.head_count', { type: 'u32', value: HEADS }],
    ['llama.attention.head_count_kv', { type: 'u32', value: HEADS }],
    ['llama.rope.dimension_count', { type: 'u32', value: EMBD / HEADS }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'f32', value: 1e-5 }],
    ['tokenizer.ggml.model', { type: 'str', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'str[]', value: vocab.tokens }],
    ['tokenizer.ggml.scores', { type: 'f32[]', value: vocab.scores }],
    ['tokenizer.ggml.token_type', { type: 'i32[]', value: vocab.types }],
    ['tokenizer.ggml.unknown_token_id', { type: 'u32', value: 0 }],
    ['tokenizer.ggml.bos_token_id', { type: 'u32', value: 1 }],
    ['tokenizer.ggml.eos_token_id', { type: 'u32', value: 2 }],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: true }],
    ['tokenizer.ggml.add_eos_token', { type: 'bool', value: false }],
    ['tokenizer.ggml.add_space_prefix', { type: 'bool', value: false }],
    ['tokenizer.chat_template', { type: 'str', value: CHATML_TEMPLATE }],
  ];

  const w = new Writer();
  w.bytes(Buffer.from('GGUF', 'latin1'));
  w.u32(3);
  w.u64(tensors.length);
  w.u64(meta.length);
  for (const [key, m] of meta) writeMeta(w, key, m);
  let offset = 0;
  for (const t of tensors) {
    w.str(t.name);
    w.u32(t.dims.length);
    t.dims.forEach((d) => w.u64(d));
    w.u32(0); // GGML_TYPE_F32
    w.u64(offset);
    offset += Math.ceil((t.data.length * 4) / ALIGN) * ALIGN;
  }
  w.pad(ALIGN);
  for (const t of tensors) {
    w.bytes(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    w.pad(ALIGN);
  }
  return w.result();
}

/** Writes the tiny model to `file` and returns the path. */
export function writeTinyGguf(file: string): string {
  writeFileSync(file, tinyGgufBytes());
  return file;
}
