using System.Text.Json;
using Djoser.Errors;
using Microsoft.AspNetCore.Http;

namespace Djoser.Authentication;

/// <summary>
/// An authentication failure whose 401 body is more than DRF's <c>{"detail": …}</c>: simplejwt's exceptions add a
/// <c>code</c> and, for a token no token class accepts, the <c>messages</c> of each (spec §12). Hand it to
/// <c>AuthenticateResult.Fail</c>; djoser's endpoints and the scheme's own challenge write the whole body.
/// </summary>
public sealed class DjoserAuthenticationFailure : Exception
{
    private readonly Action<Utf8JsonWriter>? _writeMore;

    /// <summary>A failure answering <c>{"detail": detail, "code": code, …}</c>.</summary>
    /// <param name="detail">The <c>detail</c> text.</param>
    /// <param name="code">The <c>code</c>, or null for none.</param>
    /// <param name="writeMore">Writes the members after <c>code</c>, if any.</param>
    public DjoserAuthenticationFailure(string detail, string? code, Action<Utf8JsonWriter>? writeMore = null)
        : base(detail)
    {
        Code = code;
        _writeMore = writeMore;
    }

    /// <summary>The body's <c>code</c>, e.g. <c>token_not_valid</c>.</summary>
    public string? Code { get; }

    /// <summary>Writes the body object.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("detail", Message);
        if (Code is not null)
        {
            writer.WriteString("code", Code);
        }

        _writeMore?.Invoke(writer);
        writer.WriteEndObject();
    }

    /// <summary>The 401 with this body and <paramref name="challenge"/> as <c>WWW-Authenticate</c>.</summary>
    internal IResult ToResult(string challenge) => new ChallengedResult(this, challenge);

    private sealed class ChallengedResult(DjoserAuthenticationFailure failure, string challenge) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => StatusCodes.Status401Unauthorized;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.WWWAuthenticate = challenge;
            return DjoserResults.Json(StatusCodes.Status401Unauthorized, failure.WriteTo).ExecuteAsync(httpContext);
        }
    }
}
