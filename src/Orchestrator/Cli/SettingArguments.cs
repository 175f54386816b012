namespace Orchestrator.Cli;

/// <summary>
/// The extra arguments <c>serve</c> and <c>worker</c> take: settings as <c>--Section:Key=value</c> or
/// <c>--Section:Key value</c> (any configuration key; they win over appsettings.json and the environment). Anything
/// else is refused, so that a mistyped option (<c>--urls</c> for <c>--url</c>) is an error rather than a setting
/// nobody reads.
/// </summary>
internal static class SettingArguments
{
    /// <summary>The first argument that is not a setting, as a one-line reason; null when all are settings.</summary>
    public static string? Problem(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal))
            {
                return $"unexpected argument '{token}'; settings are given as --Section:Key=value, e.g. --Orchestrator:Url=http://127.0.0.1:5080";
            }

            var equals = token.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? token[2..] : token[2..equals];
            if (!key.Contains(':', StringComparison.Ordinal))
            {
                return $"unknown option '--{key}'; settings are given as --Section:Key=value, e.g. --Orchestrator:Url=http://127.0.0.1:5080 (--help lists the options)";
            }

            if (equals < 0)
            {
                // --Section:Key value: the next token is the value (the configuration's own command-line reading).
                if (i + 1 >= tokens.Count)
                {
                    return $"setting '--{key}' has no value; give it as --{key}=value";
                }

                i++;
            }
        }

        return null;
    }
}
