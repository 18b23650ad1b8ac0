namespace WarmRestarts.TorchSharp.Experiments;

/// <summary>How a comparison's run begins.</summary>
public enum RunStart
{
    /// <summary>Trained from the start.</summary>
    Fresh = 0,

    /// <summary>Continued from the checkpoint of an interrupted earlier attempt.</summary>
    Resumed = 1,

    /// <summary>Already finished in the output folder; its stored outcome is reused.</summary>
    Skipped = 2,
}
