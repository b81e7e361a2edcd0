#!/usr/bin/env node
// usage: node validate-sarif.js file.sarif [more.sarif ...]   (exit 0 = all valid, 1 = schema errors, 2 = usage/parse error)
// Schema: SARIF 2.1.0 (rtm.5, draft-04) shipped by @microsoft/jest-sarif at lib/schemas/sarif-2.1.0-rtm.5.json.
// rtm.5's run/toolComponent "language" pattern is malformed; it is replaced by the OASIS 2.1.0 errata01 pattern.
const fs = require("fs");
const path = require("path");
const Ajv4 = require("ajv-draft-04");
const addFormats = require("ajv-formats");
const schemaPath = path.join(path.dirname(require.resolve("@microsoft/jest-sarif/package.json")), "lib/schemas/sarif-2.1.0-rtm.5.json");
const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
for (const def of ["run", "toolComponent"]) schema.definitions[def].properties.language.pattern = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$";
const ajv = new Ajv4({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
const files = process.argv.slice(2);
if (files.length === 0) { console.error("usage: validate-sarif.js FILE.sarif..."); process.exit(2); }
let bad = 0;
for (const f of files) {
  let data;
  try { data = JSON.parse(fs.readFileSync(f, "utf8")); } catch (e) { console.error(`${f}: ${e.message}`); process.exit(2); }
  if (validate(data)) { console.log(`${f}: valid`); continue; }
  bad++;
  for (const e of validate.errors) console.log(`${f}: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
}
process.exit(bad ? 1 : 0);
