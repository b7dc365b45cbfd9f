using Microsoft.AspNetCore.Identity;

namespace Djoser.Tokens;

/// <summary>
/// Activation, password reset and username reset tokens through Identity's token providers: <see cref="UserManager{TUser}"/>
/// with the <see cref="DjoserTokenProvider{TUser}"/> registered as <c>"Djoser"</c>.
/// </summary>
internal sealed class DjoserUserTokens<TUser> : IDjoserUserTokens<TUser>
    where TUser : class
{
    private readonly UserManager<TUser> _users;

    public DjoserUserTokens(UserManager<TUser> users)
    {
        _users = users;
    }

    /// <summary>The Identity purpose string of <paramref name="purpose"/>.</summary>
    internal static string PurposeName(DjoserTokenPurpose purpose) => purpose switch
    {
        DjoserTokenPurpose.Activation => "Djoser.Activation",
        DjoserTokenPurpose.PasswordReset => "Djoser.PasswordReset",
        DjoserTokenPurpose.UsernameReset => "Djoser.UsernameReset",
        DjoserTokenPurpose.EmailChange => "Djoser.EmailChange",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Unknown token purpose."),
    };

    public Task<string> GenerateAsync(TUser user, DjoserTokenPurpose purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        cancellationToken.ThrowIfCancellationRequested();
        return _users.GenerateUserTokenAsync(user, DjoserTokenProvider<TUser>.ProviderName, PurposeName(purpose));
    }

    public Task<bool> ValidateAsync(TUser user, DjoserTokenPurpose purpose, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        cancellationToken.ThrowIfCancellationRequested();
        if (string.IsNullOrEmpty(token) || !Enum.IsDefined(purpose))
        {
            return Task.FromResult(false);
        }

        return _users.VerifyUserTokenAsync(user, DjoserTokenProvider<TUser>.ProviderName, PurposeName(purpose), token);
    }
}
