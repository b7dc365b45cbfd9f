using System.Diagnostics;
using System.IO.Compression;

namespace Djoser.Repository.Tests;

/// <summary>
/// The package a user installs: one Djoser.Gen package that carries the generator, and a project that references
/// nothing else of ours builds a <c>[DjoserUser]</c> model with it.
/// </summary>
public sealed class PackageTests : IDisposable
{
    // A version no earlier run used, so NuGet's global cache cannot hand back a stale package.
    private readonly string _version = "0.0.0-test." + Guid.NewGuid().ToString("N")[..12];
    private readonly string _work = Path.Combine(Path.GetTempPath(), "djoser-package-" + Guid.NewGuid().ToString("N"));

    public PackageTests() => Directory.CreateDirectory(_work);

    [Fact]
    public async Task Package_CarriesGenerator_AndBuildsAScratchModel()
    {
        var feed = Path.Combine(_work, "feed");
        await DotnetAsync(RepositoryRoot.Path, "pack", "src/Djoser.Runtime/Djoser.Runtime.csproj", "-c", "Release", "-o", feed, $"-p:Version={_version}");

        var package = Path.Combine(feed, $"Djoser.Gen.{_version}.nupkg");
        using (var archive = ZipFile.OpenRead(package))
        {
            var entries = archive.Entries.Select(entry => entry.FullName).ToList();
            Assert.Contains("analyzers/dotnet/cs/Djoser.Generators.dll", entries);
            Assert.Contains("lib/net10.0/Djoser.Runtime.dll", entries);
            Assert.Contains("THIRD-PARTY-NOTICES.md", entries);
        }

        var project = Path.Combine(_work, "Scratch");
        Directory.CreateDirectory(project);
        await File.WriteAllTextAsync(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="djoser-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(project, "Scratch.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <WarningsNotAsErrors>NU1603</WarningsNotAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Djoser.Gen" Version="{_version}" />
                <PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="10.0.15" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), """
            using Djoser;
            using Djoser.Data;
            using Djoser.Endpoints;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
            using Microsoft.EntityFrameworkCore;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDbContext<ScratchDb>(options => options.UseSqlite("Data Source=scratch.db"));
            builder.Services.AddDjoser<Member, ScratchDb>();
            var app = builder.Build();
            app.MapDjoser("/auth");

            // The generator's typed surface is there to use.
            Console.WriteLine(typeof(MemberRegisterRequest).FullName);
            Console.WriteLine(typeof(MemberResponse).FullName);

            [DjoserUser(RequiredFields = [nameof(Nickname)])]
            public class Member : IdentityUser<int>
            {
                public string Nickname { get; set; } = "";
            }

            public class ScratchDb(DbContextOptions<ScratchDb> options) : IdentityDbContext<Member, IdentityRole<int>, int>(options)
            {
                protected override void OnModelCreating(ModelBuilder builder)
                {
                    base.OnModelCreating(builder);
                    builder.ApplyDjoserModel<Member>();
                }
            }
            """);

        await DotnetAsync(project, "build", "-c", "Release");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // Left under the temp folder.
        }
    }

    private static async Task DotnetAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The outer `dotnet test` sets MSBuild variables that would leak into the child build.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await error}");
    }
}
