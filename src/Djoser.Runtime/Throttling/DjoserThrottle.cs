using System.Net;
using System.Threading.RateLimiting;
using Djoser.Configuration;
using Djoser.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Djoser.Throttling;

/// <summary>
/// The throttle counts of every partition, behind one <see cref="PartitionedRateLimiter{TResource}"/> whose
/// partitions come from <see cref="IDjoserThrottleLimiters"/>. Each check takes a permit, as DRF's throttles count
/// every request they let through, successful or not; a refused check is the 429 to answer.
/// </summary>
internal sealed class DjoserThrottle : IDisposable
{
    private readonly DjoserThrottlingOptions _options;
    private readonly DjoserThrottleGroups _groups;
    private readonly ILogger<DjoserThrottle> _logger;
    private readonly PartitionedRateLimiter<DjoserThrottleKey> _limiter;

    public DjoserThrottle(IOptions<DjoserOptions> options, DjoserThrottleGroups groups, IDjoserThrottleLimiters limiters, ILogger<DjoserThrottle> logger)
    {
        _options = options.Value.Throttling;
        _groups = groups;
        _logger = logger;
        _limiter = PartitionedRateLimiter.Create<DjoserThrottleKey, string>(key => limiters.Partition(key.PartitionKey, OptionsOf(key).Effective));
    }

    /// <summary>
    /// The per-address check of the endpoint being run, found by its djoser URL name and method in
    /// <see cref="DjoserThrottleGroups"/>: <c>null</c> to go on, or the 429. The address is
    /// <see cref="ConnectionInfo.RemoteIpAddress"/>, the proxy's own unless the application runs
    /// <c>UseForwardedHeaders</c> with its proxies listed (README, "Throttling").
    /// </summary>
    public IResult? CheckAddress(HttpContext http)
    {
        if (!_options.Enabled
            || http.GetEndpoint()?.Metadata.GetMetadata<DjoserEndpointMetadata>() is not { } endpoint
            || _groups.Of(endpoint.UrlName, http.Request.Method) is not { } group)
        {
            return null;
        }

        return Acquire(new DjoserThrottleKey(group, ByUsername: false, AddressOf(http.Connection.RemoteIpAddress)));
    }

    /// <summary>The per-username check of a login, <paramref name="normalizedUsername"/> as Identity normalises it: <c>null</c> to go on, or the 429.</summary>
    public IResult? CheckLoginUsername(string normalizedUsername) =>
        _options.Enabled ? Acquire(new DjoserThrottleKey(DjoserThrottleGroup.Login, ByUsername: true, normalizedUsername)) : null;

    public void Dispose() => _limiter.Dispose();

    private IResult? Acquire(DjoserThrottleKey key)
    {
        var options = OptionsOf(key);
        if (!options.Enabled)
        {
            return null;
        }

        using var lease = _limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.Effective.Window;
        // DRF rounds the wait up to whole seconds (math.ceil); a refusal always waits at least one.
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        Log.Throttled(_logger, key.Group, key.ByUsername ? "username" : "client address", seconds);
        return new DjoserThrottledResult(seconds);
    }

    private DjoserThrottleRateOptions OptionsOf(DjoserThrottleKey key) => key.ByUsername ? _options.LoginUsername : _options.Of(key.Group);

    // An IPv4 client seen through a dual-stack socket (::ffff:203.0.113.7) is the same client as 203.0.113.7. Without
    // an address (an in-memory test server) every request shares one partition rather than escaping the throttle.
    private static string AddressOf(IPAddress? address) =>
        address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
