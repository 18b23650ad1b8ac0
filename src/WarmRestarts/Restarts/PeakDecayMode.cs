namespace WarmRestarts.Restarts;

/// <summary>What the per-cycle peak decay multiplies.</summary>
public enum PeakDecayMode
{
    /// <summary>The peak: cycle <c>i</c> starts at <c>peak · decay^i</c> (timm's <c>cycle_decay</c>). It never falls below that cycle's floor.</summary>
    Peak = 0,

    /// <summary>The amplitude above the floor: cycle <c>i</c> starts at <c>floor + (peak − floor) · decay^i</c> (Keras's <c>m_mul</c>).</summary>
    Amplitude = 1,
}
