#!/usr/bin/env node
// usage: node check-dashboard.js FILE.json... | --list LISTFILE
//   (exit 0 = every dashboard type-checks, 1 = at least one does not, 2 = usage, unreadable input or a broken install)
//
// Each file is a Grafana dashboard model (what Grafana stores and provisions, the "raw" v0/v1 dashboard JSON). Its
// text is pasted verbatim into an in-memory TypeScript file as
//     export const dashboard: GrafanaDashboard = <json>;
// where GrafanaDashboard is the `Dashboard` type @grafana/schema exports, with each string enum replaced by the
// strings it stands for (JSON holds "absolute", never ThresholdsMode.Absolute). All files are compiled in one program
// (--strict --noEmit), so one node process checks any number of dashboards.
//
// Output, per file in the order given: `FILE: ok`, or one line per diagnostic:
//     FILE:LINE:COL: error TSxxxx at /json/pointer: message
// A file that is not JSON gets `error JSON`.
"use strict";
const fs = require("fs");
const path = require("path");

let ts;
try {
  ts = require("typescript");
  require.resolve("@grafana/schema/package.json");
} catch (e) {
  console.error(`typescript or @grafana/schema is not installed: run npm install --no-package-lock --no-audit --no-fund --silent in ${__dirname}`);
  process.exit(2);
}

function usage(message) {
  if (message) console.error(message);
  console.error("usage: node check-dashboard.js FILE.json... | --list LISTFILE (one path a line)");
  process.exit(2);
}

function filesFromArgs(argv) {
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--list") {
      if (i + 1 >= argv.length) usage("--list needs a file");
      files.push(...fs.readFileSync(argv[++i], "utf8").split(/\r?\n/).filter((l) => l.length > 0));
    } else if (argv[i] === "-h" || argv[i] === "--help") usage();
    else if (argv[i].startsWith("-")) usage(`unknown option ${argv[i]}`);
    else files.push(argv[i]);
  }
  if (files.length === 0) usage();
  return files;
}

// The virtual sources live in this folder so that "@grafana/schema" resolves to node_modules beside the script.
const virtualDir = path.join(__dirname, "__in_memory__");
const typesFile = path.join(virtualDir, "grafana-dashboard.ts");
// Grafana fills a field its schema declares with a default (the published default<Type> constants) when the JSON
// leaves it out, so those fields are optional in the JSON; every other required field stays required.
const defaulted = ["Dashboard", "Panel", "RowPanel", "FieldConfigSource", "FieldConfig", "DashboardLink", "GridPos", "ThresholdsConfig",
  "AnnotationContainer", "AnnotationQuery", "AnnotationTarget", "AnnotationPanelFilter", "MatcherConfig", "TimePickerConfig",
  "VariableModel", "Action", "FetchOptions", "InfinityOptions"];
const schema = require("@grafana/schema");
const defaultedKeys = (type) => {
  const value = schema[`default${type}`];
  if (value === null || typeof value !== "object") {
    console.error(`@grafana/schema has no default${type}: its layout changed`);
    process.exit(2);
  }
  return Object.keys(value).map((k) => JSON.stringify(k)).join(" | ") || "never";
};
const typesSource = `import type * as G from "@grafana/schema";
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type DefaultedKeys<T> =
${defaulted.map((t) => `  Same<T, G.${t}> extends true ? ${defaultedKeys(t)} :`).join("\n")}
  never;
type WithDefaults<T> = Omit<T, DefaultedKeys<T>> & Partial<Pick<T, DefaultedKeys<T> & keyof T>>;
// Dashboard JSON writes a string enum member as its value; a numeric enum already takes its numbers.
type Json<T> =
  T extends string ? (string extends T ? string : \`\${T}\`) :
  T extends number | boolean | null | undefined ? T :
  T extends readonly (infer E)[] ? Json<E>[] :
  T extends object ? { [K in keyof WithDefaults<T>]: Json<WithDefaults<T>[K]> } :
  T;
export type GrafanaDashboard = Json<G.Dashboard>;
`;
const prefix = `import type { GrafanaDashboard } from "./grafana-dashboard";\nexport const dashboard: GrafanaDashboard = `;

const compilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  types: [],
  lib: ["lib.es2022.d.ts"],
};

function check(files) {
  const inputs = files.map((file, index) => {
    let text;
    try {
      text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
    } catch (e) {
      return { file, problems: [`${file}: error READ: ${e.message}`] };
    }
    try {
      JSON.parse(text);
    } catch (e) {
      return { file, problems: [`${file}: error JSON: ${e.message}`] };
    }
    return { file, text, virtual: path.join(virtualDir, `dashboard${index}.ts`), problems: [] };
  });

  const sources = new Map([[typesFile, typesSource]]);
  for (const input of inputs) if (input.virtual) sources.set(input.virtual, prefix + input.text + ";\n");

  const host = ts.createCompilerHost(compilerOptions, true);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (sources.has(name) ? sources.get(name) : readFile(name));
  host.fileExists = (name) => sources.has(name) || fileExists(name);
  const directoryExists = host.directoryExists && host.directoryExists.bind(host);
  host.directoryExists = (name) => path.resolve(name) === virtualDir || !directoryExists || directoryExists(name);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) =>
    sources.has(name) ? ts.createSourceFile(name, sources.get(name), languageVersion, true) : getSourceFile(name, languageVersion, onError, shouldCreate);

  const roots = [typesFile, ...inputs.filter((i) => i.virtual).map((i) => i.virtual)];
  const program = ts.createProgram(roots, compilerOptions, host);

  const setup = [...program.getOptionsDiagnostics(), ...program.getSyntacticDiagnostics(program.getSourceFile(typesFile)), ...program.getSemanticDiagnostics(program.getSourceFile(typesFile))];
  if (setup.length > 0) {
    console.error("the Grafana types do not compile (a broken install or a changed @grafana/schema layout):");
    for (const d of setup) console.error("  " + ts.flattenDiagnosticMessageText(d.messageText, " "));
    process.exit(2);
  }

  for (const input of inputs) {
    if (!input.virtual) continue;
    const source = program.getSourceFile(input.virtual);
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    const json = ts.parseJsonText(input.file, input.text);
    for (const d of diagnostics) {
      const offset = Math.max(0, (d.start ?? prefix.length) - prefix.length);
      const { line, character } = json.getLineAndCharacterOfPosition(Math.min(offset, input.text.length));
      const message = ts.flattenDiagnosticMessageText(d.messageText, " ").replace(/\s+/g, " ");
      input.problems.push(`${input.file}:${line + 1}:${character + 1}: error TS${d.code} at ${pointer(pathAt(json, offset))}: ${message}`);
    }
  }
  return inputs;
}

// JSON pointer of the innermost property or element holding offset.
function pathAt(json, offset) {
  const segments = [];
  let node = json.statements[0] && json.statements[0].expression;
  while (node) {
    let next;
    if (ts.isObjectLiteralExpression(node)) {
      const property = node.properties.find((p) => offset >= p.getStart(json) && offset < p.end);
      if (property) {
        segments.push(property.name.text);
        if (offset >= property.initializer.getStart(json)) next = property.initializer;
      }
    } else if (ts.isArrayLiteralExpression(node)) {
      const index = node.elements.findIndex((e) => offset >= e.getStart(json) && offset < e.end);
      if (index >= 0) {
        segments.push(String(index));
        next = node.elements[index];
      }
    }
    node = next;
  }
  return segments;
}

const pointer = (segments) => "/" + segments.map((s) => s.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

const results = check(filesFromArgs(process.argv.slice(2)));
for (const r of results) {
  if (r.problems.length === 0) console.log(`${r.file}: ok`);
  else for (const p of r.problems) console.log(p);
}
process.exit(results.some((r) => r.problems.length > 0) ? 1 : 0);
