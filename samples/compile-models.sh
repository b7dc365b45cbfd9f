#!/usr/bin/env bash
# Regenerates the samples' compiled EF models (`dotnet ef dbcontext optimize`), one per provider: CompiledModels/Sqlite
# (AppDbContext) and CompiledModels/Postgres (PostgresAppDbContext). A compiled model is the model EF would otherwise
# build by reflection and conventions at every start (hundreds of milliseconds); the assembly attribute it adds makes
# EF use it with no change to Program.cs. Run it after any change to the EF model (add-migration.sh runs it), or the
# sample starts with the old model: tests/Djoser.IntegrationTests/CompiledModelTests.cs fails when one is stale.
# Usage: samples/compile-models.sh     (from anywhere; needs `dotnet tool install -g dotnet-ef`)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:$HOME/.dotnet/tools"

for sample in samples/Djoser.Sample samples/Djoser.Sample.Username; do
  namespace="$(basename "$sample").CompiledModels"
  rm -rf "$sample/CompiledModels"
  dotnet build "$sample" -v quiet -nologo
  dotnet ef dbcontext optimize --no-build --project "$sample" --context AppDbContext --output-dir CompiledModels/Sqlite \
    --namespace "$namespace.Sqlite"
  dotnet ef dbcontext optimize --no-build --project "$sample" --context PostgresAppDbContext --output-dir CompiledModels/Postgres \
    --namespace "$namespace.Postgres" -- --Database:Provider=Postgres "--ConnectionStrings:Default=Host=localhost;Database=djoser_design_time"
done
