using System.Diagnostics.Metrics;

namespace Djoser.Emails.Outbox;

/// <summary>
/// The outbox's instruments on the meter <c>Djoser</c>: the backlog (e-mails neither sent nor failed) as an observable
/// gauge, and counters of sent, retried and failed e-mails. The backlog is the count of the dispatcher's last pass, so
/// a scrape costs no query.
/// </summary>
internal sealed class DjoserOutboxMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Djoser";

    /// <summary>The backlog gauge's name.</summary>
    public const string BacklogName = "djoser.email.outbox.backlog";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _failed;
    private long _backlog;

    public DjoserOutboxMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge(BacklogName, () => Volatile.Read(ref _backlog), "{message}", "Queued e-mails neither sent nor failed, as of the dispatcher's last pass.");
        _sent = meter.CreateCounter<long>("djoser.email.outbox.sent", "{message}", "E-mails the outbox delivered.");
        _retried = meter.CreateCounter<long>("djoser.email.outbox.retried", "{message}", "Delivery attempts that failed and were scheduled again.");
        _failed = meter.CreateCounter<long>("djoser.email.outbox.failed", "{message}", "E-mails given up: attempts exhausted, expired, or the user gone.");
    }

    /// <summary>The backlog of the last pass.</summary>
    public long Backlog
    {
        get => Volatile.Read(ref _backlog);
        set => Volatile.Write(ref _backlog, value);
    }

    public void Sent(DjoserEmailKind kind) => _sent.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString()));

    public void Retried(DjoserEmailKind kind) => _retried.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString()));

    public void Failed(DjoserEmailKind kind) => _failed.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString()));
}
