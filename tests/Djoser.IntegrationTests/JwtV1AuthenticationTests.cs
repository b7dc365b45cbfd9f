using System.Net;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Djoser.IntegrationTests;

/// <summary>
/// djangorestframework-jwt 1.11's <c>JSONWebTokenAuthentication</c> in front of djoser 1.1's endpoints: a bad
/// <c>Authorization: JWT …</c> header answers drf-jwt's 401 <c>{"detail"}</c>, never simplejwt's shape.
/// </summary>
public sealed class JwtV1AuthenticationTests(JwtV1App app) : JwtEndpointTestBase(app), IClassFixture<JwtV1App>
{
    private Task<DjoserResponse> MeAsync(string authorization) =>
        Client.SendAsync(HttpMethod.Get, "/auth/me/", null, null, authorization);

    private async Task<(string Email, string Token)> TokenAsync()
    {
        var email = await ActiveEmailAsync();
        var created = await PostAsync("/auth/jwt/create/", new { email, password = Password });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        return (email, Field(created, "token"));
    }

    private static string SignWith(Dictionary<string, object> claims, string secret, string algorithm) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), algorithm),
        });

    private Dictionary<string, object> Claims(string username) => new()
    {
        ["user_id"] = 1,
        ["username"] = username,
        ["exp"] = Time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds(),
        ["orig_iat"] = Time.GetUtcNow().ToUnixTimeSeconds(),
    };

    private async Task Refused(string authorization, string detail)
    {
        var response = await MeAsync(authorization);
        response.Is(HttpStatusCode.Unauthorized, $$"""{"detail":"{{detail}}"}""");
        HasChallenge(response);
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("jwt")]
    public async Task Me_WithDrfJwtToken_PrefixInAnyCase_ReturnsTheUser(string prefix)
    {
        var (email, token) = await TokenAsync();

        var me = await MeAsync($"{prefix} {token}");

        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(email, me.Json!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Me_ExpiredToken_Returns401SignatureHasExpired()
    {
        var (_, token) = await TokenAsync();
        Time.Advance(TimeSpan.FromSeconds(299));
        Assert.Equal(HttpStatusCode.OK, (await MeAsync("JWT " + token)).Status);

        Time.Advance(TimeSpan.FromSeconds(1));

        await Refused("JWT " + token, "Signature has expired.");
    }

    [Fact]
    public async Task Me_MalformedOrForeignSignedToken_Returns401ErrorDecodingSignature()
    {
        var email = await ActiveEmailAsync();

        await Refused("JWT garbage", "Error decoding signature.");
        await Refused("JWT " + SignWith(Claims(email), "another-signing-key-of-more-than-256-bits-long", SecurityAlgorithms.HmacSha256), "Error decoding signature.");
    }

    [Fact]
    public async Task Me_TokenPyJwtRefusesOtherwise_Returns401DrfsDefaultText()
    {
        var email = await ActiveEmailAsync();
        var otherAlgorithm = SignWith(Claims(email), JwtAuthenticationTests.Secret + "-and-long-enough-for-hs512-keys", SecurityAlgorithms.HmacSha512);
        var notYet = Claims(email);
        notYet["nbf"] = Time.GetUtcNow().AddMinutes(1).ToUnixTimeSeconds();

        await Refused("JWT " + otherAlgorithm, "Incorrect authentication credentials.");
        await Refused("JWT " + Sign(notYet), "Incorrect authentication credentials.");
    }

    [Fact]
    public async Task Me_TokenWithoutUsername_Returns401InvalidPayload()
    {
        var claims = Claims("ignored");
        claims.Remove("username");

        await Refused("JWT " + Sign(claims), "Invalid payload.");
    }

    [Fact]
    public async Task Me_TokenOfUnknownUsername_Returns401InvalidSignature()
    {
        await Refused("JWT " + Sign(Claims(NewEmail())), "Invalid signature.");
    }

    [Fact]
    public async Task Me_TokenIssuedBeforeAUsernameChange_Returns401InvalidSignature_AlthoughItsUserIsCached()
    {
        var (_, token) = await TokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await MeAsync("JWT " + token)).Status);

        var changed = await Client.SendAsync(HttpMethod.Post, "/auth/email/", JsonContent(new { new_email = NewEmail(), current_password = Password }), null, "JWT " + token);
        changed.IsEmpty(HttpStatusCode.NoContent);

        // drf-jwt finds the user by the token's username, which is nobody's now.
        await Refused("JWT " + token, "Invalid signature.");
    }

    [Fact]
    public async Task Me_TokenWhoseUserIdNamesAnotherUser_IsTheUserItsUsernameNames()
    {
        var (_, first) = await TokenAsync();
        var (secondEmail, _) = await TokenAsync();
        var firstId = (await MeAsync("JWT " + first)).Json!["id"]!.ToString();

        var claims = Claims(secondEmail);
        claims["user_id"] = firstId;
        var me = await MeAsync("JWT " + Sign(claims));

        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(secondEmail, me.Json!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Me_TokenOfDeactivatedUser_Returns401UserAccountIsDisabled()
    {
        var (email, token) = await TokenAsync();
        await DeactivateAsync(email);

        await Refused("JWT " + token, "User account is disabled.");
    }

    [Fact]
    public async Task Me_BadHeaderShapes_Return401DrfJwtsHeaderTexts()
    {
        var (_, token) = await TokenAsync();

        await Refused("JWT", "Invalid Authorization header. No credentials provided.");
        await Refused($"JWT {token} extra", "Invalid Authorization header. Credentials string should not contain spaces.");
    }

    [Fact]
    public async Task Me_BearerHeader_IsNotDrfJwts_AndIsLeftUnauthenticated()
    {
        var (_, token) = await TokenAsync();

        await Refused("Bearer " + token, "Authentication credentials were not provided.");
    }
}
