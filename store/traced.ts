import { type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Document } from 'mongodb';
import type { CollectionPort, DatabasePort } from './port.ts';

/**
 * Spans around the embedded store's calls (the MongoDB driver has its own instrumentation), so a
 * trace shows what a subgraph request spent in its store. Without an OpenTelemetry SDK the API's
 * tracer is a no-op: a span costs a small object.
 */
const tracer = trace.getTracer('talent-hub-store');

/** Ends `span` when `work` settles, marking a failure. */
function settle<R>(span: Span, work: Promise<R>): Promise<R> {
  return work.then(
    (value) => {
      span.end();
      return value;
    },
    (error: unknown) => {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      span.end();
      throw error;
    },
  );
}

function collectionTraced<T extends Document>(collection: CollectionPort<T>, database: string): CollectionPort<T> {
  const span = (operation: string) =>
    tracer.startSpan(`${operation} ${collection.collectionName}`, {
      kind: SpanKind.CLIENT,
      attributes: { 'db.system.name': 'embedded', 'db.namespace': database, 'db.collection.name': collection.collectionName, 'db.operation.name': operation },
    });
  const run = <R>(operation: string, call: () => Promise<R>, returnedRows?: (result: R) => number) => {
    const s = span(operation);
    // The call itself may throw synchronously (a bad filter): that is a failed operation too.
    return settle(
      s,
      Promise.resolve()
        .then(call)
        .then((result) => {
          if (returnedRows) s.setAttribute('db.response.returned_rows', returnedRows(result));
          return result;
        }),
    );
  };
  return {
    collectionName: collection.collectionName,
    // How many documents a find handed to the process (OpenTelemetry's db.response.returned_rows).
    find: (filter, options) => ({
      toArray: () =>
        run(
          'find',
          () => collection.find(filter, options).toArray(),
          (docs) => docs.length,
        ),
    }),
    countDocuments: (filter) => run('countDocuments', () => collection.countDocuments(filter)),
    aggregate: <R extends Document = Document>(pipeline?: Document[]) => ({ toArray: () => run('aggregate', () => collection.aggregate<R>(pipeline).toArray()) }),
    insertOne: (doc) => run('insertOne', () => collection.insertOne(doc)),
    updateOne: (filter, update, options) => run('updateOne', () => collection.updateOne(filter, update, options)),
    bulkWrite: (operations) => run('bulkWrite', () => collection.bulkWrite(operations)),
    deleteOne: (filter) => run('deleteOne', () => collection.deleteOne(filter)),
    deleteMany: (filter) => run('deleteMany', () => collection.deleteMany(filter)),
    createIndex: (spec, options) => run('createIndex', () => collection.createIndex(spec, options)),
  };
}

/** `db` with a span around every collection call; `name` is the database's name in the spans. */
export function tracedDatabase(db: DatabasePort, name: string): DatabasePort {
  return {
    kind: db.kind,
    collection: <T extends Document>(collection: string) => collectionTraced(db.collection<T>(collection), name),
    listCollections: () => db.listCollections(),
    ping: () => db.ping(),
    close: () => db.close(),
  };
}
