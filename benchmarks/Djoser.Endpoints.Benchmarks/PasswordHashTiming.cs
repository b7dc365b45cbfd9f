using System.Diagnostics;
using Microsoft.AspNetCore.Identity;

namespace Djoser.Endpoints.Benchmarks;

/// <summary>
/// <c>GET /bench/hash?n=…</c>: the time of one password verification and one password hash with the app's own
/// <see cref="IPasswordHasher{TUser}"/> (the PBKDF2 both APIs use), one after another on one thread, in
/// microseconds of wall-clock time and of the process's CPU time (the steadier one on a shared machine; the app is
/// otherwise idle while this runs). The script turns it into the hash-bound rate, cores ÷ that time, the ceiling of
/// login and registration throughput. It also times one thread per core hashing at once: what the machine really
/// does in parallel (two vCPUs that are one core's two hyperthreads do not double the rate).
/// </summary>
internal static class PasswordHashTiming
{
    public static async Task<IResult> RunAsync(UserManager<BenchUser> users, IPasswordHasher<BenchUser> hasher, int? n)
    {
        var iterations = Math.Clamp(n ?? 20, 1, 1_000);
        var user = await users.FindByEmailAsync(Seeding.DjoserEmail) ?? throw new InvalidOperationException("The seeded user is missing.");
        var stored = user.PasswordHash ?? throw new InvalidOperationException("The seeded user has no password hash.");

        // One of each first, so neither figure pays for JIT or the first key derivation's set-up.
        _ = hasher.VerifyHashedPassword(user, stored, Seeding.DefaultPassword);
        _ = hasher.HashPassword(user, Seeding.DefaultPassword);

        var cpu = Environment.CpuUsage.TotalTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            if (hasher.VerifyHashedPassword(user, stored, Seeding.DefaultPassword) == PasswordVerificationResult.Failed)
            {
                throw new InvalidOperationException("The seeded user's password does not verify.");
            }
        }

        var verify = watch.Elapsed.TotalMicroseconds / iterations;
        var verifyCpu = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / iterations;
        cpu = Environment.CpuUsage.TotalTime;
        watch.Restart();
        for (var i = 0; i < iterations; i++)
        {
            _ = hasher.HashPassword(user, Seeding.DefaultPassword);
        }

        var hash = watch.Elapsed.TotalMicroseconds / iterations;
        var hashCpu = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / iterations;

        var cores = Environment.ProcessorCount;
        var parallelVerify = PerSecondInParallel(cores, iterations, () => hasher.VerifyHashedPassword(user, stored, Seeding.DefaultPassword));
        var parallelHash = PerSecondInParallel(cores, iterations, () => hasher.HashPassword(user, Seeding.DefaultPassword));
        return Results.Json(new
        {
            iterations,
            verify_us = Math.Round(verify, 1),
            hash_us = Math.Round(hash, 1),
            cores = Environment.ProcessorCount,
            verify_cpu_us = Math.Round(verifyCpu, 1),
            hash_cpu_us = Math.Round(hashCpu, 1),
            parallel_verify_per_s = Math.Round(parallelVerify, 1),
            parallel_hash_per_s = Math.Round(parallelHash, 1),
        });
    }

    /// <summary>Operations per second with <paramref name="threads"/> dedicated threads doing <paramref name="each"/> each at once.</summary>
    private static double PerSecondInParallel(int threads, int each, Action operation)
    {
        using var start = new Barrier(threads + 1);
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < each; i++)
            {
                operation();
            }
        })).ToList();
        workers.ForEach(worker => worker.Start());
        start.SignalAndWait();
        var watch = Stopwatch.StartNew();
        workers.ForEach(worker => worker.Join());
        return threads * each / watch.Elapsed.TotalSeconds;
    }
}
