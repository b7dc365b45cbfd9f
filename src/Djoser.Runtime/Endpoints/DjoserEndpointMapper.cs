using Microsoft.AspNetCore.Routing;

namespace Djoser.Endpoints;

/// <summary>Carries the generated model's endpoint mapping from <c>AddDjoser</c> to <c>MapDjoser</c>, which is not generic.</summary>
internal sealed class DjoserEndpointMapper(Action<IEndpointRouteBuilder> map)
{
    public void Map(IEndpointRouteBuilder endpoints) => map(endpoints);
}
