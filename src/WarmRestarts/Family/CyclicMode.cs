namespace WarmRestarts.Family;

/// <summary>How the amplitude of a <see cref="CyclicSchedule"/> changes from cycle to cycle (PyTorch <c>CyclicLR</c>'s <c>mode</c>).</summary>
public enum CyclicMode
{
    /// <summary><c>'triangular'</c>: the same triangle every cycle.</summary>
    Triangular = 0,

    /// <summary><c>'triangular2'</c>: the amplitude halves every cycle, <c>1 / 2^(cycle − 1)</c>.</summary>
    Triangular2 = 1,

    /// <summary><c>'exp_range'</c>: the amplitude is multiplied by <c>gamma^t</c> (per unit of progress).</summary>
    ExpRange = 2,
}
