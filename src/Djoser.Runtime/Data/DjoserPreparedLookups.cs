using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Djoser.Data;

/// <summary>
/// Runs the queries of <see cref="DjoserLookupContexts{TContext}"/>' kept contexts on commands prepared once per
/// connection, instead of the new command EF makes for every execution (issue 13). EF still writes the SQL, binds its
/// parameters and reads the rows; only the execution moves to a command that keeps its prepared statement: SQLite
/// compiles the statement once rather than per query (Microsoft.Data.Sqlite keeps prepared statements per command
/// only), and PostgreSQL plans it once on the server.
/// </summary>
/// <remarks>
/// Any other command (a request's own context, the application's queries) passes through untouched: the kept context
/// marks its query with an async-local value (<see cref="Run"/>) that names its connection, and a command on any other
/// connection, or made outside that call, is left alone.
/// </remarks>
internal sealed class DjoserPreparedLookups : DbCommandInterceptor
{
    private static readonly AsyncLocal<Statements?> Current = new();

    /// <summary>Marks the rest of the calling async method as a query of the kept connection <paramref name="statements"/> serves.</summary>
    public static void Run(Statements statements) => Current.Value = statements;

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        if (result.HasResult || Current.Value is not { } statements || !ReferenceEquals(command.Connection, statements.Connection))
        {
            return result;
        }

        var prepared = await statements.GetAsync(command, cancellationToken).ConfigureAwait(false);
        return InterceptionResult<DbDataReader>.SuppressWithResult(await prepared.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The prepared commands of one kept connection, by SQL text; used by one query at a time.</summary>
    internal sealed class Statements(DbConnection connection) : IAsyncDisposable, IDisposable
    {
        // The kept contexts run one compiled query, in a text per batch size on SQLite (DjoserTokenLookups pads its
        // batches to 1, 2, 4 … 256 keys: nine texts); room for a second model's as well, and still bounded.
        private const int Limit = 20;

        private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

        public DbConnection Connection { get; } = connection;

        /// <summary>The prepared twin of EF's <paramref name="command"/>, with its parameter values and timeout.</summary>
        public async Task<DbCommand> GetAsync(DbCommand command, CancellationToken cancellationToken)
        {
            if (_commands.TryGetValue(command.CommandText, out var prepared) && prepared.Parameters.Count == command.Parameters.Count)
            {
                for (var i = 0; i < command.Parameters.Count; i++)
                {
                    prepared.Parameters[i].Value = command.Parameters[i].Value;
                    prepared.Parameters[i].Size = command.Parameters[i].Size;
                }
            }
            else
            {
                if (prepared is not null || _commands.Count >= Limit)
                {
                    await DisposeAsync().ConfigureAwait(false);
                }

                // EF's own parameters move to the new command, with every provider-specific type setting they carry.
                prepared = Connection.CreateCommand();
                try
                {
                    prepared.CommandText = command.CommandText;
                    var parameters = command.Parameters.Cast<DbParameter>().ToArray();
                    command.Parameters.Clear();
                    prepared.Parameters.AddRange(parameters);
                    await prepared.PrepareAsync(cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await prepared.DisposeAsync().ConfigureAwait(false);
                    throw;
                }

                _commands[command.CommandText] = prepared;
                Prepared++;
            }

            prepared.CommandTimeout = command.CommandTimeout;
            prepared.Transaction = command.Transaction;
            return prepared;
        }

        /// <summary>How many commands were prepared on this connection; for tests.</summary>
        internal int Prepared { get; private set; }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _commands.Clear();
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in _commands.Values)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }

            _commands.Clear();
        }
    }
}
