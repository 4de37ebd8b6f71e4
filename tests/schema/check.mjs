#!/usr/bin/env node
// Check samplan documents (JSON) against schemas/*.schema.json.
//
// usage: node check.mjs [--expect-invalid] FILE...
//
// Each FILE is one JSON document, or, when its name ends in .jsonl, one JSON
// document per non-blank line. The schema is picked by the document's `kind`
// (case, agencies). Prints one line per document:
//   FILE: valid
//   FILE: invalid: <instancePath> <message>
// (FILE:LINE for .jsonl). A document that is not JSON, not a mapping, or has an
// unknown kind is invalid too.
//
// Exit status: 0 when every document is valid, 1 when any is invalid, 2 on a
// usage error or an unreadable file. With --expect-invalid the test is turned
// round (for tests/schema/invalid/): exit 0 when every document is invalid,
// 1 when any is valid.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const USAGE = "usage: node check.mjs [--expect-invalid] FILE...";
const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "schemas");
const SCHEMA_FOR_KIND = {
  case: "case.schema.json",
  agencies: "agencies.schema.json",
  plan: "plan.schema.json",
};

function usage(message) {
  if (message) console.error(`check.mjs: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

function loadValidators() {
  // strict: the schemas themselves must be free of ambiguities ajv can detect.
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: false });
  addFormats(ajv, { mode: "full", formats: ["date", "date-time"] });
  const validators = {};
  for (const [kind, file] of Object.entries(SCHEMA_FOR_KIND)) {
    const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, file), "utf8"));
    validators[kind] = ajv.compile(schema);
  }
  return validators;
}

// Returns null when valid, else the reason it is not.
function check(validators, text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return `not JSON: ${e.message}`;
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    return "not a mapping";
  }
  const validate = Object.hasOwn(SCHEMA_FOR_KIND, doc.kind) ? validators[doc.kind] : null;
  if (!validate) {
    return `/kind ${JSON.stringify(doc.kind ?? null)} is not one of: ${Object.keys(SCHEMA_FOR_KIND).join(", ")}`;
  }
  if (validate(doc)) return null;
  const err = validate.errors[0];
  let message = err.message;
  if (err.keyword === "additionalProperties") {
    message += `: ${JSON.stringify(err.params.additionalProperty)}`;
  } else if (err.keyword === "enum") {
    message += `: ${err.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
  } else if (err.keyword === "const") {
    message += ` ${JSON.stringify(err.params.allowedValue)}`;
  }
  if (err.propertyName !== undefined) {
    // an error inside propertyNames: say which key, not only which object
    message = `key ${JSON.stringify(err.propertyName)}: ${message}`;
  }
  return `${err.instancePath || "/"} ${message}`;
}

function main(argv) {
  let expectInvalid = false;
  const files = [];
  let optionsDone = false;
  for (const arg of argv) {
    if (!optionsDone && arg === "--") optionsDone = true;
    else if (!optionsDone && arg === "--expect-invalid") expectInvalid = true;
    else if (!optionsDone && (arg === "-h" || arg === "--help")) {
      console.log(USAGE);
      process.exit(0);
    } else if (!optionsDone && arg.startsWith("-") && arg !== "-") usage(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length === 0) usage("no files given");

  const validators = loadValidators();
  let valid = 0;
  let invalid = 0;
  let unreadable = 0;
  for (const file of files) {
    let text;
    try {
      text = readFileSync(file === "-" ? 0 : file, "utf8");
    } catch (e) {
      console.error(`${file}: cannot read: ${e.message}`);
      unreadable++;
      continue;
    }
    const docs = file.endsWith(".jsonl")
      ? text.split("\n").map((line, i) => [`${file}:${i + 1}`, line]).filter(([, line]) => line.trim() !== "")
      : [[file, text]];
    for (const [name, docText] of docs) {
      const problem = check(validators, docText);
      if (problem === null) {
        console.log(`${name}: valid`);
        valid++;
      } else {
        console.log(`${name}: invalid: ${problem}`);
        invalid++;
      }
    }
  }
  if (unreadable > 0) process.exit(2);
  const failed = expectInvalid ? valid > 0 : invalid > 0;
  process.exit(failed ? 1 : 0);
}

main(process.argv.slice(2));
