using Microsoft.AspNetCore.Identity;

namespace Djoser.Tokens;

/// <summary>
/// djangorestframework-jwt's <c>jwt_payload_handler</c> for <typeparamref name="TUser"/>: the user id claim (a JSON
/// number for integer keys, as for simplejwt), <c>username</c> (the username field's value, Identity's
/// <c>UserName</c>) and <c>email</c>.
/// </summary>
internal sealed class DjoserJwtDrfTokens<TUser, TKey>(DjoserJwtCodec codec)
    where TUser : IdentityUser<TKey>
    where TKey : IEquatable<TKey>
{
    /// <summary>A new token; <paramref name="origIat"/> is kept from the token refreshed, or now for a login.</summary>
    public DjoserJwtToken Create(TUser user, DateTimeOffset? origIat)
    {
        ArgumentNullException.ThrowIfNull(user);
        object userId = user.Id switch
        {
            int or long or short or uint or ulong or ushort or byte or sbyte => user.Id,
            _ => user.Id.ToString() ?? string.Empty,
        };
        return codec.CreateDrfJwt(userId, user.UserName ?? string.Empty, user.Email, origIat);
    }
}
