#!/usr/bin/env bash
# Adds the migration <Name> for every provider (SQLite, PostgreSQL) to both samples, after a change to the EF model,
# and regenerates their compiled EF models (CompiledModels/, see samples/compile-models.sh).
# Usage: samples/add-migration.sh <Name>     (from anywhere; needs `dotnet tool install -g dotnet-ef`)
# SQLite's migrations go to Migrations/ (AppDbContext), PostgreSQL's to Migrations/Postgres/ (PostgresAppDbContext).
# No database is needed: adding a migration only compares the model with the last snapshot, so PostgreSQL's
# connection string below is a placeholder that is never opened.
set -euo pipefail
if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 <MigrationName>" >&2
  exit 2
fi

name=$1
cd "$(dirname "$0")/.."
export PATH="$PATH:$HOME/.dotnet/tools"

for sample in samples/Djoser.Sample samples/Djoser.Sample.Username; do
  # One build per sample; both migrations then reuse it.
  dotnet build "$sample" -v quiet -nologo
  dotnet ef migrations add "$name" --no-build --project "$sample" --context AppDbContext --output-dir Migrations
  dotnet ef migrations add "$name" --no-build --project "$sample" --context PostgresAppDbContext --output-dir Migrations/Postgres \
    -- --Database:Provider=Postgres "--ConnectionStrings:Default=Host=localhost;Database=djoser_design_time"
done

"$(dirname "$0")/compile-models.sh"
