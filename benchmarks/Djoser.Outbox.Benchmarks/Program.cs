using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Djoser;
using Djoser.Endpoints;
using Djoser.Outbox.Benchmarks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

// What the outbox adds to a registration: POST /auth/users/create/ with e-mails off (Djoser:SendActivationEmail=false, no
// confirmation) against the same with the activation e-mail queued in the registration's transaction and delivered
// by the background dispatcher to the pickup folder. Same process, same machine, rounds alternating the two modes.
var registrations = int.Parse(Environment.GetEnvironmentVariable("REGISTRATIONS") ?? "200", CultureInfo.InvariantCulture);
var rounds = int.Parse(Environment.GetEnvironmentVariable("ROUNDS") ?? "3", CultureInfo.InvariantCulture);

// PBKDF2 at Identity's 100,000 iterations costs far more than the rest of a registration and varies with the load of
// the machine, hiding the outbox's few milliseconds; HASH_ITERATIONS=100000 measures the realistic total.
var iterations = int.Parse(Environment.GetEnvironmentVariable("HASH_ITERATIONS") ?? "1", CultureInfo.InvariantCulture);
var root = Directory.CreateTempSubdirectory("djoser-outbox-bench-");
try
{
    var samples = new Dictionary<string, List<double>> { ["off"] = [], ["outbox"] = [] };
    for (var round = 0; round < rounds; round++)
    {
        foreach (var mode in round % 2 == 0 ? new[] { "off", "outbox" } : ["outbox", "off"])
        {
            samples[mode].AddRange(await MeasureAsync(mode, Path.Combine(root.FullName, $"{mode}-{round}"), registrations, iterations));
        }
    }

    Console.WriteLine($"POST /auth/users/create/, {rounds} rounds x {registrations} sequential registrations per mode (after 20 warm-up ones), PBKDF2 iterations {iterations}:");
    foreach (var (mode, values) in samples)
    {
        values.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {mode,-7} median {values[values.Count / 2]:F2} ms   p90 {values[(int)(values.Count * 0.9)]:F2} ms   mean {values.Average():F2} ms"));
    }

    var added = samples["outbox"][samples["outbox"].Count / 2] - samples["off"][samples["off"].Count / 2];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  outbox adds {added:F2} ms to the median registration"));
}
finally
{
    root.Delete(recursive: true);
}

static async Task<List<double>> MeasureAsync(string mode, string directory, int count, int iterations)
{
    Directory.CreateDirectory(directory);
    var mail = Path.Combine(directory, "mail");
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Djoser:SendActivationEmail"] = mode == "outbox" ? "true" : "false",
        ["Djoser:UrlLayout"] = "V1",
        ["Djoser:SendConfirmationEmail"] = "false",
        ["Djoser:ActivationUrl"] = "#/activate/{uid}/{token}",
        ["Djoser:PasswordResetConfirmUrl"] = "#/password/reset/confirm/{uid}/{token}",
        ["Djoser:Domain"] = "localhost",
        ["Djoser:Email:PickupDirectory"] = mail,
    });
    builder.Services.AddDbContext<OutboxDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(directory, "bench.db")}"));
    builder.Services.AddDjoser<OutboxUser, OutboxDbContext>();
    builder.Services.Configure<PasswordHasherOptions>(options => options.IterationCount = iterations);
    await using var app = builder.Build();
    await using (var scope = app.Services.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<OutboxDbContext>().Database.EnsureCreatedAsync();
    }

    app.MapDjoser("/auth");
    await app.StartAsync();
    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    using var client = new HttpClient { BaseAddress = new Uri(address) };

    var times = new List<double>(count);
    for (var i = -20; i < count; i++)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsJsonAsync("/auth/users/create/", new { email = $"user{i + 20}@example.com", password = "correct-Horse-42" });
        var elapsed = Stopwatch.GetElapsedTime(started);
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"{mode}: registration answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        if (i >= 0)
        {
            times.Add(elapsed.TotalMilliseconds);
        }
    }

    await app.StopAsync();
    if (mode == "outbox")
    {
        // Not part of the timing: every queued e-mail was delivered (or is still due after the stop).
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{mode}] {Directory.GetFiles(mail, "*.eml").Length} of {count + 20} e-mails delivered by the background dispatcher during the run"));
    }

    return times;
}
