/**
 * The raw baseline of `npm run bench:api`: node:http + pg, no framework. Each
 * request replays, on one pooled connection, the exact statements the API sent
 * for the same page (START TRANSACTION, the role and search_path switch, the
 * reads, COMMIT) and answers the last read's rows as JSON.
 */
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const { Pool } = require('pg');

const statements = JSON.parse(fs.readFileSync(process.env.BASELINE_STATEMENTS, 'utf8'));
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_MAX || 10),
});

const server = http.createServer(async (req, res) => {
  const client = await pool.connect();
  try {
    let rows = [];
    for (const s of statements) {
      const r = await client.query(s.sql, s.params);
      if (r.rows && r.rows.length) rows = r.rows;
    }
    const body = JSON.stringify({ items: rows });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(body);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    res.writeHead(500);
    res.end(String(error));
  } finally {
    client.release();
  }
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send && process.send('ready'));
