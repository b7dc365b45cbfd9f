using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace Djoser.Throttling;

/// <summary>
/// The one table from djoser URL names (every layout's, <c>Endpoints/Layouts</c>) to throttle groups; a URL not
/// listed is not throttled. <c>{username}</c> stands for the model's username field, which 2.x puts in URL names.
/// </summary>
internal sealed class DjoserThrottleGroups
{
    // (URL name, the one method throttled or null for all of the view's, as DRF throttles every method of a view).
    private static readonly (string UrlName, string? Method, DjoserThrottleGroup Group)[] Table =
    [
        ("login", null, DjoserThrottleGroup.Login),                       // 0.5 and 2.x token login
        ("token-create", null, DjoserThrottleGroup.Login),                // 1.1 token login
        ("jwt-create", null, DjoserThrottleGroup.Login),                  // drf-jwt (1.1) and simplejwt (2.x)
        ("register", null, DjoserThrottleGroup.Register),                 // 0.5
        ("user-create", null, DjoserThrottleGroup.Register),              // 1.1
        ("user-list", HttpMethods.Post, DjoserThrottleGroup.Register),    // 2.x: GET lists users and is not throttled
        ("password_reset", null, DjoserThrottleGroup.Reset),
        ("user-reset-password", null, DjoserThrottleGroup.Reset),
        ("user-reset-{username}", null, DjoserThrottleGroup.Reset),
        ("user-resend-activation", null, DjoserThrottleGroup.ResendActivation),
        ("activate", null, DjoserThrottleGroup.Confirm),
        ("user-activate", null, DjoserThrottleGroup.Confirm),
        ("user-activation", null, DjoserThrottleGroup.Confirm),
        ("password_reset_confirm", null, DjoserThrottleGroup.Confirm),
        ("user-reset-password-confirm", null, DjoserThrottleGroup.Confirm),
        ("user-reset-{username}-confirm", null, DjoserThrottleGroup.Confirm),
        ("email_change_confirm", null, DjoserThrottleGroup.Confirm),       // opt-in e-mail change confirm (1.1)
        ("user-email-change-confirm", null, DjoserThrottleGroup.Confirm),  // the same, 2.x
        ("activate-check", null, DjoserThrottleGroup.Confirm),
        ("user-activate-check", null, DjoserThrottleGroup.Confirm),
        ("user-activation-check", null, DjoserThrottleGroup.Confirm),
        ("password_reset_confirm-check", null, DjoserThrottleGroup.Confirm),
        ("user-reset-password-confirm-check", null, DjoserThrottleGroup.Confirm),
        ("user-reset-{username}-confirm-check", null, DjoserThrottleGroup.Confirm),
    ];

    private readonly FrozenDictionary<string, (string? Method, DjoserThrottleGroup Group)> _byUrlName;

    /// <summary>The table for a model whose username field is <paramref name="usernameField"/> (its JSON name).</summary>
    public DjoserThrottleGroups(string usernameField) =>
        _byUrlName = Table.ToFrozenDictionary(
            row => row.UrlName.Replace("{username}", usernameField, StringComparison.Ordinal),
            row => (row.Method, row.Group),
            StringComparer.Ordinal);

    /// <summary>The group of <paramref name="method"/> on the URL named <paramref name="urlName"/>, or <c>null</c>.</summary>
    public DjoserThrottleGroup? Of(string urlName, string method) =>
        _byUrlName.TryGetValue(urlName, out var row) && (row.Method is null || HttpMethods.Equals(row.Method, method)) ? row.Group : null;
}
