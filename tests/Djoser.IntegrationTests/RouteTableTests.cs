using System.Runtime.CompilerServices;
using System.Text;
using Djoser.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Djoser.IntegrationTests;

/// <summary>
/// Each layout's route table as mapped (methods, path, djoser URL name, permission key, policy, endpoint name), compared with a
/// committed snapshot: RouteTables/{layout}.verified.txt. <c>DJOSER_ACCEPT_SNAPSHOTS=1</c> accepts a change.
/// </summary>
public sealed class RouteTableTests(DjoserApp v1, UsernameSampleApp v05, V2DjoserApp v2) : IClassFixture<DjoserApp>, IClassFixture<UsernameSampleApp>, IClassFixture<V2DjoserApp>
{
    [Fact]
    public void V1_RouteTable_MatchesSnapshot()
    {
        v1.CreateClient().Dispose();
        Verify("V1", v1.Services);
    }

    [Fact]
    public void V05_RouteTable_MatchesSnapshot()
    {
        v05.CreateClient().Dispose();
        Verify("V05", v05.Services);
    }

    [Fact]
    public void V2_RouteTable_MatchesSnapshot()
    {
        v2.CreateClient().Dispose();
        Verify("V2", v2.Services);
    }

    internal static void Verify(string layout, IServiceProvider services, [CallerFilePath] string source = "")
    {
        var table = new StringBuilder();
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<DjoserEndpointMetadata>() is not null);
        foreach (var endpoint in endpoints)
        {
            var djoser = endpoint.Metadata.GetMetadata<DjoserEndpointMetadata>()!;
            var methods = string.Join(",", endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []);
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "(unnamed)";
            table.Append(methods.PadRight(34)).Append(' ')
                .Append(endpoint.RoutePattern.RawText!.PadRight(34)).Append(' ')
                .Append(djoser.UrlName.PadRight(24)).Append(' ')
                .Append((djoser.Permission?.ToString() ?? "-").PadRight(20)).Append(' ')
                .Append(djoser.Policy.PadRight(26)).Append(' ')
                .Append(name).Append('\n');
        }

        SnapshotFile.Verify(Path.Combine(Path.GetDirectoryName(source)!, "RouteTables"), layout, "txt", table.ToString(), $"The {layout} route table");
    }
}
