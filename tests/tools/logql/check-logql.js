// Parses LogQL queries with Grafana's Lezer grammar (@grafana/lezer-logql) and prints one verdict a line:
// "ok", or "error <offset>" with the offset of the first error node. Input: a file with one JSON string a line.
// Usage: node check-logql.js QUERIES.jsonl
'use strict';
const fs = require('fs');
const { parser } = require('@grafana/lezer-logql');

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.length > 0);
const verdicts = lines.map((line) => {
  const query = JSON.parse(line);
  let error = -1;
  parser.parse(query).iterate({
    enter: (node) => {
      if (error < 0 && node.type.isError) {
        error = node.from;
      }
      return error < 0;
    },
  });
  return error < 0 ? 'ok' : `error ${error}`;
});
process.stdout.write(verdicts.join('\n') + '\n');
