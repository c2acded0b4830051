import { createHash } from 'node:crypto';
import type { FieldNode, SelectionSetNode } from 'graphql';
import type { SelectionContext } from './merge.ts';
import { responseFields, subSelections } from './selection.ts';

type Json = Record<string, unknown>;

interface Found {
  node: number;
  value: Json;
}

/**
 * One AuditChainReport for several nodes' chains (each node keeps its own): intact only when
 * every chain is; counts summed; the first broken chain's finding (its `detail` names it by the
 * first checkpoint's subgraph); every node's checkpoints and signing keys. `headHash` of several
 * chains is the SHA-256 of their heads in node order (each node's head is in its checkpoints).
 */
function mergeReports(reports: readonly Found[], set: SelectionSetNode, ctx: SelectionContext): Json {
  const broken = reports.find((r) => r.value[keyOf(set, ctx, 'intact') ?? ''] === false);
  const out: Json = {};
  for (const [key, nodes] of responseFields(set, ctx.fragments, ctx.variables)) {
    const name = (nodes[0] as FieldNode).name.value;
    const values = reports.map((r) => r.value[key]);
    switch (name) {
      case 'intact':
      case 'macsChecked':
        out[key] = values.every((v) => v === true);
        break;
      case 'events':
      case 'checkpointsChecked':
        out[key] = values.reduce((sum: number, v) => sum + Number(v ?? 0), 0);
        break;
      case 'firstBrokenSeq':
      case 'problem':
      case 'detail':
        out[key] = broken ? (broken.value[key] ?? null) : null;
        break;
      case 'headHash':
        // Several chains have no one head: a digest of every node's head (in node order) still changes whenever any chain does.
        out[key] = reports.length === 1 ? (values[0] ?? null) : createHash('sha256').update(JSON.stringify(values)).digest('hex');
        break;
      case 'lastCheckpoint':
        out[key] = latest(values);
        break;
      case 'checkpoints':
      case 'signingKeys': {
        const seen = new Set<string>();
        out[key] = values
          .flatMap((v) => (Array.isArray(v) ? v : []))
          .filter((item) => {
            const k = JSON.stringify(item);
            if (seen.has(k)) return false;
            seen.add(k);
            return true;
          });
        break;
      }
      default:
        out[key] = values[0] ?? null;
    }
  }
  return out;
}

function keyOf(set: SelectionSetNode, ctx: SelectionContext, field: string): string | undefined {
  for (const [key, nodes] of responseFields(set, ctx.fragments, ctx.variables)) if ((nodes[0] as FieldNode).name.value === field) return key;
  return undefined;
}

/** The checkpoint made last (by its `at`, when asked for; else the first given). */
function latest(values: readonly unknown[]): unknown {
  const found = values.filter((v): v is Json => Boolean(v) && typeof v === 'object');
  found.sort((a, b) => String(b.at ?? '').localeCompare(String(a.at ?? '')));
  return found[0] ?? null;
}

/** AuditVerification answered by several nodes: its id, and each chain report field merged. */
export function mergeVerifications(found: readonly Found[], set: SelectionSetNode, ctx: SelectionContext): Json {
  const out: Json = {};
  for (const [key, nodes] of responseFields(set, ctx.fragments, ctx.variables)) {
    const field = nodes[0] as FieldNode;
    if (field.name.value === 'experts' && field.selectionSet) {
      const reports = found.flatMap((f) => (f.value[key] && typeof f.value[key] === 'object' ? [{ node: f.node, value: f.value[key] as Json }] : []));
      out[key] = reports.length ? mergeReports(reports, subSelections(nodes), ctx) : null;
    } else out[key] = (found[0] as Found).value[key] ?? null;
  }
  return out;
}
