using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Hostile;

/// <summary>The hostile-input tests share one server and database of their own: they count every row of it.</summary>
[CollectionDefinition(Name)]
public sealed class HostileCollection : ICollectionFixture<ConflictoApiFactory>
{
    public const string Name = "hostile";
}
