using System.Globalization;
using Djoser.Authentication;
using Djoser.Authorization;
using Djoser.Configuration;
using Djoser.Endpoints.Layouts;
using Djoser.Endpoints.OpenApi;
using Djoser.Errors;
using Djoser.Model;
using Djoser.Throttling;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Djoser.Endpoints;

/// <summary>Carries the model's route mapping from <c>AddDjoser</c> to <c>MapDjoser</c>, which is not generic.</summary>
internal sealed class DjoserEndpointMapper(Action<IEndpointRouteBuilder, string> map)
{
    public void Map(IEndpointRouteBuilder group, string prefix) => map(group, prefix);
}

/// <summary>The one loop that turns a layout's rows into endpoints.</summary>
internal static class DjoserRouteMapper<TUser, TKey>
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    private static readonly string[] AllMethods =
        [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete, HttpMethods.Options];

    public static void Map(IEndpointRouteBuilder group, string prefix)
    {
        var services = group.ServiceProvider;
        var options = services.GetRequiredService<IOptions<DjoserOptions>>().Value;
        var model = services.GetRequiredService<IDjoserUserModel<TUser>>();
        var authenticator = services.GetRequiredService<DjoserAuthenticator<TUser>>();
        var authorization = services.GetRequiredService<IAuthorizationService>();
        var throttle = services.GetRequiredService<DjoserThrottle>();
        var policies = new PolicyResolver(services.GetRequiredService<IAuthorizationPolicyProvider>(), options.Permissions);
        var namePrefix = $"djoser{prefix}/{options.UrlLayout}/";
        foreach (var permission in Enum.GetValues<DjoserPermission>())
        {
            // Every configured policy must exist, used by this layout or not: a typo fails now, not after a layout change.
            policies.Of(permission);
        }

        var mapping = new Mapping(group, authenticator, authorization, throttle, policies, model, namePrefix);
        foreach (var row in Rows(options, model.UsernameField.JsonName))
        {
            mapping.MapRow(row, twin: false);
            if (row.FormatSuffix)
            {
                // DRF's router serves each URL again with a format suffix (spec §3 "Routing facts": /users/me.json).
                var path = row.Path == "/" ? "/.json" : row.Path.TrimEnd('/') + ".json";
                mapping.MapRow(row with { Path = path, SlashOptional = true }, twin: true);
            }
        }
    }

    /// <summary>What every endpoint of one <c>MapDjoser</c> call shares, and the two kinds of endpoint a row gives.</summary>
    private sealed class Mapping(
        IEndpointRouteBuilder group,
        DjoserAuthenticator<TUser> authenticator,
        IAuthorizationService authorization,
        DjoserThrottle throttle,
        PolicyResolver policies,
        IDjoserUserModel<TUser> model,
        string namePrefix)
    {
        /// <summary>A row's methods and its other methods; a format-suffix twin is neither named nor described.</summary>
        public void MapRow(DjoserEndpointRow<TUser> row, bool twin)
        {
            for (var i = 0; i < row.Methods.Count; i++)
            {
                MapMethod(row, row.Methods[i], isFirst: i == 0, twin);
            }

            MapOtherMethods(row);
        }

        /// <summary>One served method: its action behind DRF's dispatch; GET also answers HEAD.</summary>
        private void MapMethod(DjoserEndpointRow<TUser> row, DjoserMethodRow<TUser> method, bool isFirst, bool twin)
        {
            var permission = method.Permission ?? row.Permission;
            var handler = new DjoserEndpointHandler<TUser>(authenticator, authorization, throttle, policies.Of(permission), method.Target, row.SlashOptional, row.Authenticates,
                request => method.Action(request.Http.RequestServices).ExecuteAsync(request));
            string[] verbs = method.Method == HttpMethods.Get ? [HttpMethods.Get, HttpMethods.Head] : [method.Method];
            var endpoint = group.MapMethods(row.Path, verbs, handler.HandleAsync)
                .WithSummary(row.Summary)
                .WithMetadata(new DjoserEndpointMetadata(row.UrlName, permission, policies.NameOf(permission)));
            if (twin)
            {
                endpoint.ExcludeFromDescription();
                return;
            }

            endpoint.WithName(namePrefix + row.UrlName + (isFirst ? string.Empty : ":" + method.Method.ToLowerInvariant()));
            DjoserOpenApiMetadata.Describe(endpoint, handler.HandleAsync, row, method, policies.NameOf(permission), model);
            foreach (var pattern in UnanchoredPatterns(row))
            {
                group.MapMethods(pattern, verbs, handler.HandleAsync)
                    .WithMetadata(new DjoserEndpointMetadata(row.UrlName, permission, policies.NameOf(permission)))
                    .ExcludeFromDescription();
            }
        }

        /// <summary>Every other method of the URL: authentication and the view's permission, then 405 or OPTIONS.</summary>
        private void MapOtherMethods(DjoserEndpointRow<TUser> row)
        {
            var served = row.Methods.Select(m => m.Method).ToArray();
            var others = AllMethods.Where(m => !served.Contains(m) && !(m == HttpMethods.Head && served.Contains(HttpMethods.Get))).ToArray();
            var handler = new DjoserEndpointHandler<TUser>(authenticator, authorization, throttle, policies.Of(row.Permission), DjoserTarget.None, row.SlashOptional, row.Authenticates,
                request => Task.FromResult(OtherMethod(request.Http, row, served)));
            foreach (var pattern in UnanchoredPatterns(row).Prepend(row.Path))
            {
                group.MapMethods(pattern, others, handler.HandleAsync)
                    .WithMetadata(new DjoserEndpointMetadata(row.UrlName, row.Permission, policies.NameOf(row.Permission)))
                    .ExcludeFromDescription();
            }
        }

        // A pattern without Django's "$" (djoser's jwt URLs, spec §3 "Routing facts") also matches what follows it:
        // "jwt/create/extra" (a catch-all after the slash) and "jwt/createx" (a suffix of the last segment).
        private static IEnumerable<string> UnanchoredPatterns(DjoserEndpointRow<TUser> row) =>
            row.Unanchored ? [row.Path + "{**djoserRest}", row.Path.TrimEnd('/') + "{djoserSuffix}"] : [];
    }

    /// <summary>The layout's rows, the opt-in link checks, less the endpoints switched off; an unknown name stops the start.</summary>
    private static List<DjoserEndpointRow<TUser>> Rows(DjoserOptions options, string usernameField)
    {
        var rows = DjoserLayouts<TUser, TKey>.For(options.UrlLayout, usernameField).ToList();
        if (options.LinkCheckEndpoints)
        {
            rows.AddRange(DjoserLinkCheckRows<TUser, TKey>.For(options.UrlLayout, usernameField));
        }

        var unknown = options.Endpoints.Keys.Where(name => !rows.Any(row => string.Equals(row.UrlName, name, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"Djoser:Endpoints names {string.Join(", ", unknown.Select(n => $"'{n}'"))}, which the {options.UrlLayout} layout does not have; " +
                $"its endpoints are {string.Join(", ", rows.Select(r => r.UrlName))}.");
        }

        return rows.Where(options.Mounts).ToList();
    }

    /// <summary>A method the view does not serve, once authenticated and permitted: OPTIONS metadata, else 405 (spec §1.5).</summary>
    private static IResult OtherMethod(HttpContext http, DjoserEndpointRow<TUser> row, string[] served)
    {
        http.Response.Headers.Allow = string.Join(", ", served.Append(HttpMethods.Options));
        if (!HttpMethods.IsOptions(http.Request.Method))
        {
            return DjoserResults.Detail(StatusCodes.Status405MethodNotAllowed,
                string.Format(CultureInfo.InvariantCulture, DjoserMessages.MethodNotAllowedFormat, http.Request.Method.ToUpperInvariant()));
        }

        return DjoserResults.Json(StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("name", row.Summary);
            writer.WriteString("description", string.Empty);
            writer.WriteStartArray("renders");
            writer.WriteStringValue("application/json");
            writer.WriteEndArray();
            writer.WriteStartArray("parses");
            writer.WriteStringValue("application/json");
            writer.WriteStringValue("application/x-www-form-urlencoded");
            writer.WriteStringValue("multipart/form-data");
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>Resolves each permission's policy once, at mapping time, so a policy name that does not exist stops the start.</summary>
    private sealed class PolicyResolver(IAuthorizationPolicyProvider provider, DjoserPermissionOptions permissions)
    {
        private readonly Dictionary<DjoserPermission, AuthorizationPolicy> _resolved = [];
        private AuthorizationPolicy? _allowAny;

        /// <summary>The policy name a permission resolves to.</summary>
        public string NameOf(DjoserPermission? permission) =>
            DjoserPolicies.PolicyName(permission is { } key ? permissions.Of(key) : DjoserPolicies.AllowAny);

        public AuthorizationPolicy Of(DjoserPermission? permission)
        {
            if (permission is not { } key)
            {
                return _allowAny ??= Resolve(DjoserPolicies.AllowAny, "The API root");
            }

            if (!_resolved.TryGetValue(key, out var policy))
            {
                policy = Resolve(permissions.Of(key), $"Djoser:Permissions:{key}");
                _resolved[key] = policy;
            }

            return policy;
        }

        private AuthorizationPolicy Resolve(string configured, string setting)
        {
            var name = DjoserPolicies.PolicyName(configured);
            return provider.GetPolicyAsync(name).GetAwaiter().GetResult()
                ?? throw new InvalidOperationException(
                    $"{setting} names the authorization policy '{configured}', which is not registered. Use one of djoser's " +
                    $"({DjoserPolicies.AllowAny}, {DjoserPolicies.IsAuthenticated}, {DjoserPolicies.IsAdminUser}, {DjoserPolicies.CurrentUserOrAdmin}, " +
                    $"{DjoserPolicies.CurrentUserOrAdminOrReadOnly}) or add yours with services.AddAuthorization(o => o.AddPolicy(\"{configured}\", …)).");
        }
    }
}

/// <summary>What a djoser endpoint is: its djoser URL name and the permission it checks (for route tables and OpenAPI).</summary>
/// <param name="UrlName">djoser's URL name.</param>
/// <param name="Permission">The permission key, or <c>null</c> for the API root's <c>AllowAny</c>.</param>
/// <param name="Policy">The authorization policy the permission resolved to.</param>
public sealed record DjoserEndpointMetadata(string UrlName, DjoserPermission? Permission, string Policy);
