namespace Tests.Common.Crashes;

/// <summary>When, relative to one side-effecting call, the process dies.</summary>
public enum CrashMoment
{
    /// <summary>Before the call reaches the endpoint or the database: it never takes effect.</summary>
    Before,

    /// <summary>After the call took effect, before its caller saw the answer (e.g. the endpoint updated, the state not stored).</summary>
    After,
}
