using System.Collections.Concurrent;

namespace Djoser.Model;

/// <summary>
/// Where generated code registers its <see cref="IDjoserUserModel{TUser}"/> (from a module initializer), so the
/// runtime's generic entry points find it without reflection.
/// </summary>
public static class DjoserModelRegistry
{
    private static readonly ConcurrentDictionary<Type, object> Models = new();

    /// <summary>Registers the generated model of <typeparamref name="TUser"/>. Called by generated code.</summary>
    public static void Register<TUser>(IDjoserUserModel<TUser> model)
        where TUser : class => Models[typeof(TUser)] = model;

    /// <summary>The generated model of <typeparamref name="TUser"/>.</summary>
    /// <exception cref="InvalidOperationException">No model was generated for the type.</exception>
    public static IDjoserUserModel<TUser> Get<TUser>()
        where TUser : class
    {
        // Touching the type runs its assembly's module initializer if nothing else has yet.
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(TUser).Module.ModuleHandle);
        return Models.TryGetValue(typeof(TUser), out var model)
            ? (IDjoserUserModel<TUser>)model
            : throw new InvalidOperationException(
                $"No Djoser model was generated for '{typeof(TUser).FullName}'. Mark the class with [Djoser.DjoserUser] " +
                "and make sure the project that declares it runs the generator: a PackageReference to Djoser.Gen carries it; " +
                "with a ProjectReference to Djoser.Runtime, also reference src/Djoser.Generators/Djoser.Generators.csproj with " +
                "OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\" (README, \"Install\").");
    }
}
