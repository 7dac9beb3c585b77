// Minimal stand-in for chai's `expect`, covering only the assertions the official Engine.IO v4 and
// Socket.IO v5 protocol test suites use (chai is not packaged by Debian). Written for this project.
"use strict";
const assert = require("node:assert");

function normalize(value) {
  if (value instanceof ArrayBuffer) return Buffer.from(new Uint8Array(value));
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

class Assertion {
  constructor(actual) { this.actual = actual; this.flags = {}; }
  get to() { return this; }
  get be() { return this; }
  get have() { return this; }
  get all() { this.flags.all = true; return this; }
  eql(expected) {
    assert.deepStrictEqual(normalize(this.actual), normalize(expected));
    return this;
  }
  equal(expected) { assert.strictEqual(this.actual, expected); return this; }
  a(type) {
    const actualType = Array.isArray(this.actual) ? "array" : this.actual === null ? "null" : typeof this.actual;
    assert.strictEqual(actualType, type, `expected ${JSON.stringify(this.actual)} to be a ${type}`);
    return this;
  }
  oneOf(list) {
    assert.ok(list.includes(this.actual), `expected ${JSON.stringify(this.actual)} to be one of ${JSON.stringify(list)}`);
    return this;
  }
  keys(...keys) {
    const expected = (keys.length === 1 && Array.isArray(keys[0]) ? keys[0] : keys).slice().sort();
    assert.deepStrictEqual(Object.keys(this.actual).sort(), expected);
    return this;
  }
}

const chai = {
  expect: (actual) => new Assertion(actual),
  use(plugin) { plugin(chai, {}); return chai; },
  Assertion,
};

module.exports = chai;
