#!/usr/bin/env pwsh
# Restores, builds, tests and packs Djoser.Gen: the same dotnet commands the README and CI use.
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [string] $PackageOutput = (Join-Path $PSScriptRoot 'artifacts'),

    # Empty: the package is 0.1.0-dev.<UTC time> (see Directory.Build.props); set: every step builds this version.
    [string] $Version = '',

    [switch] $SkipTests
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function Invoke-Dotnet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    Write-Host "dotnet $Arguments" -ForegroundColor Cyan
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $Arguments failed with exit code $LASTEXITCODE"
    }
}

$solution = Join-Path $PSScriptRoot 'Djoser.Gen.sln'
$versionArguments = @()
if ($Version) {
    $versionArguments = @("-p:Version=$Version")
}

Invoke-Dotnet restore $solution @versionArguments
Invoke-Dotnet build $solution --configuration $Configuration --no-restore @versionArguments
if (-not $SkipTests) {
    Invoke-Dotnet test $solution --configuration $Configuration --no-build @versionArguments
}
Invoke-Dotnet pack (Join-Path $PSScriptRoot 'src/Djoser.Runtime/Djoser.Runtime.csproj') --configuration $Configuration --no-build --output $PackageOutput @versionArguments
