using System.Diagnostics;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Djoser.Configuration;
using Djoser.Data;
using Djoser.Tokens;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints.Benchmarks;

/// <summary>
/// <c>GET /bench/profile?n=…</c> with headers <c>X-Djoser-Token</c> and <c>X-Identity-Token</c>: times, one call after
/// another on one thread, the pieces each API's authenticated GET is made of, in microseconds per call (the fastest
/// of five batches). It explains
/// the wrk figures; it does not replace them (no HTTP, no concurrency).
/// </summary>
internal static class Profiling
{
    private static readonly Func<BenchDbContext, string, Task<string?>> UserIdByKeyHash =
        EF.CompileAsyncQuery((BenchDbContext context, string hash) =>
            context.Set<DjoserAuthToken<BenchUser, string>>().AsNoTracking().Where(t => t.KeyHash == hash).Select(t => t.UserId).FirstOrDefault());

    private static readonly Func<BenchDbContext, string, Task<BenchUser?>> UserByKeyHash =
        EF.CompileAsyncQuery((BenchDbContext context, string hash) =>
            context.Set<DjoserAuthToken<BenchUser, string>>().AsNoTracking().Where(t => t.KeyHash == hash).Select(t => t.User).FirstOrDefault());

    public static async Task<IResult> RunAsync(HttpContext http, IServiceProvider services, IOptionsMonitor<BearerTokenOptions> bearer, IOptions<DjoserOptions> djoser, int? n)
    {
        var iterations = Math.Clamp(n ?? 20_000, 100, 1_000_000);
        var djoserKey = http.Request.Headers["X-Djoser-Token"].ToString();
        var identityToken = http.Request.Headers["X-Identity-Token"].ToString();
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var protector = bearer.Get(IdentityConstants.BearerScheme).BearerTokenProtector;

        var ticket = protector.Unprotect(identityToken) ?? throw new InvalidOperationException("X-Identity-Token does not unprotect.");
        var userId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(djoserKey)));

        var results = new Dictionary<string, double>();

        // Baseline shared by both: a request scope with a (pooled) DbContext in it, no query.
        results["scope_and_dbcontext_only"] = await TimeAsync(iterations, async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            _ = scope.ServiceProvider.GetRequiredService<BenchDbContext>().Model;
        });

        // djoser: SHA-256 of the key, then the token cache or one compiled, untracked query joining the token row to
        // its user. Each store call includes a request scope (the store is scoped and rents a pooled DbContext).
        var cacheDuration = djoser.Value.AuthTokenCacheDuration;
        results["djoser_sha256_hex"] = await TimeAsync(iterations, () =>
        {
            _ = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(djoserKey)));
            return Task.CompletedTask;
        });

        BenchUser djoserUser;
        await using (var scope = scopes.CreateAsyncScope())
        {
            djoserUser = await scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<BenchUser>>().FindUserAsync(djoserKey, default)
                ?? throw new InvalidOperationException("X-Djoser-Token is unknown.");
        }

        if (cacheDuration > TimeSpan.Zero)
        {
            // What a request pays while the entry is fresh: no query at all (one miss per cache duration refills it).
            results["djoser_FindUserAsync_cache_hit"] = await TimeAsync(iterations, async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                _ = await scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<BenchUser>>().FindUserAsync(djoserKey, default)
                    ?? throw new InvalidOperationException("X-Djoser-Token is unknown.");
            });
        }

        // The uncached path, whatever the setting: Forget evicts the user first (a no-op with the cache off), so every
        // call runs the store's query (and, with the cache on, refills the entry).
        results["djoser_FindUserAsync_uncached"] = await TimeAsync(iterations, async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IDjoserAuthTokenStore<BenchUser>>();
            await store.ForgetAsync(djoserUser);
            _ = await store.FindUserAsync(djoserKey, default) ?? throw new InvalidOperationException("X-Djoser-Token is unknown.");
        });

        // For reference, the lookup as it was before the runtime compiled it: plain LINQ, tracked.
        results["djoser_query_linq_tracked"] = await TimeAsync(iterations, async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
            _ = await db.Set<DjoserAuthToken<BenchUser, string>>().Where(t => t.KeyHash == hash).Select(t => t.User).FirstOrDefaultAsync();
        });

        // Where the uncached lookup's time goes (issue 13): the connection alone, the same SQL through ADO.NET reading
        // every column (no EF), and EF compiled queries that materialise less (the user's key only) or nothing.
        results["ef_connection_open_close"] = await TimeAsync(iterations, async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
            await db.Database.OpenConnectionAsync();
            await db.Database.CloseConnectionAsync();
        });

        // EF's own SQL for the lookup. SQLite's ToQueryString declares each parameter first (".param set @name value").
        string sql;
        var parameters = new List<(string Name, object Value)>();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var text = scope.ServiceProvider.GetRequiredService<BenchDbContext>().Set<DjoserAuthToken<BenchUser, string>>().AsNoTracking()
                .Where(t => t.KeyHash == hash).Select(t => t.User).Take(1).ToQueryString();
            var lines = text.Split('\n');
            foreach (var line in lines.Where(line => line.StartsWith(".param set ", StringComparison.Ordinal)))
            {
                var parts = line.Split(' ', 4);
                parameters.Add((parts[2], parts[3].StartsWith('\'') ? parts[3].Trim('\'') : long.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture)));
            }

            sql = string.Join('\n', lines.Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));
        }

        results["ado_same_sql_all_columns"] = await TimeAsync(iterations, async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var connection = scope.ServiceProvider.GetRequiredService<BenchDbContext>().Database.GetDbConnection();
            await connection.OpenAsync();
            try
            {
                await using var command = LookupCommand(connection, sql, parameters);
                await ReadUserAsync(command);
            }
            finally
            {
                await connection.CloseAsync();
            }
        });

        // What DjoserLookupContexts and DjoserPreparedLookups take away: the same compiled query on one context, with a
        // connection opened per query and with one kept open; and the same SQL through ADO.NET on a command prepared once.
        await using (var kept = scopes.CreateAsyncScope())
        {
            var db = kept.ServiceProvider.GetRequiredService<BenchDbContext>();
            results["ef_compiled_user_per_query_connection"] = await TimeAsync(iterations, async () =>
            {
                _ = await UserByKeyHash(db, hash) ?? throw new InvalidOperationException("No user.");
            });
            await db.Database.OpenConnectionAsync();
            results["ef_compiled_user_open_connection"] = await TimeAsync(iterations, async () =>
            {
                _ = await UserByKeyHash(db, hash) ?? throw new InvalidOperationException("No user.");
            });
            await using var command = LookupCommand(db.Database.GetDbConnection(), sql, parameters);
            command.Prepare();
            results["ado_prepared_open_connection"] = await TimeAsync(iterations, () => ReadUserAsync(command));
            await db.Database.CloseConnectionAsync();
        }

        results["ef_compiled_user_id_only"] = await TimeAsync(iterations, async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            _ = await UserIdByKeyHash(scope.ServiceProvider.GetRequiredService<BenchDbContext>(), hash) ?? throw new InvalidOperationException("No user id.");
        });

        // Identity: unprotect the bearer ticket (AES-CBC + HMAC, then deserialize), then UserManager.GetUserAsync = FindByIdAsync.
        results["identity_bearer_unprotect"] = await TimeAsync(iterations, () =>
        {
            _ = protector.Unprotect(identityToken);
            return Task.CompletedTask;
        });
        results["identity_FindByIdAsync"] = await TimeAsync(iterations, async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            _ = await scope.ServiceProvider.GetRequiredService<UserManager<BenchUser>>().FindByIdAsync(userId);
        });

        return Results.Text(JsonSerializer.Serialize(new { iterations, auth_token_cache_seconds = cacheDuration.TotalSeconds, microseconds_per_call = results }, new JsonSerializerOptions { WriteIndented = true }), "application/json");
    }

    /// <summary>EF's SQL for the token lookup as a plain ADO.NET command on <paramref name="connection"/>.</summary>
    private static System.Data.Common.DbCommand LookupCommand(System.Data.Common.DbConnection connection, string sql, List<(string Name, object Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Runs the lookup and reads every column of its one row.</summary>
    private static async Task ReadUserAsync(System.Data.Common.DbCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException("The SQL found no user.");
        }

        var values = new object[reader.FieldCount];
        reader.GetValues(values);
    }

    // The fastest of five batches: on a shared machine the other processes only ever add time, so the minimum is the
    // figure closest to the code's own cost.
    private static async Task<double> TimeAsync(int iterations, Func<Task> action)
    {
        for (var i = 0; i < Math.Min(iterations, 2_000); i++)
        {
            await action();
        }

        const int Batches = 5;
        var perBatch = Math.Max(iterations / Batches, 1);
        var best = double.MaxValue;
        for (var batch = 0; batch < Batches; batch++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < perBatch; i++)
            {
                await action();
            }

            best = Math.Min(best, watch.Elapsed.TotalMicroseconds / perBatch);
        }

        return Math.Round(best, 2);
    }
}
