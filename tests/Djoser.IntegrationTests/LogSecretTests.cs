using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Djoser.IntegrationTests;

/// <summary>djoser 2.3 with JWT and Token authentication, every log line of every category kept, down to Trace.</summary>
public sealed class LogCaptureApp() : JwtClockApp(new Dictionary<string, string?> { ["Djoser:UrlLayout"] = "V2" })
{
    /// <summary>Every line logged so far.</summary>
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging
            .SetMinimumLevel(LogLevel.Trace)
            .AddFilter<LogCapture>(category: null, LogLevel.Trace));
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }
}

/// <summary>An <see cref="ILoggerProvider"/> that keeps each line: its text, its structured values and its exception.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            lines.Enqueue($"{logLevel} {category} [{eventId}] {formatter(state, exception)} | {values} | {exception}");
        }
    }
}

/// <summary>No password, key, e-mailed token or JWT reaches a log line, at any level (issue 11).</summary>
public sealed class LogSecretTests(LogCaptureApp app) : JwtEndpointTestBase(app), IClassFixture<LogCaptureApp>
{
    protected override DjoserPaths Paths => DjoserPaths.V2;

    [Fact]
    public async Task AccountFlow_AtTraceLevel_LogsNoSecret()
    {
        const string newPassword = "another-Horse-43";
        const string setPassword = "third-Horse-44";
        var logs = ((LogCaptureApp)App).Logs;
        var secrets = new List<string> { Password, newPassword, setPassword, JwtAuthenticationTests.Secret };

        var email = NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(email)).Status);
        var (activationUid, activationToken) = LinkIn(email, "activate");
        secrets.Add($"{activationUid}/{activationToken}");
        secrets.Add(activationToken);
        (await Client.PostJsonAsync(Paths.Activate, new { uid = activationUid, token = activationToken })).IsEmpty(HttpStatusCode.NoContent);

        var authToken = await LoginTokenAsync(email);
        secrets.Add(authToken);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(Paths.Me, authToken)).Status);

        var pair = await PostAsync("/auth/jwt/create/", new { email, password = Password });
        Assert.Equal(HttpStatusCode.OK, pair.Status);
        var (access, refresh) = (Field(pair, "access"), Field(pair, "refresh"));
        secrets.AddRange([access, refresh, access.Split('.')[2], refresh.Split('.')[2]]);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(HttpMethod.Get, Paths.Me, null, null, "JWT " + access)).Status);
        var refreshed = await PostAsync("/auth/jwt/refresh/", new { refresh });
        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        secrets.Add(Field(refreshed, "access"));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/auth/jwt/verify/", new { token = access })).Status);
        // A refused token is logged as refused, not printed.
        var tampered = access[..^4] + (access.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        secrets.Add(tampered);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(HttpMethod.Get, Paths.Me, null, null, "JWT " + tampered)).Status);

        // A later e-mail file name, so the reset e-mail is the newest one (as JwtV1EndpointTests do).
        Time.Advance(TimeSpan.FromSeconds(1));
        (await Client.PostJsonAsync("/auth/users/reset_password/", new { email })).IsEmpty(HttpStatusCode.NoContent);
        var (resetUid, resetToken) = LinkIn(email, "password/reset/confirm");
        secrets.Add($"{resetUid}/{resetToken}");
        secrets.Add(resetToken);
        (await Client.PostJsonAsync("/auth/users/reset_password_confirm/", new { uid = resetUid, token = resetToken, new_password = newPassword, re_new_password = newPassword }))
            .IsEmpty(HttpStatusCode.NoContent);
        // A used link, refused: its token is still not printed.
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostJsonAsync("/auth/users/reset_password_confirm/", new { uid = resetUid, token = resetToken, new_password = newPassword, re_new_password = newPassword })).Status);

        var newToken = await LoginTokenAsync(email, newPassword);
        secrets.Add(newToken);
        (await Client.PostJsonAsync("/auth/users/set_password/", new { new_password = setPassword, re_new_password = setPassword, current_password = newPassword }, newToken))
            .IsEmpty(HttpStatusCode.NoContent);

        // The capture saw the flow (so an empty capture cannot pass), and no line holds a secret.
        Assert.Contains(logs.Lines, line => line.Contains("/auth/users/reset_password_confirm/", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, line => line.StartsWith("Debug ", StringComparison.Ordinal) || line.StartsWith("Trace ", StringComparison.Ordinal));
        var leaks = (from line in logs.Lines from secret in secrets where line.Contains(secret, StringComparison.Ordinal) select $"{secret[..Math.Min(8, secret.Length)]}… in: {line}").ToList();
        Assert.True(leaks.Count == 0, "Secrets in log lines:\n" + string.Join("\n", leaks));
    }
}
