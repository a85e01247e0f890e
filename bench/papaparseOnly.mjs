#!/usr/bin/env node
// Baseline of the whole-process benchmark: a bare Node process that reads a CSV file and parses it with
// papaparse, nothing else. The bytes are decoded the way the console decodes a user's UTF-8 file: the BOM
// is removed, the rest must be valid UTF-8. Usage: node bench/papaparseOnly.mjs FILE
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import process from 'node:process';
import Papa from 'papaparse';

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: node bench/papaparseOnly.mjs FILE\n');
  process.exit(2);
}

const bytes = readFileSync(path);
const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
const body = hasBom ? bytes.subarray(3) : bytes;
if (!isUtf8(body)) {
  process.stderr.write(`${path}: not UTF-8\n`);
  process.exit(1);
}
const result = Papa.parse(body.toString('utf8'));
// Fail rather than time a parse that found nothing: the benchmark would compare against an empty run.
if (result.data.length < 2) {
  process.stderr.write(`${path}: no data rows\n`);
  process.exit(1);
}
