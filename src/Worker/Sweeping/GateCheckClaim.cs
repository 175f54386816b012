namespace Worker.Sweeping;

/// <summary>A due gate check this node claimed: the rollout, and how many times its check has failed in a row.</summary>
internal sealed record GateCheckClaim(string RolloutId, int Attempt);
