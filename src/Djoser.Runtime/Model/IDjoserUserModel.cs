using Djoser.Binding;
using Djoser.Errors;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.Model;

/// <summary>
/// What the generator knows about one <c>[DjoserUser]</c> class, handed to the runtime: the username field,
/// the required fields, the typed registrations that close the runtime's generic services over the user's key,
/// and the generated payloads behind one non-generic surface, so a new payload adds a member here, never a type
/// parameter to the runtime. Implemented by generated code; registered in
/// <see cref="DjoserModelRegistry"/> when the user's assembly loads.
/// </summary>
/// <typeparam name="TUser">The user model.</typeparam>
public interface IDjoserUserModel<TUser>
    where TUser : class
{
    /// <summary>djoser's <c>USERNAME_FIELD</c>.</summary>
    DjoserFieldInfo UsernameField { get; }

    /// <summary>djoser's <c>REQUIRED_FIELDS</c>, in declaration order.</summary>
    IReadOnlyList<DjoserFieldInfo> RequiredFields { get; }

    /// <summary>The generated request and response types, for the OpenAPI document.</summary>
    DjoserPayloadTypes PayloadTypes { get; }

    /// <summary>The username field's value.</summary>
    string? GetUsername(TUser user);

    /// <summary>Sets the username field and keeps Identity's <c>UserName</c> equal to it.</summary>
    void SetUsername(TUser user, string username);

    /// <summary>
    /// Reads the username field from a registration body with the register request's rules, so uniqueness can be
    /// reported beside the other fields' errors as DRF does; <c>null</c> when it is absent or invalid.
    /// </summary>
    string? ReadUsername(DjoserRequestBody body, DjoserValidationErrors errors);

    /// <summary>
    /// The user's text attributes a password must not resemble (Django's <c>UserAttributeSimilarityValidator</c>):
    /// verbose name → value, for the username field, the e-mail and the string required fields.
    /// </summary>
    IEnumerable<KeyValuePair<string, string?>> GetSimilarityAttributes(TUser user);

    /// <summary>Registers the runtime services closed over this model's key type and <typeparamref name="TContext"/>.</summary>
    void AddServices<TContext>(IServiceCollection services)
        where TContext : DbContext;

    /// <summary>Adds djoser's entities (auth tokens, login records) to the user's EF Core model.</summary>
    void ConfigureModel(ModelBuilder modelBuilder);

    /// <summary>Binds a registration body with the generated request type; <c>null</c> when <paramref name="errors"/> then holds any error.</summary>
    IDjoserRegistration<TUser>? BindRegistration(DjoserRequestBody body, DjoserValidationErrors errors);

    /// <summary>Binds a PUT (<paramref name="partial"/> false) or PATCH body of a user; <c>null</c> on errors.</summary>
    IDjoserUserUpdate<TUser>? BindUpdate(DjoserRequestBody body, bool partial, DjoserValidationErrors errors);

    /// <summary>Binds a set-username body; <paramref name="retype"/> asks for <c>re_new_…</c>. <c>null</c> on errors.</summary>
    IDjoserUsernameChange? BindSetUsername(DjoserRequestBody body, bool retype, DjoserValidationErrors errors);

    /// <summary>
    /// Binds 2.x's username reset confirm: <c>new_…</c> (and <c>re_new_…</c> with <paramref name="retype"/>), no
    /// <c>current_password</c>. <c>null</c> on errors.
    /// </summary>
    IDjoserUsernameChange? BindNewUsername(DjoserRequestBody body, bool retype, DjoserValidationErrors errors);

    /// <summary>
    /// The filter of the user whose <c>UserIdField</c> is <paramref name="routeValue"/> (2.x's <c>/users/{id}/</c>), or
    /// <c>null</c> when the value cannot be one (e.g. <c>abc</c> for an integer): then no user matches (404).
    /// </summary>
    System.Linq.Expressions.Expression<Func<TUser, bool>>? MatchUserId(string routeValue);

    /// <summary>djoser's <c>LOGIN_FIELD</c>: the body field of token login (the username field unless the model names another).</summary>
    DjoserFieldInfo LoginField { get; }

    /// <summary>
    /// The filter of the user whose <c>LoginField</c> is <paramref name="login"/>, or <c>null</c> when users log in by
    /// the username field, looked up through Identity's normalized <c>UserName</c>.
    /// </summary>
    System.Linq.Expressions.Expression<Func<TUser, bool>>? MatchLogin(string login);

    /// <summary>Writes the user object of <paramref name="user"/> in the key order of <paramref name="shape"/>.</summary>
    void WriteUser(Utf8JsonWriter writer, TUser user, DjoserUserShape shape);
}
