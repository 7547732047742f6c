using Conflicto.Tests.Integration.Infrastructure;

namespace Conflicto.Tests.Integration.Legacy;

/// <summary>The shared server, an <see cref="Api"/> on it, and a <see cref="LegacyClient"/> whose hub connections close after each test.</summary>
public abstract class LegacyTests : IAsyncDisposable
{
    protected LegacyTests(ConflictoApiFactory factory)
    {
        Factory = factory;
        _api = new Api(factory.CreateClient());
        _legacy = new LegacyClient(factory, _api);
    }

    protected ConflictoApiFactory Factory { get; }
    protected readonly Api _api;
    protected readonly LegacyClient _legacy;

    public ValueTask DisposeAsync() => _legacy.DisposeAsync();
}
