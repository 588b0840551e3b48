// The indexer's HTTP API: SQL over HTTP at /sql (what the app's @ponder/client reads) and GraphQL at
// /graphql. Ponder itself answers /health, /ready and /status.
import { Hono } from 'hono';
import { client, graphql } from 'ponder';
import { db } from 'ponder:api';
import schema from 'ponder:schema';

const app = new Hono();
app.use('/sql/*', client({ db, schema }));
app.use('/graphql', graphql({ db, schema }));

export default app;
