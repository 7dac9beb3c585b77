// Minimal stand-in for chai-string: adds `startsWith`/`endsWith` to the chai shim. Written for this project.
"use strict";
const assert = require("node:assert");

module.exports = function chaiString(chai) {
  chai.Assertion.prototype.startsWith = function (prefix) {
    assert.ok(typeof this.actual === "string" && this.actual.startsWith(prefix), `expected ${JSON.stringify(this.actual)} to start with ${JSON.stringify(prefix)}`);
    return this;
  };
  chai.Assertion.prototype.endsWith = function (suffix) {
    assert.ok(typeof this.actual === "string" && this.actual.endsWith(suffix), `expected ${JSON.stringify(this.actual)} to end with ${JSON.stringify(suffix)}`);
    return this;
  };
};
