import type { RequestHandler } from 'express';
import type { AuditLog } from './chain.ts';

/**
 * `GET /audit/checkpoints` on a subgraph's own port: the checkpoint log and the public keys that
 * verify it, for operators to ship elsewhere and monitors to keep. It holds no personal data
 * (sequence numbers, hashes, times, public keys); parties read the same through the gateway with
 * audit:read (`verifyAuditChain { <subgraph> { checkpoints signingKeys } }`). `?afterSeq=&first=` pages
 * (oldest first, at most 10000 at a time).
 */
export function checkpointsRoute(audit: AuditLog): RequestHandler {
  return (req, res) => {
    const afterSeq = Number(req.query.afterSeq ?? 0);
    const first = Number(req.query.first ?? 1000);
    if (!Number.isInteger(afterSeq) || afterSeq < 0 || !Number.isInteger(first) || first < 0 || first > 10_000) {
      res.status(400).json({ errors: [{ message: 'afterSeq must be a whole number of 0 or more, first one from 0 to 10000.', extensions: { code: 'BAD_USER_INPUT' } }] });
      return;
    }
    // Oldest first: a keeper asks again with afterSeq = the last seq it holds.
    res.json({
      subgraph: audit.subgraph,
      signingKeys: audit.signingKeys(),
      checkpoints: audit.checkpoints
        .list()
        .filter((c) => c.seq > afterSeq)
        .slice(0, first),
    });
  };
}
