#!/usr/bin/env node
// usage: node check-elasticsearch.js DIR [--license basic|gold|platinum|enterprise] [--keep-temp]
//   (exit 0 = all files valid, 1 = errors found, 2 = usage, unreadable input or a broken tool install)
//
// DIR holds request bodies rendered by telc:
//   *.ilm.json                 body of PUT _ilm/policy/<name>           ({"policy": {...}})
//   *.index-template.json      body of PUT _index_template/<name>
//   *.component-template.json  body of PUT _component_template/<name>
//   *.data-view.json           body of Kibana's POST /api/data_views/data_view ({"data_view": {...}})
//
// 1. Types: each file is pasted verbatim into a generated .ts file as `(<json>) satisfies <BodyType>`, and all of them
//    are compiled in one TypeScript program (--strict --noEmit). The body types are the request types of the official
//    Elasticsearch client (@elastic/elasticsearch/lib/api/types), narrowed to the keys the client sends in the request
//    body (its own table of accepted body parameters in lib/api/api/*.js), with the keys Elasticsearch requires made
//    required. `satisfies` on an object literal reports unknown keys (TS2353) and wrong value types (TS2322...).
//    Data views use the hand-written kibana-data-view.d.ts beside this script (Kibana's types are not in the client).
// 2. ILM rules from ilm-phase-actions.json beside this script: unknown phase, action not allowed in its phase (rollover
//    outside hot among them), deprecated actions, hot actions that need a rollover, frozen without searchable_snapshot,
//    actions after a searchable snapshot, rollover without a max_* condition, min_age format and order
//    (hot <= warm <= cold <= frozen <= delete), and actions whose licence is above --license (default basic, the licence
//    a self-managed cluster has unless one is installed).
// Errors print as FILE:LINE:COL: error CODE at /json/pointer: message
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

let ts;
try {
  ts = require("typescript");
} catch (e) {
  console.error(`typescript is not installed: run npm install --no-package-lock --no-audit --no-fund --silent in ${__dirname}`);
  process.exit(2);
}

const KINDS = [
  { suffix: ".ilm.json", label: "ILM policy", api: "ilm.put_lifecycle", request: "IlmPutLifecycleRequest", required: ["policy"], body: "IlmPutLifecycleBody" },
  { suffix: ".index-template.json", label: "index template", api: "indices.put_index_template", request: "IndicesPutIndexTemplateRequest", required: ["index_patterns"], body: "IndicesPutIndexTemplateBody" },
  { suffix: ".component-template.json", label: "component template", api: "cluster.put_component_template", request: "ClusterPutComponentTemplateRequest", required: ["template"], body: "ClusterPutComponentTemplateBody" },
  { suffix: ".data-view.json", label: "Kibana data view", body: "KibanaCreateDataViewRequestBody" },
];

function usage(message) {
  if (message) console.error(message);
  console.error("usage: node check-elasticsearch.js DIR [--license basic|gold|platinum|enterprise] [--keep-temp]");
  process.exit(2);
}

function parseArgs(argv) {
  const args = { dir: null, license: "basic", keepTemp: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--license") args.license = argv[++i];
    else if (a.startsWith("--license=")) args.license = a.slice("--license=".length);
    else if (a === "--keep-temp") args.keepTemp = true;
    else if (a === "-h" || a === "--help") usage();
    else if (a.startsWith("-")) usage(`unknown option ${a}`);
    else if (args.dir === null) args.dir = a;
    else usage(`unexpected argument ${a}`);
  }
  if (args.dir === null) usage();
  return args;
}

// The client's own table of which request keys go to the body, e.g. 'ilm.put_lifecycle': { path: [...], body: ['policy'], query: [...] }.
function bodyKeys(clientDir, api) {
  const namespace = api.split(".")[0];
  const file = path.join(clientDir, "lib", "api", "api", `${namespace}.js`);
  const source = fs.readFileSync(file, "utf8");
  const escaped = api.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`'${escaped}'\\s*:\\s*\\{[^}]*?\\bbody\\s*:\\s*\\[([^\\]]*)\\]`).exec(source);
  if (!m) throw new Error(`cannot find the accepted body parameters of ${api} in ${file}; the client's layout changed`);
  const keys = [...m[1].matchAll(/'([^']+)'/g)].map((k) => k[1]);
  if (keys.length === 0) throw new Error(`${api} has no body parameters in ${file}`);
  return keys;
}

function bodiesSource(clientDir) {
  const esTypes = path.join(clientDir, "lib", "api", "types").split(path.sep).join("/");
  const kibanaTypes = path.join(__dirname, "kibana-data-view").split(path.sep).join("/");
  const lines = [`import type * as ES from ${JSON.stringify(esTypes)};`, `export type { KibanaCreateDataViewRequestBody } from ${JSON.stringify(kibanaTypes)};`];
  for (const kind of KINDS) {
    if (!kind.request) continue;
    const keys = bodyKeys(clientDir, kind.api);
    for (const r of kind.required) if (!keys.includes(r)) throw new Error(`${kind.request} has no body key ${r}`);
    const all = keys.map((k) => JSON.stringify(k)).join(" | ");
    const req = kind.required.map((k) => JSON.stringify(k)).join(" | ");
    lines.push(`/** Body of ${kind.api}: keys ${keys.join(", ")}; required by Elasticsearch: ${kind.required.join(", ")}. */`);
    lines.push(`export interface ${kind.body} extends Omit<Pick<ES.${kind.request}, ${all}>, ${req}>, Required<Pick<ES.${kind.request}, ${req}>> {}`);
  }
  return lines.join("\n") + "\n";
}

// ---- JSON positions --------------------------------------------------------------------------------------------

function rootExpression(jsonFile) {
  const st = jsonFile.statements[0];
  return st ? st.expression : undefined;
}

function propertyName(prop) {
  const n = prop.name;
  return n && (ts.isStringLiteral(n) || ts.isIdentifier(n) || ts.isNumericLiteral(n)) ? n.text : undefined;
}

// JSON pointer segments of the innermost property or element containing offset.
function pathAt(jsonFile, offset) {
  const segs = [];
  let node = rootExpression(jsonFile);
  while (node) {
    let next;
    if (ts.isObjectLiteralExpression(node)) {
      for (const prop of node.properties) {
        if (offset >= prop.getStart(jsonFile) && offset < prop.end) {
          segs.push(propertyName(prop));
          if (ts.isPropertyAssignment(prop) && offset >= prop.initializer.getStart(jsonFile)) next = prop.initializer;
          break;
        }
      }
    } else if (ts.isArrayLiteralExpression(node)) {
      node.elements.forEach((el, i) => {
        if (!next && offset >= el.getStart(jsonFile) && offset < el.end) {
          segs.push(String(i));
          next = el;
        }
      });
    }
    node = next;
  }
  return segs;
}

// Offset of the key (or element) at segs, or of the deepest part of it that exists.
function offsetOf(jsonFile, segs) {
  let node = rootExpression(jsonFile);
  if (!node) return 0;
  let at = node.getStart(jsonFile);
  for (const seg of segs) {
    let next;
    if (ts.isObjectLiteralExpression(node)) {
      const prop = node.properties.find((p) => propertyName(p) === seg);
      if (prop) {
        at = prop.getStart(jsonFile);
        next = ts.isPropertyAssignment(prop) ? prop.initializer : undefined;
      }
    } else if (ts.isArrayLiteralExpression(node) && /^\d+$/.test(seg) && node.elements[Number(seg)]) {
      next = node.elements[Number(seg)];
      at = next.getStart(jsonFile);
    }
    if (!next) break;
    node = next;
  }
  return at;
}

function pointer(segs) {
  return segs.length === 0 ? "/" : "/" + segs.map((s) => String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}

// ---- ILM rules -----------------------------------------------------------------------------------------------

const NANOS = { nanos: 1, micros: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9, d: 86400e9 };

// Elasticsearch TimeValue syntax: a number and a unit (nanos, micros, ms, s, m, h, d), or bare 0 / -1.
function parseDuration(v) {
  if (v === 0 || v === -1 || v === "0" || v === "-1") return Number(v);
  if (typeof v !== "string") return undefined;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(nanos|micros|ms|s|m|h|d)\s*$/.exec(v);
  return m ? Number(m[1]) * NANOS[m[2]] : undefined;
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

function checkIlm(body, rules, license, report) {
  if (!isObject(body) || !isObject(body.policy) || !isObject(body.policy.phases)) return; // the type check reports these
  const phases = body.policy.phases;
  const P = ["policy", "phases"];
  const known = rules.phases_in_order;
  const allowedIn = (action) => known.filter((p) => rules.phases[p].actions.includes(action));
  const licRank = (l) => rules.licenses_in_order.indexOf(l);
  const actionsOf = (name) => (isObject(phases[name]) && isObject(phases[name].actions) ? phases[name].actions : {});

  for (const name of Object.keys(phases)) {
    if (!known.includes(name)) {
      report(P.concat(name), "ILM-UNKNOWN-PHASE", `unknown phase [${name}]; phases are ${known.join(", ")}`);
      continue;
    }
    for (const action of Object.keys(actionsOf(name))) {
      const at = P.concat(name, "actions", action);
      if (rules.deprecated_actions[action]) {
        report(at, "ILM-DEPRECATED-ACTION", `[${action}] is deprecated: ${rules.deprecated_actions[action].note}`);
      } else if (!rules.phases[name].actions.includes(action)) {
        const where = allowedIn(action);
        if (action === "rollover") report(at, "ILM-ROLLOVER-OUTSIDE-HOT", `rollover is only allowed in the hot phase, not in [${name}]`);
        else if (where.length === 0) report(at, "ILM-UNKNOWN-ACTION", `unknown ILM action [${action}]; the ${name} phase allows ${rules.phases[name].actions.join(", ")}`);
        else report(at, "ILM-ACTION-PHASE", `action [${action}] is not allowed in the ${name} phase (allowed in: ${where.join(", ")}); the ${name} phase allows ${rules.phases[name].actions.join(", ")}`);
      }
      const info = rules.actions[action];
      if (info && licRank(info.license) > licRank(license)) {
        report(at, "ILM-LICENSE", `action [${action}] needs an ${info.license} licence; the cluster has ${license} (--license)`);
      }
    }
  }

  const hot = actionsOf("hot");
  if (isObject(phases.hot) && !("rollover" in hot)) {
    for (const a of rules.rules.hot_actions_require_rollover) {
      if (a in hot) report(P.concat("hot", "actions", a), "ILM-HOT-NEEDS-ROLLOVER", `the [${a}] action may not be used in the hot phase without an accompanying [rollover] action`);
    }
  }
  if ("rollover" in hot && isObject(hot.rollover)) {
    if (!rules.rules.rollover_max_conditions.some((c) => c in hot.rollover)) {
      report(P.concat("hot", "actions", "rollover"), "ILM-ROLLOVER-NO-MAX", `rollover needs at least one of ${rules.rules.rollover_max_conditions.join(", ")}`);
    }
  }
  const need = rules.rules.frozen_requires_action;
  if (isObject(phases.frozen) && !(need in actionsOf("frozen"))) {
    report(P.concat("frozen"), "ILM-FROZEN-NEEDS-SEARCHABLE-SNAPSHOT", `the frozen phase requires a [${need}] action`);
  }
  let after = [];
  if ("searchable_snapshot" in hot) after = known.filter((p) => p !== "hot");
  else if ("searchable_snapshot" in actionsOf("cold")) after = ["frozen"];
  for (const p of after) {
    for (const a of rules.rules.actions_cannot_follow_searchable_snapshot) {
      if (a in actionsOf(p)) report(P.concat(p, "actions", a), "ILM-AFTER-SEARCHABLE-SNAPSHOT", `[${a}] is not allowed after the index was mounted as a searchable snapshot in an earlier phase`);
    }
  }

  // min_age: unset or 0 is not checked (as in TimeseriesLifecycleType.validateMonotonicallyIncreasingPhaseTimings).
  const ages = [];
  for (const name of known) {
    if (!isObject(phases[name]) || !("min_age" in phases[name])) continue;
    const raw = phases[name].min_age;
    const nanos = parseDuration(raw);
    if (nanos === undefined) {
      report(P.concat(name, "min_age"), "ILM-MIN-AGE-FORMAT", `min_age ${JSON.stringify(raw)} is not a time value (a number and one of d, h, m, s, ms, micros, nanos, e.g. "30d")`);
      continue;
    }
    if (nanos !== 0) ages.push({ name, raw, nanos });
  }
  const flagged = new Set();
  for (let i = 0; i < ages.length; i++) {
    for (let j = i + 1; j < ages.length; j++) {
      if (ages[j].nanos < ages[i].nanos && !flagged.has(ages[j].name)) {
        flagged.add(ages[j].name);
        report(P.concat(ages[j].name, "min_age"), "ILM-MIN-AGE-ORDER", `the ${ages[j].name} phase (min_age ${ages[j].raw}) would start before the ${ages[i].name} phase (min_age ${ages[i].raw}); min_age must not decrease in the order ${known.join(" <= ")}`);
      }
    }
  }
}

// ---- main ---------------------------------------------------------------------------------------------------

function main() {
  const args = parseArgs(process.argv.slice(2));
  const rules = JSON.parse(fs.readFileSync(path.join(__dirname, "ilm-phase-actions.json"), "utf8"));
  if (!rules.licenses_in_order.includes(args.license)) usage(`--license must be one of ${rules.licenses_in_order.join(", ")}`);

  let names;
  try {
    names = fs.readdirSync(args.dir).sort();
  } catch (e) {
    console.error(`${args.dir}: ${e.message}`);
    process.exit(2);
  }
  const inputs = [];
  for (const name of names) {
    const kind = KINDS.find((k) => name.endsWith(k.suffix));
    if (!kind) {
      if (name.endsWith(".json")) console.error(`note: ${path.join(args.dir, name)} skipped: not ${KINDS.map((k) => "*" + k.suffix).join(", ")}`);
      continue;
    }
    inputs.push({ file: path.join(args.dir, name), kind });
  }
  if (inputs.length === 0) usage(`${args.dir} has no ${KINDS.map((k) => "*" + k.suffix).join(", ")} files`);

  let clientDir;
  try {
    clientDir = path.dirname(require.resolve("@elastic/elasticsearch/package.json"));
  } catch (e) {
    console.error(`@elastic/elasticsearch is not installed: run npm install --no-package-lock --no-audit --no-fund --silent in ${__dirname}`);
    process.exit(2);
  }

  const problems = []; // { file, offset, segs, code, message }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "telc-es-check-"));
  try {
    fs.writeFileSync(path.join(tmp, "bodies.ts"), bodiesSource(clientDir));
    const roots = [];
    inputs.forEach((input, i) => {
      let text = fs.readFileSync(input.file, "utf8");
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      input.text = text;
      input.json = ts.parseJsonText(input.file, text);
      try {
        input.value = JSON.parse(text);
      } catch (e) {
        const at = /position (\d+)/.exec(e.message);
        problems.push({ input, offset: at ? Math.min(Number(at[1]), text.length) : 0, segs: [], code: "JSON", message: `not valid JSON: ${e.message}` });
        return;
      }
      input.header = `import type { ${input.kind.body} } from "./bodies";\nexport const value = (\n`;
      input.ts = path.join(tmp, `f${i}.ts`);
      fs.writeFileSync(input.ts, `${input.header}${text}\n) satisfies ${input.kind.body};\n`);
      roots.push(input.ts);
    });

    if (roots.length > 0) {
      const options = {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
        lib: ["lib.es2022.d.ts"],
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
      };
      const program = ts.createProgram(roots, options);
      const byTs = new Map(inputs.filter((x) => x.ts).map((x) => [path.resolve(x.ts), x]));
      for (const d of ts.getPreEmitDiagnostics(program)) {
        const input = d.file && byTs.get(path.resolve(d.file.fileName));
        const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
        if (!input) {
          // Not in a rendered file: the tool or its install is broken, not the input.
          const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start || 0).line + 1}` : "compiler";
          console.error(`internal error (${where}): TS${d.code}: ${message}`);
          process.exitCode = 2;
          continue;
        }
        // Errors about the whole value (e.g. a missing required key) sit on the `(` or on `satisfies`, outside the JSON.
        const offset = (d.start || 0) - input.header.length;
        const inside = offset >= 0 && offset < input.text.length;
        problems.push({ input, offset: inside ? offset : 0, segs: inside ? null : [], code: `TS${d.code}`, message });
      }
      if (process.exitCode === 2) return;
    }

    for (const input of inputs) {
      if (input.kind.suffix !== ".ilm.json" || input.value === undefined) continue;
      checkIlm(input.value, rules, args.license, (segs, code, message) => problems.push({ input, offset: offsetOf(input.json, segs), segs, code, message }));
    }
  } finally {
    if (args.keepTemp) console.error(`generated TypeScript kept in ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }

  for (const p of problems) {
    const lc = p.input.json.getLineAndCharacterOfPosition(p.offset);
    p.line = lc.line + 1;
    p.col = lc.character + 1;
    if (!p.segs) p.segs = pathAt(p.input.json, p.offset);
  }
  problems.sort((a, b) => a.input.file.localeCompare(b.input.file) || a.line - b.line || a.col - b.col);
  for (const p of problems) {
    const msg = p.message.split("\n").join("\n    ");
    console.log(`${p.input.file}:${p.line}:${p.col}: error ${p.code} at ${pointer(p.segs)}: ${msg}`);
  }
  const bad = new Set(problems.map((p) => p.input.file));
  for (const input of inputs) if (!bad.has(input.file)) console.log(`${input.file}: valid ${input.kind.label}`);
  console.log(`${inputs.length} files checked, ${bad.size} with errors, ${problems.length} errors`);
  process.exitCode = problems.length ? 1 : 0;
}

try {
  main();
} catch (e) {
  console.error(`internal error: ${e && e.stack ? e.stack : e}`);
  process.exit(2);
}
