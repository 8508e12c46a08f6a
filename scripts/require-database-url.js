// `npm run test:pg` runs the database tests on PostgreSQL only; it needs DATABASE_URL.
if (!process.env.DATABASE_URL) {
  console.error('test:pg needs DATABASE_URL=postgres://… (see scripts/pg-ci.sh to start a throwaway server)');
  process.exit(1);
}
